// Forces every error kind with known secret values and searches everything an error or a client shows.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { SECRETS_ERROR_CODES, SecretsError, type SecretsErrorCode } from "./core/errors.js";
import { createDaprClient } from "./providers/dapr/client.js";
import { createGcoreClient } from "./providers/gcore/client.js";
import { createVoximplantClient } from "./providers/voximplant/client.js";
import { resolveSecretReferences, runWithSecrets } from "./run-with-secrets.js";
import { fakePem, json, networkError, observedFetch, testRsaKey, text, type Reply } from "./testing/observed-fetch.js";

const VALUE = "SECRET-VALUE-7f3a9";
const GCORE_KEY = "GCORE-KEY-b81c2";
const DAPR_TOKEN = "DAPR-TOKEN-55e0d";
const DAPR_VALUE = "DAPR-VALUE-c4d1e";
const PEM = "-----BEGIN CERTIFICATE-----\nCERTBODY-e9e9\n-----END CERTIFICATE-----\n";
const KEY_PEM = fakePem("PRIVATE", "KEYBODY-a1a1");
const rsa = testRsaKey();
const keyMaterial = rsa.privateKeyPem.split("\n")[5]!;
const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";

const vox = (reply: Reply, extra = {}) => {
  const fetch = observedFetch(reply);
  return {
    fetch,
    client: createVoximplantClient({
      baseUrl: "https://vox.test",
      credentials: { accountId: 1, keyId: "k", privateKey: rsa.privateKeyPem },
      application: { id: 1 },
      fetch,
      maxRetries: 0,
      env: {},
      ...extra,
    }),
  };
};
const gcore = (reply: Reply) =>
  createGcoreClient({
    baseUrl: "https://gcore.test",
    apiKey: GCORE_KEY,
    projectId: 1,
    regionId: 1,
    fetch: observedFetch(reply),
    maxRetries: 0,
    env: {},
  });
const dapr = (reply: Reply) =>
  createDaprClient({
    baseUrl: "http://127.0.0.1:3500",
    apiToken: DAPR_TOKEN,
    store: "vault",
    fetch: observedFetch(reply),
    maxRetries: 0,
    env: {},
  });
const open = new Set<Request>(); // keeps hanging requests reachable, as a socket would
const hang = (request: Request) =>
  new Promise<Response>(
    (_resolve, reject) => (open.add(request), request.signal.addEventListener("abort", () => reject(request.signal.reason))),
  );
/**
 * A client whose token is signed already (answered calls until one fits in the limit), then whose requests hang: the
 * 50 ms limit then times the request alone. On a loaded machine the first signature can take longer than 50 ms, and a
 * write whose request never went out is a TimeoutError, not an unknown outcome.
 */
async function signedThenHanging() {
  const { client } = vox((request) => (new URL(request.url).pathname === "/DelSecret" ? json({ result: 1 }) : hang(request)), {
    timeoutMs: 50,
  });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.deleteSecrets({ ids: [1] });
      return client;
    } catch (error) {
      // A signature cut off by the limit goes on and is kept: the next attempt finds the token ready.
      if (attempt === 50 || (error as SecretsError).code !== "ERR_TIMEOUT") throw error;
    }
  }
}
const echo = `echo: ${VALUE} ${GCORE_KEY} ${DAPR_TOKEN} ${DAPR_VALUE}`;

