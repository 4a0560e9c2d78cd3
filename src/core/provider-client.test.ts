// A vendor's client core: a facade call built from the spec's types, sent, classified and mapped; what it makes of
// answers and failures that are not the vendor's; its errors cut of the call's secrets.
import { describe, expect, it } from "vitest";
import type { Classify } from "./decide.js";
import { AbortedError, ConfigurationError, NotFoundError, OutcomeUnknownError, ProviderApiError, TimeoutError } from "./errors.js";
import { createProviderClient, type VendorSpec } from "./provider-client.js";
import { json, observedFetch, type Reply } from "../testing/observed-fetch.js";

interface Paths {
  "/things/{id}": {
    get: {
      parameters: { path: { id: string }; query?: { deep?: boolean } };
      responses: { 200: { content: { "application/json": { a: number } } } };
    };
    post: {
      parameters: { path: { id: string } };
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 200: { content: { "application/json": { a: number } } } };
    };
  };
}
const OPERATIONS = {
  read: { method: "get", path: "/things/{id}", repeatable: true },
  write: { method: "post", path: "/things/{id}", repeatable: false },
} as const;
const classify: Classify = (answer, details) =>
  answer.status === 404
    ? { kind: "error", error: new NotFoundError("no thing", { ...details, status: 404 }), retry: "final" }
    : answer.status >= 500
      ? { kind: "error", error: new ProviderApiError("down", { ...details, status: answer.status }), retry: "try-later" }
      : { kind: "ok" };

