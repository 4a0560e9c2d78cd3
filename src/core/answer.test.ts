// An answer parsed once, and a failed request described without what it carried.
import { describe, expect, it } from "vitest";
import { hostOf, jsonDepth, MAX_JSON_DEPTH, parseBody, safeCause } from "./answer.js";
import { headerReader } from "../testing/scripted-transport.js";

describe("parseBody", () => {
  it("JSON when the content type says so, the text otherwise, nothing when empty, 'malformed' when JSON does not parse", () => {
    const json = headerReader({ "content-type": "application/problem+json; charset=utf-8" });
    expect(parseBody(200, json, '{"a":1}')).toMatchObject({ status: 200, body: { a: 1 }, text: '{"a":1}', malformed: undefined });
    expect(parseBody(200, json, "")).toMatchObject({ body: undefined, malformed: undefined });
    expect(parseBody(200, json, "{broken")).toMatchObject({ body: undefined, text: "{broken", malformed: "it is not valid JSON" });
    expect(parseBody(401, headerReader({ "content-type": "text/plain" }), '{"a":1}')).toMatchObject({
      body: '{"a":1}',
      malformed: undefined,
    });
    expect(parseBody(200, headerReader(), "plain")).toMatchObject({ body: "plain" });
  });
});

describe("jsonDepth", () => {
  it("counts nesting outside strings, in one pass", () => {
    expect(jsonDepth("1")).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[{{{\\"[["}')).toBe(1);
    expect(jsonDepth("[".repeat(100_000) + "]".repeat(100_000))).toBe(100_000);
    // Closing brackets count too: a list of many small objects is wide, not deep.
    expect(jsonDepth("[[],{},[]]")).toBe(2);
    expect(jsonDepth("[[[]],[]]")).toBe(3);
    expect(jsonDepth(`[${Array.from({ length: 1_000 }, () => '{"a":[1]}').join(",")}]`)).toBe(3);
  });

  it("an answer deeper than the limit is malformed, not parsed", () => {
    const json = headerReader({ "content-type": "application/json" });
    const deep = "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1);
    expect(parseBody(200, json, deep)).toMatchObject({ body: undefined, malformed: expect.stringContaining(String(MAX_JSON_DEPTH)) });
    const limit = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
    expect(parseBody(200, json, limit).malformed).toBeUndefined();
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
    expect(safeCause(coded)).toEqual(Object.assign(new Error("ECONNREFUSED"), { code: "ECONNREFUSED" }));
    const plain = safeCause(new RangeError("https://user:pw@host/ failed"));
    expect([plain.message, "code" in plain]).toEqual(["RangeError", false]);
    expect(safeCause("a string").message).toBe("network error");
  });
});
