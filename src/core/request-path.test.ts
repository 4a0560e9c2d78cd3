// A call from first attempt to final answer, on a scripted transport: retries and their waits, Retry-After,
// re-authorizing once, lost writes, the user agent, and no timer left behind.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Classify } from "./decide.js";
import { AbortedError, ConnectionError, OutcomeUnknownError, ProviderApiError, TimeoutError } from "./errors.js";
import { perform, type RequestPath } from "./request-path.js";
import { DEFAULT_RETRY_POLICY } from "./retry.js";
import type { PreparedCall } from "./send-once.js";
import { hangingReply, jsonReply, networkFailure, type ScriptedTransport, scriptedTransport } from "../testing/scripted-transport.js";

const byStatus: Classify = (answer, details) =>
  answer.status < 400
    ? { kind: "ok" }
    : {
        kind: "error",
        error: new ProviderApiError("refused", { ...details, status: answer.status }),
        retry: answer.status === 429 ? "rate-limited" : answer.status >= 500 ? "try-later" : "final",
      };

function path(transport: ScriptedTransport, overrides: Partial<RequestPath> = {}) {
  const delays: number[] = [];
  const settings: RequestPath = {
    transport,
    timeoutMs: 1_000,
    maxResponseBytes: 1024,
    userAgent: "typed-secrets/test",
    classify: byStatus,
    retry: DEFAULT_RETRY_POLICY,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0,
    ...overrides,
  };
  return { settings, delays };
}

const call = (overrides: Partial<PreparedCall> = {}): PreparedCall => ({
  details: { provider: "example", operation: "read" },
  method: "POST",
  url: "https://api.test/read",
  headers: { "content-type": "application/json" },
  body: '{"name":"x"}',
  withCredentials: true,
  ...overrides,
});
const read = { repeatable: true };
const write = { repeatable: false };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

afterEach(() => vi.restoreAllMocks());

describe("retries", () => {
  it("retries a read twice with exponential backoff, then returns the last answer and its classification", async () => {
    const transport = scriptedTransport({ status: 503 });
    const { settings, delays } = path(transport);
    const final = await perform(call(), read, settings);
    expect(final.answer.status).toBe(503);
    expect(final.classification).toMatchObject({ kind: "error", retry: "try-later" });
    expect(transport.requests).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
  });

  it("applies jitter of up to a quarter and caps the delay", async () => {
    const { settings, delays } = path(scriptedTransport({ status: 500 }), {
      random: () => 1,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 6 },
    });
    await perform(call(), read, settings);
    expect(delays).toEqual([375, 750, 1500, 3000, 6000, 6000]);
  });

  it("stops at the first success, and sends the same body and headers on every attempt", async () => {
    const transport = scriptedTransport({ status: 502 }, jsonReply({ ok: true }));
    const final = await perform(call(), read, path(transport).settings);
    expect(final.answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(transport.requests.map((request) => [request.body, request.headers["content-type"]])).toEqual([
      ['{"name":"x"}', "application/json"],
      ['{"name":"x"}', "application/json"],
    ]);
  });

  it("waits as long as Retry-After says (seconds or an HTTP date)", async () => {
    const later = new Date(Date.now() + 10_000).toUTCString();
    const transport = scriptedTransport(
      { status: 429, headers: { "retry-after": "3" } },
      { status: 429, headers: { "retry-after": later } },
      jsonReply({}),
    );
    const { settings, delays } = path(transport);
    await perform(call(), read, settings);
    expect(delays[0]).toBe(3000);
    expect(delays[1]).toBeGreaterThan(8000);
    expect(delays[1]).toBeLessThanOrEqual(10_000);
  });

  it("a write is never re-sent once it may have arrived; one that never left, or was refused for rate, is", async () => {
    const gateway = scriptedTransport({ status: 503 });
    expect((await perform(call(), write, path(gateway).settings)).answer.status).toBe(503);
    expect(gateway.requests).toHaveLength(1);
    const lost = scriptedTransport(networkFailure("ECONNRESET"));
    const error = await failure(perform(call(), write, path(lost).settings));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ operation: "read", cause: expect.any(ConnectionError) });
    expect(lost.requests).toHaveLength(1);
    const refused = scriptedTransport(networkFailure("ECONNREFUSED"), jsonReply({}));
    expect((await perform(call(), write, path(refused).settings)).answer.status).toBe(200);
    expect(refused.requests).toHaveLength(2);
    const limited = scriptedTransport({ status: 429 }, jsonReply({}));
    expect((await perform(call(), write, path(limited).settings)).answer.status).toBe(200);
    expect(limited.requests).toHaveLength(2);
  });

  it("a write whose answer does not come in time is OutcomeUnknownError; a read's is a TimeoutError after its retries", async () => {
    const hanging = scriptedTransport(hangingReply);
    const late = await failure(perform(call(), write, path(hanging, { timeoutMs: 20 }).settings));
    expect(late).toBeInstanceOf(OutcomeUnknownError);
    expect(late).toMatchObject({ cause: expect.any(TimeoutError) });
    const reads = scriptedTransport(hangingReply);
    expect(await failure(perform(call(), read, path(reads, { timeoutMs: 20 }).settings))).toBeInstanceOf(TimeoutError);
    expect(reads.requests).toHaveLength(3);
  });

  it("maxRetries of the operation overrides the client's", async () => {
    const transport = scriptedTransport({ status: 503 });
    await perform(call(), { repeatable: true, maxRetries: 0 }, path(transport).settings);
    expect(transport.requests).toHaveLength(1);
  });

  it("the caller's signal ends the wait between attempts", async () => {
    const controller = new AbortController();
    const { settings } = path(scriptedTransport({ status: 503 }), {
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          controller.abort(new Error("user"));
          reject(signal?.reason);
        }),
    });
    const error = await failure(perform(call({ signal: controller.signal }), read, settings));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ operation: "read", cause: new Error("user") });
  });
});

