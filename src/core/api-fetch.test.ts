// `client.api`'s fetch: the same request path as the facade, the operation named by the spec path it matches, the
// answer handed back as a Response, credentials only for the configured origin.
import { describe, expect, it } from "vitest";
import { createApiFetch } from "./api-fetch.js";
import type { Classify } from "./decide.js";
import { ConnectionError, ProviderApiError } from "./errors.js";
import type { RequestPath } from "./request-path.js";
import { DEFAULT_RETRY_POLICY } from "./retry.js";
import { jsonReply, networkFailure, type ScriptedReply, scriptedTransport } from "../testing/scripted-transport.js";

interface Paths {
  "/v1.0/secrets/{store}/{name}": unknown;
  "/v1.0/secrets/{store}/bulk": unknown;
  "/AddSecret": unknown;
}
const OPERATIONS = {
  getSecret: { method: "get", path: "/v1.0/secrets/{store}/{name}", repeatable: true },
  getBulkSecret: { method: "get", path: "/v1.0/secrets/{store}/bulk", repeatable: true },
  AddSecret: { method: "post", path: "/AddSecret", repeatable: false },
} as const;
const classify: Classify = (answer, details) =>
  answer.status >= 500 ? { kind: "error", error: new ProviderApiError("down", details), retry: "try-later" } : { kind: "ok" };

function apiFetch(...replies: ScriptedReply[]) {
  const transport = scriptedTransport(...replies);
  const path: RequestPath = {
    transport,
    timeoutMs: 1_000,
    maxResponseBytes: 1024,
    userAgent: "test",
    classify,
    retry: DEFAULT_RETRY_POLICY,
    sleep: async () => {},
    authorize: (headers) => void (headers.authorization = "APIKey key-1234567"),
  };
  const redactions: unknown[] = [];
  const fetch = createApiFetch<Paths>({
    path,
    provider: "example",
    baseUrl: "https://api.test/base",
    operations: OPERATIONS,
    redact: (error) => (redactions.push(error), error),
  });
  return { fetch, transport, redactions };
}
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("the operation", () => {
  it.each([
    ["GET", "/v1.0/secrets/vault/db", "getSecret"],
    ["GET", "/v1.0/secrets/vault/bulk", "getBulkSecret"],
    ["GET", "/v1.0/secrets/vault/bul%6B", "getSecret"],
    ["POST", "/AddSecret", "AddSecret"],
    ["DELETE", "/AddSecret", "DELETE request"],
    ["GET", "/v1.0/secrets/vault", "GET request"],
  ])("%s %s is %s", async (method, path, operation) => {
    const { fetch } = apiFetch(networkFailure("ECONNREFUSED"));
    const error = await failure(fetch(new Request(`https://api.test/base${path}`, { method })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ provider: "example", operation });
  });

  it("decides retries: a read is sent again, a write is not", async () => {
    const read = apiFetch({ status: 503 }, jsonReply({ a: 1 }));
    expect((await read.fetch(new Request("https://api.test/base/v1.0/secrets/v/n"))).status).toBe(200);
    expect(read.transport.requests).toHaveLength(2);
    const write = apiFetch({ status: 503 });
    expect((await write.fetch(new Request("https://api.test/base/AddSecret", { method: "POST", body: "a=1" }))).status).toBe(503);
    expect(write.transport.requests).toHaveLength(1);
  });
});

describe("the request and the answer", () => {
  it("sends the body read once on every attempt, and hands back status, headers and body", async () => {
    const { fetch, transport } = apiFetch(networkFailure("ECONNREFUSED"), jsonReply({ a: 1 }, 200, { "x-request-id": "r1" }));
    const response = await fetch(new Request("https://api.test/base/AddSecret", { method: "POST", body: "a=1", headers: { "x-a": "b" } }));
    expect(transport.requests.map((request) => new TextDecoder().decode(request.body as Uint8Array))).toEqual(["a=1", "a=1"]);
    expect(transport.requests[0]!.headers["x-a"]).toBe("b");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("r1");
    expect(await response.json()).toEqual({ a: 1 });
  });

  it("credentials go only to the configured origin", async () => {
    const { fetch, transport } = apiFetch(jsonReply({}));
    await fetch(new Request("https://elsewhere.test/base/AddSecret", { method: "POST" }));
    await fetch(new Request("https://api.test.evil/base/AddSecret", { method: "POST" }));
    await fetch(new Request("https://api.test/base/AddSecret", { method: "POST" }));
    expect(transport.requests.map((request) => request.headers.authorization)).toEqual([undefined, undefined, "APIKey key-1234567"]);
  });

  it("statuses without a body get none; a status a Response cannot carry is a ProviderApiError", async () => {
    const { fetch } = apiFetch({ status: 204, text: "" }, { status: 103, text: "" });
    expect((await fetch(new Request("https://api.test/base/v1.0/secrets/v/n"))).status).toBe(204);
    expect(await failure(fetch(new Request("https://api.test/base/v1.0/secrets/v/n")))).toMatchObject({
      code: ProviderApiError.code,
      operation: "getSecret",
    });
  });

  it("its errors go through the client's redaction", async () => {
    const { fetch, redactions } = apiFetch(networkFailure("ECONNRESET"));
    const error = await failure(fetch(new Request("https://api.test/base/AddSecret", { method: "POST" })));
    expect(redactions).toEqual([error]);
  });
});
