// One attempt and what it says happened: an answer (parsed once), a failure that may be retried, or a fatal one.
import { describe, expect, it, vi } from "vitest";
import { AbortedError, ConfigurationError, ConnectionError, ProviderApiError, TimeoutError } from "./errors.js";
import { ResponseTooLargeError } from "./http.js";
import { type PreparedCall, type Sender, sendOnce } from "./send-once.js";
import { hangingReply, jsonReply, networkFailure, type ScriptedReply, scriptedTransport } from "../testing/scripted-transport.js";

const details = { provider: "example", operation: "write" };
const call = (overrides: Partial<PreparedCall> = {}): PreparedCall => ({
  details,
  method: "POST",
  url: "https://api.test:8443/cloud/v2/secrets?x=1",
  headers: {},
  body: "{}",
  withCredentials: true,
  ...overrides,
});
const sender = (reply: ScriptedReply, overrides: Partial<Sender> = {}) => {
  const transport = scriptedTransport(reply);
  return { transport, sender: { transport, timeoutMs: 1_000, maxResponseBytes: 1024, userAgent: "test", ...overrides } };
};

describe("answers", () => {
  it.each([
    ["JSON is parsed", jsonReply({ a: 1 }), { body: { a: 1 }, malformed: undefined }],
    [
      "JSON that does not parse is malformed",
      { status: 200, headers: { "content-type": "application/json" }, text: "{nope" },
      { body: undefined, malformed: "it is not valid JSON" },
    ],
    [
      "other content is text",
      { status: 401, headers: { "content-type": "text/plain" }, text: "invalid api token" },
      { body: "invalid api token" },
    ],
    ["an empty body is undefined", { status: 204 }, { body: undefined, text: "", malformed: undefined }],
  ] as const)("%s", async (_name, reply, expected) => {
    const outcome = await sendOnce(call(), false, sender(reply).sender);
    expect(outcome).toMatchObject({ kind: "answer", answer: { status: reply.status, ...expected } });
  });
});

describe("failures that may be retried", () => {
  it("no complete answer within timeoutMs: a TimeoutError, and the request may have arrived", async () => {
    const outcome = await sendOnce(call(), false, sender(hangingReply, { timeoutMs: 20 }).sender);
    expect(outcome).toMatchObject({ kind: "failure", mayHaveArrived: true, error: expect.any(TimeoutError) });
    expect(outcome).toMatchObject({ error: { provider: "example", operation: "write", status: undefined } });
  });

  it("a credential step that hangs is bounded by the attempt's timeout; nothing was sent", async () => {
    const { transport, sender: hanging } = sender(jsonReply({}), { timeoutMs: 20, authorize: () => new Promise(() => {}) });
    expect(await sendOnce(call(), false, hanging)).toMatchObject({
      kind: "failure",
      mayHaveArrived: false,
      error: expect.any(TimeoutError),
    });
    expect(transport.requests).toHaveLength(0);
  });

  it("a connection failure names the host and the error code only; refused means it never arrived", async () => {
    const reset = await sendOnce(call(), false, sender(networkFailure("ECONNRESET")).sender);
    expect(reset).toMatchObject({ kind: "failure", mayHaveArrived: true, error: expect.any(ConnectionError) });
    const error = reset.kind === "failure" ? reset.error : undefined;
    expect(error).toMatchObject({ provider: "example", operation: "write", status: undefined });
    expect(error?.cause).toEqual(Object.assign(new Error("ECONNRESET"), { code: "ECONNRESET" }));
    expect(await sendOnce(call(), false, sender(networkFailure("ECONNREFUSED")).sender)).toMatchObject({ mayHaveArrived: false });
    const uncoded = await sendOnce(call(), false, sender(new TypeError("fetch failed")).sender);
    expect(uncoded).toMatchObject({ mayHaveArrived: true, error: expect.any(ConnectionError) });
  });
});

describe("fatal outcomes", () => {
  it("the caller's signal: AbortedError with its reason, before or during the attempt", async () => {
    const before = new AbortController();
    before.abort(new Error("user"));
    const { transport, sender: idle } = sender(jsonReply({}));
    expect(await sendOnce(call({ signal: before.signal }), false, idle)).toMatchObject({
      kind: "fatal",
      error: { code: AbortedError.code, cause: new Error("user") },
    });
    expect(transport.requests).toHaveLength(0);
    const during = new AbortController();
    const { sender: hanging } = sender((request, bounds) => (during.abort(new Error("later")), hangingReply(request, bounds)));
    expect(await sendOnce(call({ signal: during.signal }), false, hanging)).toMatchObject({
      kind: "fatal",
      error: expect.any(AbortedError),
    });
  });

  it("an answer over maxResponseBytes: a ProviderApiError with its status", async () => {
    const outcome = await sendOnce(call(), false, sender(new ResponseTooLargeError(1024, 200)).sender);
    expect(outcome).toMatchObject({ kind: "fatal", error: { code: ProviderApiError.code, status: 200 } });
  });

  it("a credential step that fails is a ConfigurationError that does not quote it, and sends nothing", async () => {
    const { transport, sender: failing } = sender(jsonReply({}), {
      authorize: () => {
        throw new TypeError("APIKey SECRET is not a legal header value");
      },
    });
    const outcome = await sendOnce(call(), false, failing);
    expect(outcome).toMatchObject({ kind: "fatal", error: expect.any(ConfigurationError) });
    expect(JSON.stringify(outcome.kind === "fatal" && outcome.error)).not.toContain("SECRET");
    expect(transport.requests).toHaveLength(0);
  });
});

describe("bounds", () => {
  it("the caller's listener goes when the attempt settles", async () => {
    const { signal } = new AbortController();
    const added = vi.spyOn(signal, "addEventListener");
    const removed = vi.spyOn(signal, "removeEventListener");
    await sendOnce(call({ signal }), false, sender(jsonReply({})).sender);
    expect(added).toHaveBeenCalledTimes(1);
    expect(removed.mock.calls).toEqual(added.mock.calls.map(([type, listener]) => [type, listener]));
  });
});
