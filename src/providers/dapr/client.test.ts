import { describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  TimeoutError,
  ValidationError,
} from "../../core/errors.js";
import { json, networkError, observedFetch, text } from "../../testing/observed-fetch.js";
import { createDaprClient } from "./client.js";
import { daprOn, failure } from "../../testing/clients.js";
import { inspect } from "node:util";

const dapr = daprOn;

const origins = (fetch: ReturnType<typeof observedFetch>) => fetch.requests.map((request) => new URL(request.url).origin);

describe("paths and queries", () => {
  it.each([
    ["a/../b", "a%2F..%2Fb"],
    ["x?y#z", "x%3Fy%23z"],
    ["a+b c", "a%2Bb%20c"],
    ["пароль-ü", "%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C-%C3%BC"],
    ["%2F", "%252F"],
  ])("percent-encodes the name %j so it cannot change the route", async (name, encoded) => {
    const { client, fetch } = dapr([json({ [name]: "v" })]);
    await client.getSecret("my/store", name);
    expect(new URL(fetch.requests[0]!.url).pathname).toBe(`/v1.0/secrets/my%2Fstore/${encoded}`);
  });

  it("sends metadata as metadata.<key> query parameters, on both routes", async () => {
    const { client, fetch } = dapr([json({ k: "v" })]);
    await client.getSecret("vault", "s", { metadata: { version_id: "15", "version stage": "A&B" } });
    expect(new URL(fetch.requests[0]!.url).search).toBe("?metadata.version_id=15&metadata.version+stage=A%26B");
    await client.getBulkSecret("vault", { metadata: { namespace: "prod" } });
    expect(fetch.requests[1]!.url).toBe("http://127.0.0.1:3500/v1.0/secrets/vault/bulk?metadata.namespace=prod");
  });

  it("sends a secret named 'bulk' as bul%6B, which the runtime routes to the single route (not the bulk route)", async () => {
    const { client, fetch } = dapr([json({ bulk: "v" })]);
    expect(await client.getSecret("bulk", "bulk")).toEqual({ bulk: "v" });
    expect(new URL(fetch.requests[0]!.url).pathname).toBe("/v1.0/secrets/bulk/bul%6B");
  });

  it("rejects names a URL cannot carry before sending", async () => {
    const { client, fetch } = dapr([json({})]);
    for (const name of ["", ".", "..", "x\uDC00"]) await expect(client.getSecret("vault", name)).rejects.toBeInstanceOf(ValidationError);
    await expect(client.getBulkSecret("..")).rejects.toMatchObject({ field: "store" });
    expect(fetch.requests).toHaveLength(0);
  });

  it("sends the API token only when configured, and never to the health route", async () => {
    const { client, fetch } = dapr([json({ s: "v" }), new Response(null, { status: 204 })], { env: { DAPR_API_TOKEN: "tok-123" } });
    await client.getSecret("vault", "s");
    await client.waitUntilReady();
    expect(fetch.requests.map((request) => request.headers.get("dapr-api-token"))).toEqual(["tok-123", null]);
  });
});

