// The official Dapr JS SDK (@dapr/dapr, HTTP) as a test driver of the Dapr emulator: what it sends (its metadata probe
// first, metadata only as a raw query string, the API token on every call) the emulator answers as daprd would.
// SDK source: https://github.com/dapr/js-sdk/blob/main/src/implementation/Client/HTTPClient/secret.ts and HTTPClient.ts.
import { CommunicationProtocolEnum, DaprClient, LogLevel } from "@dapr/dapr";
import { describe, expect, it } from "vitest";
import { type DaprEmulatorOptions, startDaprEmulator } from "../../src/emulator/index.js";
import { emulatorPerTest } from "./fixture.js";

const emulate = emulatorPerTest(startDaprEmulator);
async function start(options: DaprEmulatorOptions = {}) {
  const emulator = await emulate(options);
  const sdk = new DaprClient({
    daprHost: "127.0.0.1",
    daprPort: emulator.env.DAPR_HTTP_PORT!,
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    logger: { level: LogLevel.Error },
    ...(options.apiToken ? { daprApiToken: options.apiToken } : {}),
  });
  return { emulator, sdk };
}

const STORES: DaprEmulatorOptions["stores"] = {
  vault: { kind: "hashicorp.vault", secrets: { "db-secret": "v3", "api-key": "k1" }, versions: { "db-secret": ["v1", "v2"] } },
  k8s: {
    kind: "kubernetes",
    secrets: { db: { username: "dev", password: "dev-pw" } },
    namespaces: { prod: { db: { username: "prod", password: "prod-pw" } } },
  },
};

describe("the official @dapr/dapr client against the Dapr emulator", () => {
  it("reads a secret and a store in bulk (after its metadata probe)", async () => {
    const { emulator, sdk } = await start({ stores: STORES });
    expect(await sdk.secret.get("vault", "db-secret")).toEqual({ "db-secret": "v3" });
    expect(await sdk.secret.getBulk("vault")).toEqual({ "db-secret": { "db-secret": "v3" }, "api-key": { "api-key": "k1" } });
    expect(emulator.requests.map((arrival) => arrival.operation)).toEqual(["getMetadata", "getSecret", "getBulkSecret"]);
  });

  it("dapr.kubernetes-namespace: metadata.namespace, as the SDK passes it (a raw query string), selects the namespace", async () => {
    const { sdk } = await start({ stores: STORES });
    expect(await sdk.secret.get("k8s", "db")).toEqual({ username: "dev", password: "dev-pw" });
    expect(await sdk.secret.get("k8s", "db", "metadata.namespace=prod")).toEqual({ username: "prod", password: "prod-pw" });
  });

  it("dapr.vault-version: metadata.version_id selects a version", async () => {
    const { sdk } = await start({ stores: STORES });
    expect(await sdk.secret.get("vault", "db-secret", "metadata.version_id=1")).toEqual({ "db-secret": "v1" });
    expect(await sdk.secret.get("vault", "db-secret", "metadata.version_id=2&metadata.namespace=ignored")).toEqual({ "db-secret": "v2" });
  });

  it("dapr.api-token: the SDK's token reaches every route, its metadata probe included", async () => {
    const { emulator, sdk } = await start({ stores: STORES, apiToken: "sdk-token" });
    expect(await sdk.secret.get("vault", "api-key")).toEqual({ "api-key": "k1" });
    expect(await sdk.secret.getBulk("vault")).toHaveProperty("db-secret");
    expect(emulator.requests.map((arrival) => [arrival.operation, arrival.status, arrival.headers["dapr-api-token"]])).toEqual([
      ["getMetadata", 200, "sdk-token"],
      ["getSecret", 200, "sdk-token"],
      ["getBulkSecret", 200, "sdk-token"],
    ]);
  });

  it("dapr.file-store: a missing secret reaches the SDK as the runtime's 500 ERR_SECRET_GET", async () => {
    const { sdk } = await start();
    const error = await sdk.secret.get("vault", "missing").then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    // The SDK throws an Error whose message is JSON: {error, error_msg (the body), status}.
    const reported = JSON.parse(error!.message) as { status: number; error_msg: string };
    expect(reported.status).toBe(500);
    expect(JSON.parse(reported.error_msg)).toMatchObject({ errorCode: "ERR_SECRET_GET" });
  });

  it("dapr.no-data: the SDK reads a store's 204 as an empty string", async () => {
    const { sdk } = await start({ stores: { empty: { kind: "no-content", secrets: {} } } });
    expect(await sdk.secret.get("empty", "anything")).toBe("");
    expect(await sdk.secret.getBulk("empty")).toBe("");
  });
});
