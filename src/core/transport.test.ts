import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { AbortedError, ConfigurationError, ConnectionError, TimeoutError } from "../errors.js";
import { json, networkError, observedFetch, recordedSleep } from "../testing/observed-fetch.js";
import { DEFAULT_RETRY_POLICY } from "./retry.js";
import { createTransport, type TransportOptions, type Verdict } from "./transport.js";

function transport(overrides: Partial<TransportOptions> & Pick<TransportOptions, "fetch">) {
  const recorded = recordedSleep();
  const send = createTransport({
    provider: "gcore",
    timeoutMs: 1_000,
    retry: DEFAULT_RETRY_POLICY,
    userAgent: "typed-secrets/test",
    isRepeatable: (request) => request.method === "GET",
    operationOf: (request) => `${request.method} ${new URL(request.url).pathname}`,
    sleep: recorded.sleep,
    random: () => 0,
    ...overrides,
  });
  return { send, delays: recorded.delays };
}

const get = () => new Request("https://api.test/cloud/v1/secrets/1/1");
const post = () => new Request("https://api.test/cloud/v2/secrets/1/1", { method: "POST", body: JSON.stringify({ name: "x" }), headers: { "content-type": "application/json" } });

describe("retries", () => {
  it("retries a read twice on 503 with exponential backoff, then returns the last answer", async () => {
    const fetch = observedFetch(new Response("busy", { status: 503 }));
    const { send, delays } = transport({ fetch });
    const response = await send(get());
    expect(response.status).toBe(503);
    expect(fetch.requests).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
  });

  it("applies jitter of up to a quarter and caps the delay", async () => {
    const fetch = observedFetch(new Response("", { status: 500 }));
    const { send, delays } = transport({ fetch, random: () => 1, retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 6 } });
    await send(get());
    expect(delays).toEqual([375, 750, 1500, 3000, 6000, 6000]);
  });

  it("stops retrying at the first success", async () => {
    const fetch = observedFetch(new Response("", { status: 502 }), json({ ok: true }));
    const { send } = transport({ fetch });
    expect((await send(get())).status).toBe(200);
    expect(fetch.requests).toHaveLength(2);
  });

  it("honours Retry-After (seconds and HTTP date) instead of the backoff", async () => {
    const fetch = observedFetch(new Response("", { status: 429, headers: { "retry-after": "3" } }), new Response("", { status: 429, headers: { "retry-after": new Date(Date.now() + 10_000).toUTCString() } }), json({}));
    const { send, delays } = transport({ fetch });
    await send(get());
    expect(delays[0]).toBe(3000);
    expect(delays[1]).toBeGreaterThan(8000);
    expect(delays[1]).toBeLessThanOrEqual(10_000);
  });

  it("does not wait for a Retry-After beyond the limit: the answer is returned", async () => {
    const fetch = observedFetch(new Response("", { status: 429, headers: { "retry-after": "3600" } }));
    const { send, delays } = transport({ fetch });
    expect((await send(get())).status).toBe(429);
    expect(fetch.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("never re-sends a write once it may have reached the server (5xx, reset, timeout)", async () => {
    for (const reply of [new Response("", { status: 503 }), networkError("ECONNRESET")]) {
      const fetch = observedFetch(reply);
      const { send } = transport({ fetch });
      if (reply instanceof Response) expect((await send(post())).status).toBe(503);
      else await expect(send(post())).rejects.toBeInstanceOf(ConnectionError);
      expect(fetch.requests).toHaveLength(1);
    }
  });

  it("re-sends a write the server never received (connection refused) or refused for rate (429)", async () => {
    const refused = observedFetch(networkError("ECONNREFUSED"), json({ tasks: ["t"] }));
    expect((await transport({ fetch: refused }).send(post())).status).toBe(200);
    expect(refused.requests).toHaveLength(2);
    expect(refused.bodies).toEqual([JSON.stringify({ name: "x" }), JSON.stringify({ name: "x" })]);
    const limited = observedFetch(new Response("", { status: 429 }), json({ tasks: ["t"] }));
    expect((await transport({ fetch: limited }).send(post())).status).toBe(200);
    expect(limited.requests).toHaveLength(2);
  });

  it("maxRetries 0 sends exactly once", async () => {
    const fetch = observedFetch(new Response("", { status: 503 }));
    await transport({ fetch, retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 } }).send(get());
    expect(fetch.requests).toHaveLength(1);
  });

  it("connection errors after the retries become ConnectionError with only the error code as cause", async () => {
    const fetch = observedFetch(networkError("ECONNRESET"));
    const error = await transport({ fetch }).send(get()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "ERR_CONNECTION", provider: "gcore", operation: "GET /cloud/v1/secrets/1/1" });
    expect(String((error as Error).cause)).not.toContain("10.0.0.1");
    expect(fetch.requests).toHaveLength(3);
  });
});

