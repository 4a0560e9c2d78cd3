// Redaction in every encoding a server may echo a secret in: generated values, generated surroundings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testRsaKey } from "../testing/observed-fetch.js";
import { ProviderApiError } from "./errors.js";
import { redact, redactError, secretForms } from "./redact.js";

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

describe("which text is cut", () => {
  it("a value under 4 characters only where it stands alone; from 4 on, inside words too", () => {
    expect(redact("abcXYZdef XYZ, XYZ_1 (XYZ)", ["XYZ"])).toBe(`abcXYZdef ${MARK}, XYZ_1 (${MARK})`);
    expect(redact("XYZ", ["XYZ"])).toBe(MARK);
    expect(redact("abcWXYZdef", ["WXYZ"])).toBe(`abc${MARK}def`);
  });

  it("an empty value cuts nothing; no value, nothing", () => {
    expect(redact("a b", [""])).toBe("a b");
    expect(secretForms("")).toEqual([]);
    expect(redact("a b", [])).toBe("a b");
  });

  it("base64url of a value whose base64 has + and /, and no form under 8 characters", () => {
    const value = "??>>~~??";
    expect(Buffer.from(value).toString("base64")).toMatch(/[+/]/);
    expect(redact(`x ${Buffer.from(value).toString("base64url")} y`, [value])).toBe(`x ${MARK} y`);
    // "abcd" is YWJjZA in base64: six characters, left alone.
    expect(redact("id YWJjZA", ["abcd"])).toBe("id YWJjZA");
  });

  it("a value with line breaks, echoed with CRLF or LF whichever it had", () => {
    const lf = "first-line-abcdef\nsecond-line-abcdef";
    const crlf = lf.replace("\n", "\r\n");
    expect(redact(`<${crlf}>`, [lf])).toBe(`<${MARK}>`);
    expect(redact(`<${lf}>`, [crlf])).toBe(`<${MARK}>`);
    expect(redact(`<${encodeURIComponent(crlf)}>`, [lf])).toBe(`<${MARK}>`);
  });

  it("a line counts as a fragment by its length without surrounding spaces", () => {
    const secret = "the-first-line-is-long\n                x";
    expect(redact("pad:                x.", [secret])).toBe("pad:                x.");
  });
});

describe("redactError", () => {
  const SECRET = "hunter2-secret-value";
  const refused = () =>
    new ProviderApiError("refused", {
      provider: "vault",
      operation: "getSecret",
      status: 400,
      serverMessage: `bad value ${SECRET}`,
      requestId: `req-${SECRET}`,
      providerCode: `code-${SECRET}`,
    });

  it("in one of ours, cuts what the server said where it stands (message, stack's head, fields), and nothing else", () => {
    const error = refused();
    expect(redactError(error, [SECRET, "vault"])).toBe(error);
    expect(error.message).toBe(`vault getSecret: refused: bad value ${MARK} (HTTP 400)`);
    expect(error.stack?.split("\n")[0]).toBe(`ProviderApiError: ${error.message}`);
    expect(error).toMatchObject({ serverMessage: `bad value ${MARK}`, requestId: `req-${MARK}`, providerCode: `code-${MARK}` });
  });

  it("a server message that appears twice in ours: the one it fills is cut, at its place", () => {
    const said = `${SECRET}!`;
    const error = new ProviderApiError(`refused ${said}`, { serverMessage: said });
    redactError(error, [SECRET]);
    expect(error.message).toBe(`refused ${SECRET}!: ${MARK}!`);
  });

  it("fields without the secret, or without a server message, are left as they were", () => {
    const quiet = new ProviderApiError("refused", { provider: "vault", requestId: `req-${SECRET}`, providerCode: 7 });
    redactError(quiet, [SECRET]);
    expect(quiet).toMatchObject({ message: "vault: refused", serverMessage: undefined, requestId: `req-${MARK}`, providerCode: 7 });
  });

  it("a stack rewritten since the error was made (its head no longer the message) is cut whole", () => {
    const error = refused();
    error.stack = `logged at 12:00 ${SECRET}\n    at somewhere`;
    redactError(error, [SECRET]);
    expect(error.stack).toBe(`logged at 12:00 ${MARK}\n    at somewhere`);
  });

  it("a cause whose message is a getter (DOMException) is cut without throwing", () => {
    const cause = new DOMException(`aborted near ${SECRET}`, "AbortError");
    const error = new ProviderApiError("failed", { cause });
    expect(redactError(error, [SECRET])).toBe(error);
    expect(cause.message).toBe(`aborted near ${MARK}`);
  });

  it("walks five errors of a cause chain, not more", () => {
    const chain = Array.from({ length: 6 }, (_, index) => new Error(`level ${index} ${SECRET}`));
    for (let index = 0; index < 5; index += 1) chain[index]!.cause = chain[index + 1];
    redactError(chain[0]!, [SECRET]);
    expect(chain.map((error) => error.message.endsWith(MARK))).toEqual([true, true, true, true, true, false]);
  });

  it("no secrets: the error is returned untouched", () => {
    const error = refused();
    const before = { message: error.message, stack: error.stack };
    expect(redactError(error, [])).toBe(error);
    expect({ message: error.message, stack: error.stack }).toEqual(before);
  });
});
