import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { AbortedError, ConfigurationError, ConnectionError, OutcomeUnknownError, ProviderApiError, TimeoutError } from "./errors.js";
import { json, networkError, observedFetch, recordedSleep } from "../testing/observed-fetch.js";
import { DEFAULT_RETRY_POLICY } from "./retry.js";
import { answerOf, createTransport, OutgoingRequest, tagOperation, type TransportOptions, type Verdict } from "./transport.js";

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

function transport(overrides: Partial<TransportOptions> & Pick<TransportOptions, "fetch">) {
  const recorded = recordedSleep();
  const send = createTransport({
    provider: "example",
    timeoutMs: 1_000,
    retry: DEFAULT_RETRY_POLICY,
    userAgent: "typed-secrets/test",
    credentialsOrigin: "https://api.test",
    maxResponseBytes: 16 * 1024 * 1024,
    sleep: recorded.sleep,
    random: () => 0,
    ...overrides,
  });
  return { send, delays: recorded.delays };
}

/** A request as openapi-fetch builds it with our Request class, named as a facade call names it. */
function request(url: string, init: RequestInit = {}, repeatable = init.method === undefined || init.method === "GET"): Request {
  const built = new OutgoingRequest(url, init);
  tagOperation(built, { name: `${init.method ?? "GET"} ${new URL(url).pathname}`, repeatable });
  return built;
}
const get = () => request("https://api.test/cloud/v1/secrets/1/1");
const post = () =>
  request("https://api.test/cloud/v2/secrets/1/1", {
    method: "POST",
    body: JSON.stringify({ name: "x" }),
    headers: { "content-type": "application/json" },
  });

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
    const fetch = observedFetch(
      new Response("", { status: 429, headers: { "retry-after": "3" } }),
      new Response("", { status: 429, headers: { "retry-after": new Date(Date.now() + 10_000).toUTCString() } }),
      json({}),
    );
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
      else await expect(send(post())).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect(fetch.requests).toHaveLength(1);
    }
  });

  it("a write whose answer is lost (reset or timeout after sending) is OutcomeUnknownError; a read stays what it was", async () => {
    const reset = await transport({ fetch: observedFetch(networkError("ECONNRESET")) })
      .send(post())
      .catch((caught: unknown) => caught);
    expect(reset).toMatchObject({ code: "ERR_OUTCOME_UNKNOWN", operation: "POST /cloud/v2/secrets/1/1" });
    expect((reset as Error).message).toMatch(/the connection failed after the request was sent: it may have been applied; read/);
    expect((reset as Error).cause).toBeInstanceOf(ConnectionError);
    const hanging = observedFetch(
      (request) =>
        new Promise<Response>((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    );
    const late = await transport({ fetch: hanging, timeoutMs: 20 })
      .send(post())
      .catch((caught: unknown) => caught);
    expect(late).toBeInstanceOf(OutcomeUnknownError);
    expect((late as Error).cause).toBeInstanceOf(TimeoutError);
    expect(hanging.requests).toHaveLength(1);
    // Nothing sent yet (the credential step hung): a plain TimeoutError. A read's reset: a ConnectionError.
    const unsent = transport({ fetch: observedFetch(json({})), timeoutMs: 20, authorize: () => new Promise(() => {}) });
    await expect(unsent.send(post())).rejects.toBeInstanceOf(TimeoutError);
    const read = transport({ fetch: observedFetch(networkError("ECONNRESET")), retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 } });
    await expect(read.send(get())).rejects.toBeInstanceOf(ConnectionError);
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
    const error = await transport({ fetch })
      .send(get())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      code: "ERR_CONNECTION",
      provider: "example",
      operation: "GET /cloud/v1/secrets/1/1",
      message: "example GET /cloud/v1/secrets/1/1: cannot reach api.test:443 (ECONNRESET)",
    });
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
      verdict: () => verdicts.shift() ?? "ok",
      authorize: async (headers, { refresh }) => {
        refreshes.push(refresh);
        headers.set("authorization", `Bearer t${refreshes.length}`);
      },
    });
    await send(post());
    expect(fetch.requests.map((request) => request.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
    expect(refreshes).toEqual([false, true]);
  });

  it("treats a provider's rate-limited verdict like a 429", async () => {
    const fetch = observedFetch(json({ error: { code: 340 } }), json({ result: 1 }));
    const verdicts: Verdict[] = ["rate-limited"];
    const { send } = transport({ fetch, verdict: () => verdicts.shift() ?? "ok" });
    expect(await (await send(post())).json()).toEqual({ result: 1 });
    expect(fetch.requests).toHaveLength(2);
  });
});