describe("answers", () => {
  it("picks the value: the only key, the named key, or the key equal to the name", async () => {
    expect(await dapr([json({ anything: "one" })]).client.getSecretValue("s")).toBe("one");
    expect(await dapr([json({ user: "u", password: "p" })]).client.getSecretValue("db", { key: "password" })).toBe("p");
    expect(await dapr([json({ db: "x", other: "y" })]).client.getSecretValue("db")).toBe("x");
    await expect(dapr([json({ a: "1", b: "2" })]).client.getSecretValue("db")).rejects.toMatchObject({
      code: "ERR_NOT_FOUND",
      operation: "getSecret",
    });
  });

  it.each([
    ["204 no data", new Response(null, { status: 204 }), NotFoundError, undefined],
    [
      "401 JSON unknown store",
      json({ errorCode: "ERR_SECRET_STORE_NOT_FOUND", message: "failed finding secret store with key vault" }, { status: 401 }),
      NotFoundError,
      "ERR_SECRET_STORE_NOT_FOUND",
    ],
    ["401 text bad token", text("invalid api token", 401), AuthenticationError, undefined],
    [
      "403 scope policy",
      json({ errorCode: "ERR_PERMISSION_DENIED", message: "access denied" }, { status: 403 }),
      PermissionDeniedError,
      "ERR_PERMISSION_DENIED",
    ],
    [
      "500 file store not found",
      json(
        { errorCode: "ERR_SECRET_GET", message: "failed getting secret with key s from secret store vault: secret s not found" },
        { status: 500 },
      ),
      NotFoundError,
      "ERR_SECRET_GET",
    ],
    [
      "500 store failure",
      json({ errorCode: "ERR_SECRET_GET", message: "connection refused" }, { status: 500 }),
      ProviderApiError,
      "ERR_SECRET_GET",
    ],
    [
      "500 no store configured",
      json({ errorCode: "ERR_SECRET_STORES_NOT_CONFIGURED", message: "secret store is not configured" }, { status: 500 }),
      ProviderApiError,
      "ERR_SECRET_STORES_NOT_CONFIGURED",
    ],
    [
      "404 no route",
      json({ errorCode: "ERR_DIRECT_INVOKE", message: "failed to invoke" }, { status: 404 }),
      ProviderApiError,
      "ERR_DIRECT_INVOKE",
    ],
  ])("%s", async (_label, reply, kind, providerCode) => {
    const error = await dapr([reply])
      .client.getSecret("vault", "s")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ provider: "dapr", operation: "getSecret", status: reply.status, providerCode });
    // The bulk route maps the same answers the same way (its 204 is an empty result, not an error).
    if (reply.status === 204) return;
    const bulk = await dapr([reply.clone()])
      .client.getBulkSecret("vault")
      .catch((caught: unknown) => caught);
    expect(bulk).toBeInstanceOf(kind);
    expect(bulk).toMatchObject({ provider: "dapr", operation: "getBulkSecret", status: reply.status, providerCode });
  });

  it("a 500 'not found' is final, a 500 store failure is retried", async () => {
    const notFound = dapr([json({ errorCode: "ERR_SECRET_GET", message: "secret s not found" }, { status: 500 })], { maxRetries: 2 });
    await expect(notFound.client.getSecret("vault", "s")).rejects.toBeInstanceOf(NotFoundError);
    expect(notFound.fetch.requests).toHaveLength(1);
    const failing = dapr([json({ errorCode: "ERR_SECRET_GET", message: "connection refused" }, { status: 500 }), json({ s: "v" })], {
      maxRetries: 1,
    });
    expect(await failing.client.getSecret("vault", "s")).toEqual({ s: "v" });
    expect(failing.fetch.requests).toHaveLength(2);
  });

  it("a 429 is a RateLimitedError with Retry-After once retries run out, and is retried before that", async () => {
    const limited = () => new Response("too many requests", { status: 429, headers: { "retry-after": "7" } });
    const exhausted = await dapr([limited()])
      .client.getSecret("vault", "s")
      .catch((caught: unknown) => caught);
    expect(exhausted).toBeInstanceOf(RateLimitedError);
    expect(exhausted).toMatchObject({ code: "ERR_RATE_LIMITED", status: 429, retryAfterMs: 7000, provider: "dapr" });
    const recovered = dapr([new Response("slow down", { status: 429, headers: { "retry-after": "0" } }), json({ s: "v" })], {
      maxRetries: 1,
    });
    expect(await recovered.client.getSecret("vault", "s")).toEqual({ s: "v" });
    expect(recovered.fetch.requests).toHaveLength(2);
  });

  it("an abort while the answer is read is an AbortedError whatever the reason", async () => {
    const controller = new AbortController();
    const { client } = dapr([
      (request: Request) => {
        // Like undici, the body fails with the request's abort reason.
        const body = new ReadableStream({
          start: (stream) => {
            stream.enqueue(new TextEncoder().encode('{"s":'));
            request.signal.addEventListener("abort", () => stream.error(request.signal.reason));
          },
        });
        setTimeout(() => controller.abort(new Error("stop")), 10);
        return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
      },
    ]);
    await expect(client.getSecret("vault", "s", { signal: controller.signal })).rejects.toMatchObject({ code: "ERR_ABORTED" });
  });

  it("a readiness poll in flight is cut off at the deadline", async () => {
    const open = new Set<Request>();
    const { client } = dapr(
      [
        (request: Request) =>
          new Promise<Response>(
            (_resolve, reject) => (open.add(request), request.signal.addEventListener("abort", () => reject(request.signal.reason))),
          ),
      ],
      { timeoutMs: 10_000 },
    );
    // On a fake clock: the poll would hold the wait for the client's 10 s timeout if the deadline did not cut it.
    vi.useFakeTimers();
    try {
      const pending = failure(client.waitUntilReady({ timeoutMs: 100, intervalMs: 10 }));
      await vi.advanceTimersByTimeAsync(100);
      expect(await pending).toBeInstanceOf(TimeoutError);
      expect([...open].map((request) => request.signal.aborted)).toEqual([true]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("bulk: 204 is an empty result, secrets come back by name", async () => {
    expect(await dapr([new Response(null, { status: 204 })]).client.getBulkSecret("vault")).toEqual({});
    const names: string[] = [];
    for await (const each of dapr([json({ b: { b: "2" }, a: { a: "1" } })]).client.listSecrets()) names.push(each.name);
    expect(names).toEqual(["a", "b"]);
  });
});

describe("readiness and configuration", () => {
  it("polls the health route until 204, reporting progress, tolerating refused connections", async () => {
    const { client, fetch } = dapr([
      networkError("ECONNREFUSED"),
      new Response(null, { status: 500 }),
      new Response(null, { status: 204 }),
    ]);
    const progress: number[] = [];
    await client.waitUntilReady({ intervalMs: 1, onProgress: (attempt) => progress.push(attempt) });
    expect(fetch.requests).toHaveLength(3);
    expect(progress).toEqual([1, 2]);
  });

  it("only a 204 is ready: a 200 from something else on the port is polled past", async () => {
    const { client, fetch } = dapr([json({ ok: true }), new Response(null, { status: 204 })]);
    await client.waitUntilReady({ intervalMs: 1 });
    expect(fetch.requests).toHaveLength(2);
  });

  it("sends one request per poll: the readiness probe is not retried inside a poll", async () => {
    const { client, fetch } = dapr([networkError("ECONNREFUSED"), networkError("ECONNREFUSED"), new Response(null, { status: 204 })], {
      maxRetries: 2,
    });
    const progress: number[] = [];
    await client.waitUntilReady({ intervalMs: 1, onProgress: (attempt) => progress.push(attempt) });
    expect(fetch.requests).toHaveLength(3);
    expect(progress).toEqual([1, 2]);
  });

  it("gives up after the bound with a TimeoutError", async () => {
    const { client } = dapr([new Response(null, { status: 500 })]);
    await expect(client.waitUntilReady({ intervalMs: 5, timeoutMs: 30 })).rejects.toMatchObject({
      code: TimeoutError.code,
      provider: "dapr",
      operation: "getOutboundHealth",
    });
  });

  it("reads DAPR_HTTP_ENDPOINT, then DAPR_HTTP_PORT, naming the variable when wrong", async () => {
    const fetch = observedFetch(json({ s: "v" }));
    await createDaprClient({ fetch, env: { DAPR_HTTP_PORT: "3601" } }).getSecret("v", "s");
    await createDaprClient({ fetch, env: { DAPR_HTTP_ENDPOINT: "http://sidecar:3500", DAPR_HTTP_PORT: "1" } }).getSecret("v", "s");
    expect(fetch.requests.map((request) => new URL(request.url).origin)).toEqual(["http://127.0.0.1:3601", "http://sidecar:3500"]);
    for (const port of ["99999", "65536", "0", "http", "-1"])
      expect(() => createDaprClient({ env: { DAPR_HTTP_PORT: port } }), port).toThrow(
        expect.objectContaining({ code: "ERR_CONFIGURATION", provider: "dapr" }),
      );
    expect(createDaprClient({ env: { DAPR_HTTP_PORT: "65535" } }).provider).toBe("dapr");
    expect(() => createDaprClient({ env: { DAPR_HTTP_ENDPOINT: "not a url" } })).toThrow(ConfigurationError);
    await expect(createDaprClient({ env: {}, fetch }).getSecretValue("s")).rejects.toMatchObject({
      code: ConfigurationError.code,
      operation: "getSecret",
    });
  });
});

describe("the sidecar's address", () => {
  it("takes option baseUrl before DAPR_HTTP_ENDPOINT and DAPR_HTTP_PORT, and names the option when it is wrong", async () => {
    const fetch = observedFetch(json({ s: "v" }));
    const env = { DAPR_HTTP_ENDPOINT: "http://sidecar:3500", DAPR_HTTP_PORT: "3601" };
    await createDaprClient({ fetch, env, baseUrl: "http://dapr.internal:4000" }).getSecret("v", "s");
    expect(origins(fetch)).toEqual(["http://dapr.internal:4000"]);
    expect(() => createDaprClient({ env, baseUrl: "ftp://dapr.internal" })).toThrow(ConfigurationError);
  });

  it("accepts DAPR_HTTP_PORT from 1 to 65535 on loopback; refuses anything else, naming the variable", async () => {
    const fetch = observedFetch(json({ s: "v" }));
    await createDaprClient({ fetch, env: { DAPR_HTTP_PORT: "65535" } }).getSecret("v", "s");
    await createDaprClient({ fetch, env: { DAPR_HTTP_PORT: "1" } }).getSecret("v", "s");
    expect(origins(fetch)).toEqual(["http://127.0.0.1:65535", "http://127.0.0.1:1"]);
    for (const port of ["65536", "0", "abc", "80.5", "-1"])
      expect(() => createDaprClient({ env: { DAPR_HTTP_PORT: port } }), port).toThrow(ConfigurationError);
  });

  it("without option or variable, talks to the default sidecar address", async () => {
    const fetch = observedFetch(json({ s: "v" }));
    await createDaprClient({ fetch, env: {} }).getSecret("v", "s");
    expect(fetch.requests[0]!.url).toBe("http://127.0.0.1:3500/v1.0/secrets/v/s");
  });
});

describe("the API token", () => {
  it.each(["", "two\nlines", "tab\there"])("refuses %j before anything is sent, naming where it comes from", async (token) => {
    const fetch = observedFetch(json({ s: "v" }));
    const client = createDaprClient({ fetch, env: {}, store: "vault", apiToken: token });
    const error = await client.getSecret("vault", "s").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({
      code: ConfigurationError.code,
      provider: "dapr",
    });
    expect(fetch.requests).toHaveLength(0);
  });

  it("is cut out of an error whose body echoes it", async () => {
    const token = "tok-3f9a1c7e5b2d";
    const fetch = observedFetch(json({ errorCode: "ERR_X", message: `token ${token} is not allowed here` }, { status: 400 }));
    const error = await createDaprClient({ fetch, env: { DAPR_API_TOKEN: token } })
      .getSecret("vault", "s")
      .catch((caught) => caught);
    expect(fetch.requests[0]!.headers.get("dapr-api-token")).toBe(token);
    expect(String((error as Error).message)).toContain("token ");
    expect(inspect(error)).not.toContain(token);
  });
});

describe("client.api", () => {
  it("retries the two secret routes as reads, and sends the readiness probe once", async () => {
    const fetch = observedFetch(text("unavailable", 503));
    const { api } = createDaprClient({ fetch, env: {}, maxRetries: 1 });
    await api.GET("/v1.0/secrets/{store}/{name}", { params: { path: { store: "vault", name: "s" } } });
    await api.GET("/v1.0/secrets/{store}/bulk", { params: { path: { store: "vault" } } });
    await api.GET("/v1.0/healthz/outbound");
    expect(fetch.requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/v1.0/secrets/vault/s",
      "/v1.0/secrets/vault/s",
      "/v1.0/secrets/vault/bulk",
      "/v1.0/secrets/vault/bulk",
      "/v1.0/healthz/outbound",
    ]);
  });

  it("the readiness probe asks for the bare health route", async () => {
    const fetch = observedFetch(new Response(null, { status: 204 }));
    await createDaprClient({ fetch, env: {} }).waitUntilReady();
    expect(fetch.requests.map((request) => request.url)).toEqual(["http://127.0.0.1:3500/v1.0/healthz/outbound"]);
  });
});

it("shows its provider and address, and no token", () => {
  const client = createDaprClient({ env: { DAPR_API_TOKEN: "tok-visible-nowhere" }, baseUrl: "http://127.0.0.1:3600" });
  const shown = inspect(client, { showHidden: true, depth: 5 });
  expect(shown).toBe(`DaprClient { provider: "dapr", baseUrl: "http://127.0.0.1:3600", transport: "node" }`);
  expect(JSON.stringify(client)).not.toContain("tok-visible-nowhere");
});