describe("credentials", () => {
  it("the default pause before a retry is a timer the caller's signal cuts short", async () => {
    const transport = scriptedTransport({ status: 503 });
    const { settings } = path(transport, { sleep: undefined, retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 1, initialDelayMs: 60_000 } });
    const controller = new AbortController();
    const pending = failure(perform(call({ signal: controller.signal }), read, settings));
    await vi.waitFor(() => expect(transport.requests).toHaveLength(1));
    const reason = new Error("caller gave up");
    controller.abort(reason);
    const error = await pending;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ operation: "read", cause: reason });
    expect(transport.requests).toHaveLength(1);
  });

  it("re-authorizes once on a rejected token, outside the retry budget, even for a write", async () => {
    const refreshes: boolean[] = [];
    const rejected = jsonReply({ error: "token" }, 401);
    const transport = scriptedTransport(rejected, rejected, rejected);
    const { settings } = path(transport, {
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
      classify: (answer, details) =>
        answer.status === 401 ? { kind: "error", error: new ProviderApiError("token", details), retry: "refresh-auth" } : { kind: "ok" },
      authorize: async (headers, { refresh }) => {
        refreshes.push(refresh);
        headers.authorization = `Bearer t${refreshes.length}`;
      },
    });
    const final = await perform(call(), write, settings);
    expect(final.classification).toMatchObject({ kind: "error", retry: "refresh-auth" });
    expect(transport.requests.map((request) => request.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
    expect(refreshes).toEqual([false, true]);
  });

  it("credentials and the user agent go on every attempt; none without withCredentials", async () => {
    const sent: string[] = [];
    const transport = scriptedTransport({ status: 503 }, jsonReply({}));
    const authorize = (headers: Record<string, string>) => void (headers.authorization = "APIKey k");
    await perform(
      call(),
      read,
      path(transport, { authorize, sentCredentials: (headers) => void sent.push(headers.authorization ?? "") }).settings,
    );
    await perform(call({ withCredentials: false }), read, path(transport, { authorize }).settings);
    expect(transport.requests.map((request) => [request.headers.authorization, request.headers["user-agent"]])).toEqual([
      ["APIKey k", "typed-secrets/test"],
      ["APIKey k", "typed-secrets/test"],
      [undefined, "typed-secrets/test"],
    ]);
    expect(sent).toEqual(["APIKey k", "APIKey k"]);
  });
});

describe("timers", () => {
  it("one timer per attempt, each cleared when its attempt settles", async () => {
    const armed = new Set<unknown>();
    let armedInAll = 0;
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((...args: Parameters<typeof setTimeout>) => {
      const handle = realSetTimeout(...args);
      armed.add(handle);
      armedInAll += 1;
      return handle;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, "clearTimeout").mockImplementation((handle) => {
      armed.delete(handle);
      realClearTimeout(handle);
    });
    await perform(call(), write, path(scriptedTransport(networkFailure("ECONNREFUSED"), jsonReply({}))).settings);
    vi.restoreAllMocks();
    expect(armedInAll).toBe(2);
    expect([...armed]).toEqual([]);
  });
});
