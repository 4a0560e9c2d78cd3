// Redaction in every encoding a server may echo a secret in: generated values, generated surroundings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testRsaKey } from "../testing/observed-fetch.js";
import { redact, redactError } from "./redact.js";

const MARK = "[REDACTED]";

/** How servers echo what they were sent: as is, in a form or URL, in JSON (JS, Python, Go), base64 (alone or inside more). */
const ENCODINGS: Record<string, (value: string, before: Buffer, after: Buffer) => string> = {
  raw: (value) => value,
  uri: (value) => encodeURIComponent(value),
  "uri lower-case": (value) => encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  form: (value) => new URLSearchParams({ v: value }).toString().slice(2),
  json: (value) => JSON.stringify(value).slice(1, -1),
  "json ascii (Python)": (value) =>
    JSON.stringify(value)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`),
  "json html-safe (Go)": (value) =>
    JSON.stringify(value)
      .slice(1, -1)
      .replace(/[<>&]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`),
  base64: (value) => Buffer.from(value).toString("base64"),
  base64url: (value) => Buffer.from(value).toString("base64url"),
  "base64 inside more": (value, before, after) => Buffer.concat([before, Buffer.from(value), after]).toString("base64"),
};

/** What must never survive: the echo itself, or (inside more base64) every whole 4-character group of the value's bytes. */
function leaks(shown: string, value: string, encoding: string, echo: string, before: Buffer): string[] {
  const pieces = shown.split(MARK);
  if (encoding !== "base64 inside more") return pieces.filter((piece) => piece.includes(echo));
  const bytes = Buffer.from(value);
  const first = Math.ceil(before.length / 3);
  const last = Math.floor((before.length + bytes.length) / 3);
  const groups = echo.slice(first * 4, last * 4);
  return groups.length >= 8 ? pieces.filter((piece) => piece.includes(groups)) : [];
}

const value = fc.string({ unit: fc.constantFrom(..."aZ9 +/=&%?#<>\"'\\\n\t-_.é€😀ü"), minLength: 6, maxLength: 40 });
const text = fc.string({ maxLength: 30 });
const bytes = fc.uint8Array({ maxLength: 7 }).map((array) => Buffer.from(array));

describe("redact", () => {
  it("cuts a secret out of any echo, in every encoding, wherever it sits (property)", () => {
    fc.assert(
      fc.property(
        value,
        fc.constantFrom(...Object.keys(ENCODINGS)),
        text,
        text,
        bytes,
        bytes,
        (secret, encoding, head, tail, before, after) => {
          const echo = ENCODINGS[encoding]!(secret, before, after);
          const shown = redact(`${head}${echo}${tail}`, [secret]);
          expect(leaks(shown, secret, encoding, echo, before)).toEqual([]);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("leaves text without a secret as it was, and never cuts a marker", () => {
    expect(redact("nothing to hide here", ["s3cr3t-value"])).toBe("nothing to hide here");
    expect(redact("a REDACTED b", ["REDACTED"])).toBe(`a ${MARK} b`);
    expect(redact("xx abcabcab yy", ["abcab", "cabca"])).toBe(`xx ${MARK} yy`);
  });

  it("cuts each long line of a PEM, so a quoted line or a re-wrapped key goes too", () => {
    // A key made at test time; a body line with `+` or `/`, so that its URL encoding differs from it.
    const pem = testRsaKey().privateKeyPem;
    const line = pem.split("\n").find((each) => /^[A-Za-z0-9+/]{64}$/.test(each) && /[+/]/.test(each))!;
    expect(encodeURIComponent(line)).not.toBe(line);
    expect(redact(`line 2 is ${line}!`, [pem])).toBe(`line 2 is ${MARK}!`);
    expect(redact(`bad key=${encodeURIComponent(line)}`, [pem])).toBe(`bad key=${MARK}`);
  });

  it("merges overlapping and touching matches into one marker, in text order whatever the order of the secrets", () => {
    expect(redact("bbbbbbbb then aaaaaaaa", ["aaaaaaaa", "bbbbbbbb"])).toBe(`${MARK} then ${MARK}`);
    expect(redact("<aaaaaabbbbbb>", ["aaaaaa", "bbbbbb"])).toBe(`<${MARK}>`);
  });

  it("cuts the whole base64 of a value, its last partial group included", () => {
    const value = "secret-value1";
    expect(redact(`x ${Buffer.from(value).toString("base64")} y`, [value])).toBe(`x ${MARK}== y`);
    expect(redact(`x ${Buffer.from(value).toString("base64url")} y`, [value])).toBe(`x ${MARK} y`);
  });

  it("a PEM line of exactly 16 characters is cut out on its own", () => {
    expect(redact("quoted: ABCDEFGHIJKLMNOP.", ["-----BEGIN X-----\nABCDEFGHIJKLMNOP\n-----END X-----"])).toBe(`quoted: ${MARK}.`);
  });

  it("redacts a stack already formatted (a logger read it first), and stops at a cause that is not an Error", () => {
    const error = new Error("value hunter2-long-secret refused", { cause: "plain string cause" });
    expect(error.stack).toContain("hunter2-long-secret");
    redactError(error, ["hunter2-long-secret"]);
    expect(error.stack).not.toContain("hunter2-long-secret");
    expect(error.stack).toContain(MARK);
    expect(error.cause).toBe("plain string cause");
  });

  it("redacts an error's message, stack and causes in place", () => {
    const cause = new Error("echo p%40ss+w0rd%26more");
    const error = new Error("value p@ss w0rd&more was refused", { cause });
    expect(redactError(error, ["p@ss w0rd&more"])).toBe(error);
    expect(error.message).toBe(`value ${MARK} was refused`);
    expect(error.stack).not.toContain("w0rd");
    expect(cause.message).toBe(`echo ${MARK}`);
  });
});

describe("bounds", () => {
  it("an error whose cause chain loops is redacted and returned (the walk stops)", () => {
    const error = new Error("token sk-loop-1234567890");
    (error as { cause?: unknown }).cause = error;
    expect(redactError(error, ["sk-loop-1234567890"]).message).toBe(`token ${MARK}`);
  });

  it("a base64 form shorter than 8 characters is not looked for (three letters would match by chance)", () => {
    // "ab" is YWI in base64: a message that happens to contain YWI keeps it.
    expect(redact("see YWIxyz and ab", ["ab"])).toBe(`see YWIxyz and ${MARK}`);
  });
});
