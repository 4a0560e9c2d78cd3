// Dapr quirks on the mock: 204 for "no data", two kinds of 401 told apart by content type, 403 from
// the scope policy, "not found" inside a 500, and names that must not change the route.
import { describe, expect, it } from "vitest";
import type { SecretsError } from "../../src/core/errors.js";
import { daprClient } from "../support/clients.js";
import { mockUrl } from "../support/context.js";
import { checkedFetches, type StrictFetchOptions } from "../support/strict-fetch.js";

const strict = checkedFetches("dapr");
const client = (options: StrictFetchOptions = {}, maxRetries = 0) => {
  const fetch = strict(options);
  return { fetch, dapr: daprClient({ baseUrl: mockUrl("dapr"), fetch, maxRetries }) };
};
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as SecretsError,
  );

describe("204: the store returned no data", () => {
  it("one secret: NotFoundError with status 204", async () => {
    const { fetch, dapr } = client({ prefer: "code=204" });
    expect(await caught(dapr.getSecret("vault", "db-secret"))).toMatchObject({ name: "NotFoundError", status: 204 });
    expect(fetch.exchanges[0]).toMatchObject({ status: 204, responseBody: "" });
  });

  it("bulk: an empty result, so listing yields nothing", async () => {
    const { dapr } = client({ prefer: "code=204" });
    expect(await dapr.getBulkSecret("vault")).toEqual({});
    const names: string[] = [];
    for await (const secret of dapr.listSecrets()) names.push(secret.name);
    expect(names).toEqual([]);
  });
});

describe("401 comes in two kinds", () => {
  it("JSON ERR_SECRET_STORE_NOT_FOUND: an unknown store, so NotFoundError", async () => {
    const { fetch, dapr } = client({ prefer: "code=401" });
    expect(await caught(dapr.getSecret("nostore", "db-secret"))).toMatchObject({
      name: "NotFoundError",
      status: 401,
      providerCode: "ERR_SECRET_STORE_NOT_FOUND",
    });
    expect(fetch.exchanges[0]!.responseHeaders.get("content-type")).toMatch(/^application\/json/);
  });

  it("text/plain 'invalid api token': AuthenticationError", async () => {
    const { fetch, dapr } = client({ prefer: "code=401, example=invalidToken", accept: "text/plain" });
    expect(await caught(dapr.getSecret("vault", "db-secret"))).toMatchObject({
      name: "AuthenticationError",
      status: 401,
      providerCode: undefined,
    });
    expect(fetch.exchanges[0]).toMatchObject({ responseBody: "invalid api token" });
    expect(fetch.exchanges[0]!.responseHeaders.get("content-type")).toMatch(/^text\/plain/);
  });
});

describe("403 and 500", () => {
  it("403: PermissionDeniedError from the scope policy", async () => {
    const { dapr } = client({ prefer: "code=403, example=denied" });
    expect(await caught(dapr.getSecretValue("db-secret"))).toMatchObject({
      name: "PermissionDeniedError",
      code: "ERR_PERMISSION_DENIED",
      status: 403,
    });
  });

  it.each([
    ["notFound", "NotFoundError", "ERR_SECRET_GET"],
    ["storeFailure", "ProviderApiError", "ERR_SECRET_GET"],
    ["notConfigured", "ProviderApiError", "ERR_SECRET_STORES_NOT_CONFIGURED"],
  ])("500 example=%s → %s (%s)", async (example, errorClass, providerCode) => {
    const { dapr } = client({ prefer: `code=500, example=${example}` });
    expect(await caught(dapr.getSecret("vault", "db-secret"))).toMatchObject({ name: errorClass, status: 500, providerCode });
  });

  it("a 500 is retried (every Dapr route is a read) before the error is thrown", async () => {
    const { fetch, dapr } = client({ prefer: "code=500, example=storeFailure" }, 1);
    expect(await caught(dapr.getSecret("vault", "db-secret"))).toMatchObject({ name: "ProviderApiError" });
    expect(fetch.operations()).toEqual(["getSecret", "getSecret"]);
  });
});

describe("names stay inside their path segment", () => {
  it.each(["a/b", "a?b#c", "a b+c", "..a", "%2F", "名前✓"])("%s", async (name) => {
    const { fetch, dapr } = client();
    await dapr.getSecret("my store/1", name);
    expect(fetch.operations()).toEqual(["getSecret"]);
    expect(new URL(fetch.exchanges[0]!.url).pathname).toBe(`/v1.0/secrets/${encodeURIComponent("my store/1")}/${encodeURIComponent(name)}`);
  });

  it("metadata travels as metadata.<key> query parameters", async () => {
    const { fetch, dapr } = client();
    await dapr.getSecret("vault", "db-secret", { metadata: { version_id: "15", version_stage: "AAA" } });
    expect(new URL(fetch.exchanges[0]!.url).search).toBe("?metadata.version_id=15&metadata.version_stage=AAA");
  });

  it("readiness: 204 from /v1.0/healthz/outbound", async () => {
    const { fetch, dapr } = client();
    await dapr.waitUntilReady({ timeoutMs: 1_000 });
    expect(fetch.exchanges.map((exchange) => [exchange.operation, exchange.status])).toEqual([["getOutboundHealth", 204]]);
  });
});