describe("provider verdicts", () => {
  it("re-authorises once on refresh-auth, outside the retry budget, even for a write", async () => {
    const verdicts: Verdict[] = ["refresh-auth", "refresh-auth"];
    const refreshes: boolean[] = [];
    const fetch = observedFetch(json({}));
    const { send } = transport({
      fetch,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
      classify: async () => verdicts.shift() ?? "ok",
      authorize: async (request, { refresh }) => {
        refreshes.push(refresh);
        request.headers.set("authorization", `Bearer t${refreshes.length}`);
      },
    });
    await send(post());
    expect(fetch.requests.map((request) => request.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
    expect(refreshes).toEqual([false, true]);
  });

  it("treats a provider's rate-limited verdict like a 429", async () => {
    const fetch = observedFetch(json({ error: { code: 340 } }), json({ result: 1 }));
    const verdicts: Verdict[] = ["rate-limited"];
    const { send } = transport({ fetch, classify: async () => verdicts.shift() ?? "ok" });
    expect(await (await send(post())).json()).toEqual({ result: 1 });
    expect(fetch.requests).toHaveLength(2);
  });
});

describe("credentials and redirects", () => {
  it("does not follow redirects: a 3xx is returned, the body and credentials go nowhere else", async () => {
    const fetch = observedFetch(new Response(null, { status: 307, headers: { location: "https://elsewhere.test/" } }));
    const { send } = transport({ fetch, authorize: async (request) => request.headers.set("authorization", "APIKey k") });
    expect((await send(post())).status).toBe(307);
    expect(fetch.requests[0]!.redirect).toBe("manual");
    expect(fetch.requests).toHaveLength(1);
  });

  it("a failing credential step becomes a ConfigurationError without its message (it may hold the key)", async () => {
    const fetch = observedFetch(json({}));
    const error = await transport({
      fetch,
      authorize: async (request) => request.headers.set("authorization", "APIKey SECRET\u0000KEY"),
    })
      .send(get())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain("SECRET");
    expect(fetch.requests).toHaveLength(0);
  });

  it("a credential step that hangs is bounded by the attempt's timeout", async () => {
    const fetch = observedFetch(json({}));
    const { send } = transport({ fetch, timeoutMs: 30, retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 }, authorize: () => new Promise(() => {}) });
    await expect(send(get())).rejects.toBeInstanceOf(TimeoutError);
  });

  it("the provider's verdict comes before the status: a final 500 is not retried", async () => {
    const fetch = observedFetch(new Response("", { status: 500 }));
    await transport({ fetch, classify: async () => "ok" }).send(get());
    expect(fetch.requests).toHaveLength(1);
  });
});

describe("timeouts and aborts", () => {
  // A request that never gets an answer. Like a real socket, the set keeps it reachable: an unrooted
  // pending promise would be garbage-collected with its listeners.
  const open = new Set<Request>();
  const hang = (request: Request) =>
    new Promise<Response>((_resolve, reject) => {
      open.add(request);
      request.signal.addEventListener("abort", () => (open.delete(request), reject(request.signal.reason)), { once: true });
    });

  it("times out each attempt and retries reads; the final error is a TimeoutError", async () => {
    const fetch = observedFetch(hang);
    const error = await transport({ fetch, timeoutMs: 20 }).send(get()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("gcore GET /cloud/v1/secrets/1/1: no answer within 20 ms");
    expect(fetch.requests).toHaveLength(3);
  });

  it("times out against a real loopback server that never answers (real fetch)", async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { send } = transport({ fetch: (request) => fetch(request), timeoutMs: 50, retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 1 } });
      await expect(send(new Request(`http://127.0.0.1:${port}/cloud/v1/secrets/1/1`))).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("the caller's signal aborts at once, without retries", async () => {
    const controller = new AbortController();
    const fetch = observedFetch((request) => {
      setTimeout(() => controller.abort(new Error("user cancelled")), 5);
      return hang(request);
    });
    const error = await transport({ fetch, timeoutMs: 5_000 }).send(new Request("https://api.test/x", { signal: controller.signal })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).code).toBe("ERR_ABORTED");
    expect(fetch.requests).toHaveLength(1);
  });

  it("sets the user agent on every attempt", async () => {
    const fetch = observedFetch(new Response("", { status: 503 }), json({}));
    await transport({ fetch }).send(get());
    expect(fetch.requests.map((request) => request.headers.get("user-agent"))).toEqual(["typed-secrets/test", "typed-secrets/test"]);
  });
});
