// Reading an answer: bounded, parsed once, and failures described without what the request carried.
import { describe, expect, it } from "vitest";
import { ProviderApiError } from "./errors.js";
import { hostOf, parseBody, readBody, respond, safeCause } from "./answer.js";

const details = { provider: "example", operation: "op" };
const streamed = (chunks: string[], init: ResponseInit = {}) => {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(next));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body, init), cancelled: () => cancelled };
};

describe("readBody", () => {
  it("reads a streamed body whole, across chunks and multi-byte characters, up to the cap exactly", async () => {
    const euro = new TextEncoder().encode("€");
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("price: "));
        controller.enqueue(euro.slice(0, 1));
        controller.enqueue(euro.slice(1));
        controller.close();
      },
    });
    expect(await readBody(new Response(split), 10, details)).toBe("price: €");
    expect(await readBody(streamed(["abc"]).response, 3, details)).toBe("abc");
    expect(await readBody(new Response(null, { status: 204 }), 3, details)).toBe("");
  });

  it("cancels a streamed body one byte over the cap, saying the cap", async () => {
    const { response, cancelled } = streamed(["ab", "cd", "never read"], { status: 200 });
    const error = await readBody(response, 3, details).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({ message: "example op: the answer is larger than maxResponseBytes (3 bytes) (HTTP 200)", status: 200 });
    expect(cancelled()).toBe(true);
  });

  it("refuses a declared length over the cap before reading anything; reads a declared length within it", async () => {
    const { response, cancelled } = streamed(["x".repeat(10)], { headers: { "content-length": "10" } });
    await expect(readBody(response, 9, details)).rejects.toThrow("larger than maxResponseBytes (9 bytes)");
    expect(cancelled()).toBe(true);
    expect(await readBody(new Response("0123456789", { headers: { "content-length": "10" } }), 10, details)).toBe("0123456789");
  });
});

describe("parseBody", () => {
  it("JSON when the content type says so, the text otherwise, nothing when empty, 'malformed' when JSON does not parse", () => {
    const json = new Headers({ "content-type": "application/problem+json; charset=utf-8" });
    expect(parseBody(json, '{"a":1}')).toEqual({ body: { a: 1 } });
    expect(parseBody(json, "")).toEqual({ body: undefined });
    expect(parseBody(json, "{broken")).toEqual({ body: undefined, malformed: true });
    expect(parseBody(new Headers({ "content-type": "text/plain" }), '{"a":1}')).toEqual({ body: '{"a":1}' });
    expect(parseBody(new Headers(), "plain")).toEqual({ body: "plain" });
  });
});

describe("respond", () => {
  it("rebuilds the Response with its status, headers and body; none for the statuses that cannot have one", async () => {
    const answer = { status: 201, headers: new Headers({ "x-id": "7" }), body: undefined };
    const response = respond(answer, "made", details);
    expect([response.status, response.headers.get("x-id"), await response.text()]).toEqual([201, "7", "made"]);
    for (const status of [204, 205, 304]) expect(await respond({ ...answer, status }, "ignored", details).text()).toBe("");
  });

  it("a status a Response cannot carry is a ProviderApiError naming it", () => {
    expect(() => respond({ status: 600, headers: new Headers(), body: undefined }, "", details)).toThrow(
      new ProviderApiError("unexpected HTTP status 600", details),
    );
  });
});

describe("describing a failed request", () => {
  it("hostOf gives host and port only, the scheme's port when none is written", () => {
    expect(hostOf("https://api.test/platform_api/GetSecretValue?secret=x")).toBe("api.test:443");
    expect(hostOf("http://127.0.0.1/v1.0/secrets")).toBe("127.0.0.1:80");
    expect(hostOf("http://127.0.0.1:3500/v1.0")).toBe("127.0.0.1:3500");
  });

  it("safeCause keeps the code, else the error's class name, and nothing else", () => {
    const coded = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443 token=abc"), { code: "ECONNREFUSED" }),
    });
    const safe = safeCause(coded);
    expect([safe.message, (safe as Error & { code?: string }).code]).toEqual(["ECONNREFUSED", "ECONNREFUSED"]);
    const plain = safeCause(new RangeError("https://user:pw@host/ failed"));
    expect([plain.message, "code" in plain]).toEqual(["RangeError", false]);
    expect(safeCause("a string").message).toBe("network error");
  });
});