describe("credentials and redirects", () => {
  it("does not follow redirects: a 3xx is returned, the body and credentials go nowhere else", async () => {
    const fetch = observedFetch(new Response(null, { status: 307, headers: { location: "https://elsewhere.test/" } }));
    const { send } = transport({ fetch, authorize: async (headers) => headers.set("authorization", "APIKey k") });
    expect((await send(post())).status).toBe(307);
    expect(fetch.requests[0]!.redirect).toBe("manual");
    expect(fetch.requests).toHaveLength(1);
  });

  it("a failing credential step becomes a ConfigurationError without its message (it may hold the key)", async () => {
    const fetch = observedFetch(json({}));
    const error = await transport({
      fetch,
      authorize: async (headers) => headers.set("authorization", "APIKey SECRET\u0000KEY"),
    })
      .send(get())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain("SECRET");
    expect(fetch.requests).toHaveLength(0);
  });

  it("a credential step that hangs is bounded by the attempt's timeout", async () => {
    const fetch = observedFetch(json({}));
    const { send } = transport({
      fetch,
      timeoutMs: 30,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
      authorize: () => new Promise(() => {}),
    });
    await expect(send(get())).rejects.toBeInstanceOf(TimeoutError);
  });

  it("the provider's verdict comes before the status: a final 500 is not retried", async () => {
    const fetch = observedFetch(new Response("", { status: 500 }));
    await transport({ fetch, verdict: () => "ok" }).send(get());
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
    const error = await transport({ fetch, timeoutMs: 20 })
      .send(get())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("example GET /cloud/v1/secrets/1/1: no complete answer within 20 ms");
    expect(fetch.requests).toHaveLength(3);
  });

  it("times out against a real loopback server that never answers (real fetch)", async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { send } = transport({ fetch: (request) => fetch(request), timeoutMs: 50, retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 1 } });
      await expect(send(request(`http://127.0.0.1:${port}/cloud/v1/secrets/1/1`))).rejects.toBeInstanceOf(TimeoutError);
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
    const error = await transport({ fetch, timeoutMs: 5_000 })
      .send(request("https://api.test/x", { signal: controller.signal }))
      .catch((caught: unknown) => caught);
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

describe("bounds: one attempt, body included", () => {
  /** A loopback server that writes a body for ever (or a byte per 100 ms when `slow`) until the client goes away. */
  async function endless(slow: boolean): Promise<{ url: string; written: () => number; close(): void }> {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const pump = () => {
        while (!response.destroyed) {
          written += slow ? 1 : chunk.length;
          if (slow) return void setTimeout(() => (response.write("a"), pump()), 100);
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/x`, written: () => written, close: () => (server.closeAllConnections(), server.close()) };
  }

  it.each([
    ["an endless body ends at maxResponseBytes (16 MiB by default)", false, ProviderApiError],
    ["a slow body ends in TimeoutError at timeoutMs", true, TimeoutError],
  ] as const)("%s; the server stops writing and memory stays bounded", { timeout: 20_000 }, async (_name, slow, kind) => {
    const server = await endless(slow);
    const rss = process.memoryUsage.rss();
    try {
      const { send } = transport({
        fetch: (attempt) => fetch(attempt),
        timeoutMs: 1_000,
        retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
        credentialsOrigin: "http://127.0.0.1",
      });
      await expect(send(request(server.url))).rejects.toBeInstanceOf(kind);
      await expectTornDown(server);
      expect(process.memoryUsage.rss() - rss).toBeLessThan(200 * 1024 * 1024);
    } finally {
      server.close();
    }
  });

  it("with the size cap raised, the timeout still ends an endless body", { timeout: 20_000 }, async () => {
    const server = await endless(false);
    try {
      const { send } = transport({
        fetch: (attempt) => fetch(attempt),
        timeoutMs: 1_000,
        maxResponseBytes: 2 ** 31 - 1,
        retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
        credentialsOrigin: "http://127.0.0.1",
      });
      await expect(send(request(server.url))).rejects.toBeInstanceOf(TimeoutError);
      await expectTornDown(server);
    } finally {
      server.close();
    }
  });

  /** The connection was torn down: the server's writes stop (what was in flight aside), waiting for its drain events to cease. */
  async function expectTornDown(server: { written: () => number }): Promise<void> {
    let last = -1;
    while (server.written() !== last) {
      last = server.written();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it("the caller's signal ends a body being read", { timeout: 20_000 }, async () => {
    const server = await endless(true);
    try {
      const controller = new AbortController();
      const { send } = transport({
        fetch: async (attempt) => (setTimeout(() => controller.abort(new Error("user")), 200), fetch(attempt)),
        timeoutMs: 60_000,
        credentialsOrigin: "http://127.0.0.1",
      });
      await expect(send(request(server.url, { signal: controller.signal }))).rejects.toBeInstanceOf(AbortedError);
    } finally {
      server.close();
    }
  });

  it("maxResponseBytes ends an oversized body with a clear error, declared or streamed", async () => {
    const big = "x".repeat(2048);
    for (const reply of [new Response(big, { headers: { "content-length": "2048" } }), new Response(new Blob([big]).stream())]) {
      const error = await transport({ fetch: observedFetch(reply), maxResponseBytes: 1024 })
        .send(get())
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderApiError);
      expect((error as Error).message).toBe(
        "example GET /cloud/v1/secrets/1/1: the answer is larger than maxResponseBytes (1024 bytes) (HTTP 200)",
      );
    }
  });

  it("attaches credentials only to the configured origin (client.api may be given another baseUrl per call)", async () => {
    const fetch = observedFetch(json({}));
    const calls: string[] = [];
    const { send } = transport({
      fetch,
      authorize: async (headers, { operation }) => (calls.push(operation), headers.set("authorization", "APIKey k")),
    });
    await send(request("https://elsewhere.test/cloud/v1/secrets/1/1"));
    await send(request("https://api.test.evil/cloud/v1/secrets/1/1"));
    await send(get());
    expect(fetch.requests.map((each) => each.headers.get("authorization"))).toEqual([null, null, "APIKey k"]);
    expect(calls).toEqual(["GET /cloud/v1/secrets/1/1"]);
  });

  it("one request per attempt (openapi-fetch's own, then built from the kept body), and no timer outlives the call", async () => {
    // Every timer the call arms is cleared by it (counted by spies, not by the process's timers, which other
    // tests' leftovers may change under load).
    const armed = new Set<unknown>();
    let armedInAll = 0;
    const set = vi.spyOn(globalThis, "setTimeout").mockImplementation(((...args: Parameters<typeof setTimeout>) => {
      const handle = realSetTimeout(...args);
      armed.add(handle);
      armedInAll += 1;
      return handle;
    }) as typeof setTimeout);
    const clear = vi.spyOn(globalThis, "clearTimeout").mockImplementation((handle) => {
      armed.delete(handle);
      realClearTimeout(handle);
    });
    const fetch = observedFetch(networkError("ECONNREFUSED"), json({ ok: true }));
    const original = post();
    const response = await transport({ fetch }).send(original);
    // The first attempt is the request openapi-fetch built; the retry is built from the kept string, not cloned.
    expect(fetch.requests[0]).toBe(original);
    expect(fetch.requests[1]).not.toBe(original);
    expect(fetch.bodies).toEqual([JSON.stringify({ name: "x" }), JSON.stringify({ name: "x" })]);
    expect(answerOf(response)).toMatchObject({ status: 200, body: { ok: true } });
    set.mockRestore();
    clear.mockRestore();
    // One timer per attempt, two attempts; none left armed.
    expect(armedInAll).toBe(2);
    expect([...armed]).toEqual([]);
  });
});
