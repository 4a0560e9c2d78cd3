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

describe("every field an error reads from a server", () => {
  /** Everything of an error a user or a log can see, and each server-sourced field on its own. */
  const everything = (error: unknown) => {
    const each = error as SecretsError;
    return [shown(error), String(each.requestId), String(each.providerCode), String(each.serverMessage)].join("\n");
  };
  const value = fc.string({ unit: "grapheme-ascii", minLength: 8, maxLength: 24 }).filter((text) => text.trim().length >= 8);
  const statuses = fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503);

  it("Gcore: the API key and the upload's PEMs echoed in message, exception_class, request_id and X-Request-ID", async () => {
    await fc.assert(
      fc.asyncProperty(statuses, fc.boolean(), async (status, asJson) => {
        const echo = (request: Request, body: string) => {
          const said = `${request.headers.get("authorization")} ${body}`;
          const fields = { message: said, exception_class: said, request_id: said };
          return new Response(asJson ? JSON.stringify(fields) : said, {
            status,
            headers: { "content-type": asJson ? "application/json" : "text/plain", "x-request-id": request.headers.get("authorization")! },
          });
        };
        const fetch = observedFetch(async (request) => echo(request, await request.clone().text()));
        const client = createGcoreClient({
          baseUrl: "https://gcore.test",
          apiKey: GCORE_KEY,
          projectId: 1,
          regionId: 1,
          fetch,
          maxRetries: 0,
          env: {},
        });
        const error = await caught(client.uploadCertificate({ name: "c", certificate: PEM, certificateChain: PEM, privateKey: KEY }));
        const seen = everything(error);
        for (const secret of [GCORE_KEY, KEY.split("\n")[1]!, PEM.split("\n")[1]!]) expect(seen).not.toContain(secret);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it("Dapr: the token echoed in errorCode, message, a text body and the headers", async () => {
    await fc.assert(
      fc.asyncProperty(statuses, fc.boolean(), async (status, asJson) => {
        const client = dapr((request) => {
          const said = `token ${request.headers.get("dapr-api-token")}`;
          const body = asJson ? JSON.stringify({ errorCode: said, message: said }) : said;
          return new Response(body, {
            status,
            headers: { "content-type": asJson ? "application/json" : "text/plain", "x-request-id": said },
          });
        });
        const seen = everything(await caught(client.getSecret("vault", "db")));
        expect(seen).not.toContain(DAPR_TOKEN);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it("Voximplant: the value and the JWT echoed in the error's msg and code, for any value", async () => {
    await fc.assert(
      fc.asyncProperty(value, fc.integer({ min: 0, max: 999 }), async (secret, code) => {
        const { client } = voximplant(async (request) => {
          const said = `${request.headers.get("authorization")} ${new URLSearchParams(await request.clone().text()).get("secret_value")}`;
          return json({ error: { code, msg: said } });
        });
        const error = await caught(client.addSecret({ name: "a", value: secret }));
        const seen = everything(error).replaceAll("[REDACTED]", "\n");
        expect(seen).not.toContain(secret);
        expect(seen).not.toMatch(/eyJ[\w-]{20,}/);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it("our own wording is never cut: a one-letter value or one equal to the store's name garbles and reveals nothing", async () => {
    const short = await caught(dapr(json({ errorCode: "ERR_SECRET_GET", message: "store down" }, { status: 500 })).getSecret("vault", "v"));
    expect(short).toMatchObject({ operation: "getSecret", serverMessage: "store down" });
    expect((short as Error).message).toContain("secret v in store vault");
    const named = voximplant(json({ error: { code: 101, msg: "bad vault" } }));
    const error = await caught(named.client.addSecret({ name: "vault", value: "vault" }));
    // The server's echo is cut; the client's own words (the operation, the code) are left whole.
    expect(error).toMatchObject({ serverMessage: "bad [REDACTED]", operation: "AddSecret", providerCode: 101 });
    expect((error as Error).message).toMatch(/^voximplant AddSecret: refused \(code 101\): bad \[REDACTED\]/);
  });
});
