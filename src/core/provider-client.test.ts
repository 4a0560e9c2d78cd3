// The one wrapper every facade call goes through: what it makes of answers and failures that are not the vendor's.
import { describe, expect, it } from "vitest";
import { AbortedError, ConfigurationError, ProviderApiError, TimeoutError } from "./errors.js";
import { createProviderClient, type VendorSpec } from "./provider-client.js";

type Paths = Record<string, never>;
const reply = (response: Response) => async () => response.clone();

function vendor(fetch: (request: Request) => Promise<Response>, extra: Partial<VendorSpec> = {}) {
  return createProviderClient<Paths>({
    provider: "example",
    options: { fetch, maxRetries: 0 },
    baseUrl: { value: "https://api.example.test", from: "option baseUrl" },
    operations: { read: { repeatable: true } },
    paths: {},
    ...extra,
  });
}
const send = () => async (transport: (request: Request) => Promise<Response>) => ({
  response: await transport(new Request("https://api.example.test/thing")),
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("call", () => {
  it("hands the answer to the handler and returns what it makes of it", async () => {
    const { call } = vendor(reply(Response.json({ a: 1 })));
    expect(await call("read", undefined, send(), (answer, details) => ({ body: answer.body, details }))).toEqual({
      body: { a: 1 },
      details: { provider: "example", operation: "read" },
    });
  });

  it("a 2xx whose JSON does not parse is said to be that; outside 2xx the handler decides", async () => {
    for (const status of [200, 299]) {
      const broken = new Response("{nope", { status, headers: { "content-type": "application/json" } });
      expect(await failure(vendor(reply(broken)).call("read", undefined, send(), () => "handled"))).toMatchObject({
        name: "ProviderApiError",
        message: `example read: the answer is not valid JSON (HTTP ${status})`,
      });
    }
    const elsewhere = new Response("{nope", { status: 404, headers: { "content-type": "application/json" } });
    expect(await vendor(reply(elsewhere)).call("read", undefined, send(), (answer) => answer.status)).toBe(404);
  });

  it("a handler's own bug is a ProviderApiError naming its class, never a raw TypeError", async () => {
    const { call } = vendor(reply(Response.json({})));
    const bug = await failure(
      call("read", undefined, send(), () => {
        throw new TypeError("cannot read properties of undefined");
      }),
    );
    expect(bug).toBeInstanceOf(ProviderApiError);
    expect(bug).toMatchObject({ message: "example read: unexpected failure (TypeError)", operation: "read" });
    const odd = await failure(
      call("read", undefined, send(), () => {
        throw null;
      }),
    );
    expect(odd).toMatchObject({ message: "example read: unexpected failure (error)" });
  });

  it("a stray timeout is a TimeoutError; anything after the caller's abort is an AbortedError with the reason", async () => {
    const { call } = vendor(reply(Response.json({})));
    const late = await failure(
      call("read", undefined, send(), () => {
        throw new DOMException("late", "TimeoutError");
      }),
    );
    expect(late).toBeInstanceOf(TimeoutError);
    expect(late).toMatchObject({ message: "example read: the answer did not arrive in time" });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const aborted = await failure(
      call("read", controller.signal, send(), () => {
        controller.abort(reason);
        throw new Error("whatever happened next");
      }),
    );
    expect(aborted).toBeInstanceOf(AbortedError);
    expect(aborted).toMatchObject({ message: "example read: aborted by the caller", cause: reason });
  });

  it("a response the transport did not read is refused", async () => {
    const { call } = vendor(reply(Response.json({})));
    const outside = await failure(
      call(
        "read",
        undefined,
        async () => ({ response: Response.json({}) }),
        () => "handled",
      ),
    );
    expect(outside).toMatchObject({ message: "example read: the answer did not come through the transport" });
  });

  it("cuts the call's secrets out of its errors", async () => {
    const { call, redact } = vendor(reply(Response.json({})));
    const error = await failure(
      call(
        "read",
        undefined,
        send(),
        () => {
          throw new ProviderApiError("echoed s3cret-value-77", { provider: "example" });
        },
        ["s3cret-value-77"],
      ),
    );
    expect((error as Error).message).toBe("example: echoed [REDACTED]");
    expect(redact(new Error("again s3cret-value-77"), ["s3cret-value-77"]).message).toBe("again [REDACTED]");
  });

  it("plain http only to loopback unless the vendor says otherwise", () => {
    const remote = { value: "http://10.0.0.1:3500", from: "option baseUrl" };
    expect(() => vendor(reply(Response.json({})), { baseUrl: remote })).toThrow(ConfigurationError);
    expect(() => vendor(reply(Response.json({})), { baseUrl: remote, allowPlainHttp: true })).not.toThrow();
  });
});