function vendor(replies: Reply[], extra: Partial<VendorSpec<Paths, typeof OPERATIONS>> = {}) {
  const fetch = observedFetch(...replies);
  const client = createProviderClient<Paths, typeof OPERATIONS>({
    provider: "example",
    options: { fetch, maxRetries: 0 },
    baseUrl: { value: "https://api.example.test/v1", from: "option baseUrl" },
    operations: OPERATIONS,
    classify,
    ...extra,
  });
  return { ...client, fetch };
}
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("call", () => {
  it("builds the request from the spec path and its parameters, and maps the success", async () => {
    const { call, fetch } = vendor([json({ a: 1 })]);
    const mapped = await call("read", { path: { id: "a/b c" }, query: { deep: true } }, {}, (answer) => ({
      a: answer.body?.a,
      status: answer.status,
    }));
    expect(mapped).toEqual({ a: 1, status: 200 });
    expect(fetch.requests[0]!.url).toBe("https://api.example.test/v1/things/a%2Fb%20c?deep=true");
    const { call: post, fetch: posted } = vendor([json({ a: 2 })]);
    await post("write", { path: { id: "1" }, json: { name: "x" } }, {}, () => undefined);
    expect(posted.requests[0]!.headers.get("content-type")).toBe("application/json");
    expect(posted.bodies[0]).toBe('{"name":"x"}');
  });

  it("throws the error the vendor's classify names; a write's gateway error is an unknown outcome", async () => {
    expect(await failure(vendor([json({}, { status: 404 })]).call("read", { path: { id: "1" } }, {}, () => 0))).toBeInstanceOf(
      NotFoundError,
    );
    const gateway = await failure(
      vendor([json({}, { status: 502 })]).call("write", { path: { id: "1" }, json: { name: "x" } }, {}, () => 0),
    );
    expect(gateway).toBeInstanceOf(OutcomeUnknownError);
    expect(gateway).toMatchObject({ status: 502, operation: "write", cause: expect.any(ProviderApiError) });
  });

  it.each([
    ["a 2xx whose JSON does not parse", new Response("{nope", { headers: { "content-type": "application/json" } })],
    [
      "a 2xx nested a million deep",
      new Response(`{"a":${"[".repeat(1e6)}${"]".repeat(1e6)}}`, { headers: { "content-type": "application/json" } }),
    ],
    ["a 2xx that is not a JSON object", json("text")],
    ["a 2xx of text", new Response("ok", { headers: { "content-type": "text/plain" } })],
    ["a status the classify let through outside 2xx", new Response("", { status: 302 })],
  ])("%s is a ProviderApiError with its status", async (_name, reply) => {
    const error = await failure(vendor([reply]).call("read", { path: { id: "1" } }, {}, () => "mapped"));
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({ provider: "example", operation: "read", status: reply.status });
  });

  it("an empty 2xx reaches the mapper with no body", async () => {
    expect(
      await vendor([new Response(null, { status: 204 })]).call("read", { path: { id: "1" } }, {}, (answer) => answer.body),
    ).toBeUndefined();
  });

  it("a mapper's own bug is a ProviderApiError naming its class, never a raw TypeError", async () => {
    const bug = await failure(
      vendor([json({})]).call("read", { path: { id: "1" } }, {}, () => {
        throw new TypeError("cannot read properties of undefined");
      }),
    );
    expect(bug).toBeInstanceOf(ProviderApiError);
    expect(bug).toMatchObject({ operation: "read", provider: "example" });
    const odd = await failure(
      vendor([json({})]).call("read", { path: { id: "1" } }, {}, () => {
        throw null;
      }),
    );
    expect(odd).toBeInstanceOf(ProviderApiError);
  });

  it("a stray timeout is a TimeoutError; anything after the caller's abort is an AbortedError with the reason", async () => {
    const late = await failure(
      vendor([json({})]).call("read", { path: { id: "1" } }, {}, () => {
        throw new DOMException("late", "TimeoutError");
      }),
    );
    expect(late).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const aborted = await failure(
      vendor([json({})]).call("read", { path: { id: "1" } }, { signal: controller.signal }, () => {
        controller.abort(reason);
        throw new Error("whatever happened next");
      }),
    );
    expect(aborted).toBeInstanceOf(AbortedError);
    expect(aborted).toMatchObject({ cause: reason });
  });

  it("cuts the call's secrets and the credentials sent out of its errors", async () => {
    const { call, redact } = vendor([json({})], { authorize: (headers) => void (headers.authorization = "APIKey key-1234567") });
    const error = await failure(
      call("read", { path: { id: "1" } }, { secrets: ["s3cret-value-77"] }, () => {
        throw new ProviderApiError("refused", { provider: "example", serverMessage: "echoed s3cret-value-77", requestId: "key-1234567" });
      }),
    );
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({ serverMessage: "echoed [REDACTED]", requestId: "[REDACTED]" });
    expect(`${(error as Error).message} ${(error as Error).stack}`).not.toMatch(/s3cret-value-77|key-1234567/);
    expect(redact(new Error("again s3cret-value-77"), ["s3cret-value-77"]).message).not.toContain("s3cret-value-77");
  });

  it("remembers the newest credentials sent (four at least), bare tokens included, however often one is sent again", async () => {
    let next = "";
    const { call } = vendor([json({})], { authorize: (headers) => void (headers.authorization = next) });
    const send = async (credential: string) => {
      next = credential;
      await call("read", { path: { id: "1" } }, {}, () => undefined);
    };
    // Eight places: "APIKey k" takes two (the value and its bare token), a raw token one. Five raw tokens fit.
    for (const token of ["tok-0000-0000", "tok-aaaa-1111", "tok-bbbb-2222", "tok-cccc-3333", "tok-dddd-4444"]) await send(token);
    // One sent again and again does not push the others out.
    for (let index = 0; index < 10; index += 1) await send("tok-dddd-4444");
    next = "";
    const error = await failure(
      call("read", { path: { id: "1" } }, {}, () => {
        throw new ProviderApiError("refused", {
          serverMessage: "saw tok-0000-0000 tok-aaaa-1111 tok-bbbb-2222 tok-cccc-3333 tok-dddd-4444",
        });
      }),
    );
    expect(error).toMatchObject({ serverMessage: `saw${" [REDACTED]".repeat(5)}` });
  });

  it("plain http only to loopback unless the vendor says otherwise", () => {
    const remote = { value: "http://10.0.0.1:3500", from: "option baseUrl" };
    expect(() => vendor([json({})], { baseUrl: remote })).toThrow(ConfigurationError);
    expect(() => vendor([json({})], { baseUrl: remote, allowPlainHttp: true })).not.toThrow();
  });
});
