// Servers that echo what they were sent, on every message path: the credentials of the call (the Bearer JWT, the
// dapr-api-token, the Gcore API key) and its values and PEMs, raw or encoded, never reach an error's message,
// stack, toJSON or inspect output.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SecretsError } from "./core/errors.js";
import { createDaprClient } from "./providers/dapr/client.js";
import { createGcoreClient } from "./providers/gcore/client.js";
import { createVoximplantClient } from "./providers/voximplant/client.js";
import { resolveSecretReferences } from "./run-with-secrets.js";
import { fakePem, json, observedFetch, testRsaKey, text, type Reply } from "./testing/observed-fetch.js";

const rsa = testRsaKey();
const GCORE_KEY = "gk_7f3a9c1e5b2d4f60";
const DAPR_TOKEN = "dapr-token-55e0d9a1";
const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUWc3RlZC1jZXJ0aWZpY2F0ZQ\n-----END CERTIFICATE-----\n";
const KEY = fakePem("PRIVATE", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7");

const shown = (error: unknown) => {
  const each = error as Error;
  return [String(each), each.stack, JSON.stringify(each), inspect(each, { showHidden: true, depth: 10 }), inspect(each.cause)].join("\n");
};
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );

function voximplant(reply: Reply) {
  const fetch = observedFetch(reply);
  const client = createVoximplantClient({
    baseUrl: "https://vox.test/platform_api",
    credentials: { accountId: 1, keyId: "k", privateKey: rsa.privateKeyPem },
    application: { id: 1 },
    fetch,
    maxRetries: 0,
    env: {},
  });
  return { client, fetch };
}
const gcore = (...replies: Reply[]) =>
  createGcoreClient({
    baseUrl: "https://gcore.test",
    apiKey: GCORE_KEY,
    projectId: 1,
    regionId: 1,
    fetch: observedFetch(...replies),
    env: {},
  });
const dapr = (reply: Reply) =>
  createDaprClient({ baseUrl: "http://127.0.0.1:3500", apiToken: DAPR_TOKEN, fetch: observedFetch(reply), maxRetries: 0, env: {} });

describe("credentials echoed by a server", () => {
  it("Voximplant: the Bearer JWT, whole or bare", async () => {
    // The reply echoes the request's own Authorization header, as a debugging proxy might.
    const { client } = voximplant((request) =>
      json({
        error: {
          code: 999,
          msg: `rejected ${request.headers.get("authorization")} (token ${request.headers.get("authorization")?.slice(7)})`,
        },
      }),
    );
    const error = await caught(client.getSecretValue("apiKey"));
    expect(error).toBeInstanceOf(SecretsError);
    expect(shown(error)).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(String(error)).toContain("rejected [REDACTED] (token [REDACTED])");
  });

  it("Dapr: the dapr-api-token, in a JSON message and in a text body", async () => {
    for (const reply of [
      json({ errorCode: "ERR_SECRET_GET", message: `failed with token "${DAPR_TOKEN}"` }, { status: 500 }),
      text(`invalid api token ${DAPR_TOKEN}`, 401),
    ]) {
      const error = await caught(dapr(reply).getSecret("vault", "db"));
      expect(shown(error)).not.toContain(DAPR_TOKEN);
    }
  });

  it("Gcore: the API key, raw and base64", async () => {
    const echo = json({ message: `bad key ${GCORE_KEY} / ${Buffer.from(`APIKey ${GCORE_KEY}`).toString("base64")}` }, { status: 400 });
    const error = await caught(gcore(echo).getSecret(SECRET_ID));
    expect(shown(error)).not.toContain(GCORE_KEY);
    expect(shown(error)).not.toContain(Buffer.from(GCORE_KEY).toString("base64").slice(0, 16));
  });
});

describe("values and PEMs echoed by a server", () => {
  it("Voximplant: a value echoed form-encoded, URL-encoded or JSON-escaped, for any value (property)", async () => {
    const encodings = [
      (value: string) => new URLSearchParams({ v: value }).toString().slice(2),
      (value: string) => encodeURIComponent(value),
      (value: string) => JSON.stringify(value).slice(1, -1),
      (value: string) => value,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'pS9 @+&=%?#"\\\n/é€'), minLength: 6, maxLength: 30 }),
        fc.nat(encodings.length - 1),
        async (value, which) => {
          const echo = encodings[which]!(value);
          const { client } = voximplant(json({ error: { code: 485, msg: `Invalid secret_value '${echo}'` } }));
          const error = await caught(client.addSecret({ name: "apiKey", value }));
          for (const piece of shown(error).split("[REDACTED]")) expect(piece).not.toContain(echo);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("Gcore: a failed task that quotes the private key (a line, or base64) is redacted too", async () => {
    const line = KEY.split("\n")[1]!;
    const failed = json({
      id: "t1",
      user_id: 1,
      task_type: "create_secret",
      state: "ERROR",
      created_on: null,
      error: `key ${line} does not match; payload ${Buffer.from(KEY).toString("base64")}`,
    });
    const client = gcore(json({ tasks: ["t1"] }), failed);
    const error = await caught(client.uploadCertificateAndWait({ name: "c", certificate: PEM, certificateChain: PEM, privateKey: KEY }));
    expect(error).toMatchObject({ code: "ERR_TASK_FAILED" });
    expect(shown(error)).not.toContain(line);
    expect(shown(error)).not.toContain(Buffer.from(KEY).toString("base64").slice(0, 40));
  });

  it("run: a reference's failure never shows the value another reference resolved to", async () => {
    const other = "resolved-value-9c2e1f";
    const client = createDaprClient({
      baseUrl: "http://127.0.0.1:3500",
      fetch: observedFetch((request) =>
        request.url.includes("/first")
          ? json({ first: other })
          : json({ errorCode: "ERR_SECRET_GET", message: `store failed near ${encodeURIComponent(other)}` }, { status: 500 }),
      ),
      maxRetries: 0,
      env: {},
    });
    const error = await caught(resolveSecretReferences({ A: "dapr://vault/first", B: "dapr://vault/second" }, { dapr: client }));
    expect(error).toMatchObject({ code: "ERR_SECRET_REFERENCE", variable: "B" });
    expect(shown(error)).not.toContain(encodeURIComponent(other));
  });
});