const scenarios: Array<[SecretsErrorCode, () => Promise<unknown>]> = [
  ["ERR_NOT_FOUND", () => vox(json({ error: { code: 341, msg: `not found ${VALUE}` } })).client.updateSecret({ name: "a", value: VALUE })],
  [
    "ERR_AUTHENTICATION",
    () => vox(json({ error: { code: 100, msg: "Authorization failed" } })).client.addSecret({ name: "a", value: VALUE }),
  ],
  [
    "ERR_PERMISSION_DENIED",
    () => dapr(json({ errorCode: "ERR_PERMISSION_DENIED", message: "denied" }, { status: 403 })).getSecret("vault", "s"),
  ],
  ["ERR_VALIDATION", () => vox(json({})).client.addSecret({ name: "a", value: `${VALUE}${"x".repeat(9000)}` })],
  [
    "ERR_CONFLICT",
    () =>
      gcore(json({ exception_class: "ConflictError", message: "exists" }, { status: 409 })).uploadCertificate({
        name: "n",
        certificate: PEM,
        certificateChain: PEM,
        privateKey: KEY_PEM,
      }),
  ],
  ["ERR_RATE_LIMITED", () => gcore(json({ message: "slow" }, { status: 429, headers: { "retry-after": "1" } })).getSecret(SECRET_ID)],
  ["ERR_TIMEOUT", () => signedThenHanging().then((client) => client.getSecretValue("a"))],
  ["ERR_OUTCOME_UNKNOWN", () => signedThenHanging().then((client) => client.addSecret({ name: "a", value: VALUE }))],
  ["ERR_CONNECTION", () => dapr(networkError("ECONNRESET")).getSecret("vault", "s")],
  [
    "ERR_ABORTED",
    () =>
      gcore(hang).uploadCertificate(
        { name: "n", certificate: PEM, certificateChain: PEM, privateKey: KEY_PEM },
        { signal: AbortSignal.timeout(10) },
      ),
  ],
  ["ERR_PROVIDER_API", () => dapr(text(echo, 500)).getSecret("vault", "s")],
  [
    "ERR_TASK_FAILED",
    () => gcore(json({ id: "t", user_id: 1, task_type: "x", state: "ERROR", created_on: null, error: "bad" })).waitForTask("t"),
  ],
  [
    "ERR_CONFIGURATION",
    async () =>
      createGcoreClient({ apiKey: `${GCORE_KEY}\nX`, projectId: 1, regionId: 1, env: {}, fetch: observedFetch(json({})) }).getSecret(
        SECRET_ID,
      ),
  ],
  ["ERR_AUTHENTICATION", () => dapr(text(`invalid api token ${DAPR_TOKEN}`, 401)).getSecret("vault", "s")],
  ["ERR_SECRET_REFERENCE", () => resolveSecretReferences({ DB: "dapr://vault/db#missing" }, { dapr: dapr(json({ db: DAPR_VALUE })) })],
  [
    "ERR_COMMAND_START",
    () => runWithSecrets({ command: process.execPath, args: ["-e", `${VALUE}\0`], references: {}, clients: {}, stdio: "ignore" }),
  ],
];

function everything(value: unknown): string {
  const error = value as Error;
  return [
    String(error),
    error.message,
    error.stack,
    JSON.stringify(error),
    inspect(error, { showHidden: true, depth: 10 }),
    String(error.cause),
    inspect(error.cause, { showHidden: true, depth: 10 }),
  ].join("\n");
}

describe("no secret in any error", () => {
  it.each(scenarios)("%s", async (code, scenario) => {
    const error = await scenario().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretsError);
    expect((error as SecretsError).code).toBe(code);
    const shown = everything(error);
    for (const secret of [VALUE, GCORE_KEY, DAPR_TOKEN, DAPR_VALUE, "CERTBODY-e9e9", "KEYBODY-a1a1", keyMaterial, "Bearer ", "APIKey "]) {
      expect(shown, `${code} shows ${secret}`).not.toContain(secret);
    }
  });

  it("covers every error code", () => {
    expect(new Set(scenarios.map(([code]) => code))).toEqual(new Set(SECRETS_ERROR_CODES));
  });

  it("clients show neither keys nor tokens when inspected or serialised", async () => {
    const { client, fetch } = vox(json({ result: { secret_id: 1 } }));
    await client.addSecret({ name: "a", value: VALUE });
    const jwt = fetch.requests[0]!.headers.get("authorization")!.slice("Bearer ".length);
    for (const each of [client, gcore(json({})), dapr(json({}))]) {
      const shown = `${inspect(each, { showHidden: true, depth: 10 })}\n${JSON.stringify(each)}\n${String(each)}`;
      for (const secret of [VALUE, GCORE_KEY, DAPR_TOKEN, keyMaterial, jwt]) expect(shown).not.toContain(secret);
    }
  });
});
