// What every client does the same way: a call on client.api is named by the spec path it uses (its errors say which
// operation failed), and a caller's signal reaches the request each facade method sends.
import { describe, expect, it } from "vitest";
import { AbortedError, type SecretsError } from "./core/errors.js";
import { networkError, observedFetch, testRsaKey, type Reply } from "./testing/observed-fetch.js";
import { createDaprClient } from "./providers/dapr/client.js";
import { createGcoreClient } from "./providers/gcore/client.js";
import { createVoximplantClient } from "./providers/voximplant/client.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = ["-----BEGIN", "PRIVATE KEY-----\nMIIE\n-----END", "PRIVATE KEY-----\n"].join(" ");
const credentials = { accountId: 1, keyId: "k", privateKey: testRsaKey().privateKeyPem };

const common = (reply: Reply) => ({ fetch: observedFetch(reply), maxRetries: 0, env: {}, timeoutMs: 5_000 });
const dapr = (reply: Reply) => createDaprClient({ ...common(reply), baseUrl: "http://127.0.0.1:3500", store: "vault" });
const gcore = (reply: Reply) =>
  createGcoreClient({ ...common(reply), baseUrl: "https://gcore.test", apiKey: "k", projectId: 1, regionId: 2 });
const voximplant = (reply: Reply) =>
  createVoximplantClient({ ...common(reply), baseUrl: "https://vox.test/platform_api", credentials, application: { id: 1 } });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as SecretsError,
  );
const reset = () => networkError("ECONNRESET");
const path = { project_id: 1, region_id: 2 };

describe("client.api names each call by its spec path", () => {
  it.each([
    ["dapr", () => dapr(reset()).api.GET("/v1.0/secrets/{store}/{name}", { params: { path: { store: "v", name: "s" } } }), "getSecret"],
    ["dapr", () => dapr(reset()).api.GET("/v1.0/secrets/{store}/bulk", { params: { path: { store: "v" } } }), "getBulkSecret"],
    ["dapr", () => dapr(reset()).api.GET("/v1.0/healthz/outbound"), "getOutboundHealth"],
    ["gcore", () => gcore(reset()).api.GET("/cloud/v1/secrets/{project_id}/{region_id}", { params: { path } }), "listSecrets"],
    [
      "gcore",
      () =>
        gcore(reset()).api.GET("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", { params: { path: { ...path, secret_id: "x" } } }),
      "getSecret",
    ],
    [
      "gcore",
      () => gcore(reset()).api.POST("/cloud/v2/secrets/{project_id}/{region_id}", { params: { path }, body: {} as never }),
      "uploadCertificate",
    ],
    [
      "gcore",
      () =>
        gcore(reset()).api.DELETE("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", {
          params: { path: { ...path, secret_id: "x" } },
        }),
      "deleteSecret",
    ],
    ["gcore", () => gcore(reset()).api.GET("/cloud/v1/tasks/{task_id}", { params: { path: { task_id: "t" } } }), "waitForTask"],
    ...(["AddSecret", "GetSecrets", "GetSecretValue", "SetSecretInfo", "DelSecret"] as const).map(
      (name) => ["voximplant", () => voximplant(reset()).api.POST(`/${name}`, { body: {} as never }), name] as const,
    ),
  ] as Array<[string, () => Promise<unknown>, string]>)("%s: %s", async (provider, call, operation) => {
    const error = await failure(call());
    expect(error).toMatchObject({ provider, operation });
    expect(error!.message.startsWith(`${provider} ${operation}: `)).toBe(true);
  });
});

describe("a caller's signal reaches the request", () => {
  let arrived: () => void = () => {};
  const hanging: Reply = (request) =>
    new Promise((_resolve, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason));
      arrived();
    });

  it.each([
    ["dapr getSecret", (signal: AbortSignal) => dapr(hanging).getSecret("v", "s", { signal })],
    ["dapr getBulkSecret", (signal: AbortSignal) => dapr(hanging).getBulkSecret("v", { signal })],
    ["gcore listSecrets", (signal: AbortSignal) => gcore(hanging).listSecrets({ signal })[Symbol.asyncIterator]().next()],
    ["gcore getSecret", (signal: AbortSignal) => gcore(hanging).getSecret(SECRET_ID, { signal })],
    [
      "gcore uploadCertificate",
      (signal: AbortSignal) =>
        gcore(hanging).uploadCertificate({ name: "n", certificate: PEM, certificateChain: PEM, privateKey: KEY }, { signal }),
    ],
    ["gcore startDeleteSecret", (signal: AbortSignal) => gcore(hanging).startDeleteSecret(SECRET_ID, { signal })],
    ["gcore waitForTask", (signal: AbortSignal) => gcore(hanging).waitForTask("t", { signal })],
    ["voximplant getSecretValue", (signal: AbortSignal) => voximplant(hanging).getSecretValue("a", { signal })],
  ])("%s: aborted at once once the request is out, not at the timeout", async (_label, call) => {
    const controller = new AbortController();
    const sent = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const pending = failure(call(controller.signal));
    await sent;
    controller.abort(new Error("caller gave up"));
    expect(await pending).toBeInstanceOf(AbortedError);
  });
});

describe("a facade call's failure names its operation", () => {
  const refused = () => networkError("ECONNREFUSED");
  it.each([
    ["dapr", "getSecret", () => dapr(refused()).getSecret("v", "s")],
    ["dapr", "getBulkSecret", () => dapr(refused()).getBulkSecret("v")],
    ["gcore", "listSecrets", () => gcore(refused()).listSecrets()[Symbol.asyncIterator]().next()],
    ["gcore", "getSecret", () => gcore(refused()).getSecret(SECRET_ID)],
    [
      "gcore",
      "uploadCertificate",
      () => gcore(refused()).uploadCertificate({ name: "n", certificate: PEM, certificateChain: PEM, privateKey: KEY }),
    ],
    ["gcore", "deleteSecret", () => gcore(refused()).startDeleteSecret(SECRET_ID)],
    ["gcore", "waitForTask", () => gcore(refused()).waitForTask("t")],
    ["voximplant", "AddSecret", () => voximplant(refused()).addSecret({ name: "a", value: "v" })],
    ["voximplant", "GetSecrets", () => voximplant(refused()).listSecrets()[Symbol.asyncIterator]().next()],
    ["voximplant", "GetSecretValue", () => voximplant(refused()).getSecretValue("a")],
    ["voximplant", "SetSecretInfo", () => voximplant(refused()).updateSecret({ name: "a", value: "v" })],
    ["voximplant", "DelSecret", () => voximplant(refused()).deleteSecret("a")],
  ] as Array<[string, string, () => Promise<unknown>]>)("%s %s", async (provider, operation, call) => {
    const error = await failure(call());
    expect(error).toMatchObject({ code: "ERR_CONNECTION", provider, operation });
  });

  it("Dapr without a default store names the operation that needed it", async () => {
    const client = createDaprClient({ fetch: observedFetch(refused()), env: {} });
    expect(await failure(client.listSecrets()[Symbol.asyncIterator]().next())).toMatchObject({
      code: "ERR_CONFIGURATION",
      operation: "getBulkSecret",
    });
    expect(await failure(client.getSecretValue("s"))).toMatchObject({ code: "ERR_CONFIGURATION", operation: "getSecret" });
  });
});
