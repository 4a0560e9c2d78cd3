// Streaming masking: every occurrence of a value, in each form it takes in output, is concealed however the output
// is cut into chunks; overlapping occurrences are concealed whole.
import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMasker, MASK, maskedForms, maskedValues } from "./output-masking.js";

/** A private key made at test time (PKCS#8 PEM): what a PEM secret looks like in output. */
const TEST_KEY = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

/** What a masker's pieces say, as text. */
const text = (parts: Buffer[]) => Buffer.concat(parts).toString("utf8");

/** Feeds `text` to a masker in the given chunk sizes (bytes) and returns what came out. */
function stream(values: string[], text: string, cuts: number[] = []): string {
  const masker = createMasker(values);
  const bytes = Buffer.from(text, "utf8");
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const end = Math.min(bytes.length, at + Math.max(1, cut));
    out.push(...masker.push(bytes.subarray(at, end)));
    at = end;
    if (at >= bytes.length) break;
  }
  out.push(...masker.end());
  return Buffer.concat(out).toString("utf8");
}

/** The reference, without streaming: every occurrence of every form (overlapping ones too), their union masked. */
function maskWhole(values: string[], text: string): string {
  const bytes = Buffer.from(text, "utf8");
  const spans: [number, number][] = [];
  for (const form of maskedForms(values))
    for (let at = bytes.indexOf(form); at !== -1; at = bytes.indexOf(form, at + 1)) spans.push([at, at + form.length]);
  spans.sort((a, b) => a[0] - b[0]);
  const out: Buffer[] = [];
  let copied = 0;
  for (let index = 0; index < spans.length; ) {
    let [start, end] = spans[index]!;
    for (index += 1; index < spans.length && spans[index]![0] < end; index += 1) end = Math.max(end, spans[index]![1]);
    out.push(bytes.subarray(copied, start), Buffer.from(MASK));
    copied = end;
    start = end;
  }
  out.push(bytes.subarray(copied));
  return Buffer.concat(out).toString("utf8");
}

const base64 = (text: string) => Buffer.from(text).toString("base64");
const base64url = (text: string) => Buffer.from(text).toString("base64url");

/** The forms a program prints a value in. */
const printed = (value: string): string[] => [
  value,
  JSON.stringify(value).slice(1, -1),
  value.replace(/\n/g, "\r\n"),
  encodeURIComponent(value),
  base64(value),
  base64url(value),
  // Inside a longer base64 text, at each of the three alignments.
  base64(`{"key":"${value}"}`),
  base64(`x${value}yz`),
  base64(`xy${value}z`),
];

describe("createMasker", () => {
  it("conceals each occurrence, including one split across chunks byte by byte", () => {
    const text = "token=s3cr3t-value; again: s3cr3t-value.";
    expect(stream(["s3cr3t-value"], text)).toBe(`token=${MASK}; again: ${MASK}.`);
    expect(stream(["s3cr3t-value"], text, Array(text.length).fill(1))).toBe(`token=${MASK}; again: ${MASK}.`);
  });

  it("conceals the forms a value takes in output: JSON-escaped, CRLF, URL-encoded, base64 and base64url, alone or embedded", () => {
    const pem = TEST_KEY;
    const token = "p@ss/w0rd+é=?&";
    for (const value of [pem, token]) {
      for (const form of printed(value)) {
        const line = `log: ${JSON.stringify({ at: 1, form })}\n`;
        const masked = stream([value], line);
        expect(masked, form).not.toContain(form);
        expect(masked, form).toContain(MASK);
        expect(stream([value], line, [7, 1, 3, 1, 1, 5, 2]), form).toBe(masked);
      }
    }
    // A PEM's lines one by one (a program may print one, or re-wrap the text).
    const second = pem.split("\n")[1]!;
    expect(stream([pem], `line ${second} end`)).toBe(`line ${MASK} end`);
    // The same PEM with CRLF line ends, JSON-escaped as a logger writes it.
    expect(stream([pem], JSON.stringify({ key: pem.replace(/\n/g, "\r\n") }))).toBe(`{"key":"${MASK}"}`);
  });

  it("conceals overlapping values whole: no tail of the second one shows", () => {
    const values = ["abcdef123", "123xyz789"];
    expect(stream(values, "x abcdef123xyz789 y")).toBe(`x ${MASK} y`);
    expect(stream(values, "x abcdef123xyz789 y", [4, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toBe(`x ${MASK} y`);
    // One value inside another's form, and a chain of overlaps.
    expect(stream(["s3cr3t", "xs3cr3tx"], "a xs3cr3tx b s3cr3t")).toBe(`a ${MASK} b ${MASK}`);
    expect(stream(["aaaaaa"], "-aaaaaaaaaa-")).toBe(`-${MASK}-`);
    // Adjacent occurrences stay two.
    expect(stream(["abcdef"], "abcdefabcdef")).toBe(`${MASK}${MASK}`);
  });

  it("writes a mask as soon as its start is certain: a long run of overlapping occurrences is not held", () => {
    const masker = createMasker(["aaaaaa"]);
    expect(text(masker.push(Buffer.from("x aaaaaaa")))).toBe(`x ${MASK}`);
    for (let round = 0; round < 100; round += 1) expect(text(masker.push(Buffer.alloc(65_536, "a"))).length).toBe(0);
    expect(text(masker.push(Buffer.from("a!")))).toBe("!");
    expect(text(masker.end()).length).toBe(0);
  });

  it("leaves values shorter than 6 characters alone (counted in characters, not bytes)", () => {
    expect(maskedValues(["12345", "123456", "ééééé", "éééééé"])).toEqual(["éééééé", "123456"]);
    expect(stream(["12345"], "pin 12345")).toBe("pin 12345");
    expect(stream(["12345"], `pin ${base64("12345")}`)).toBe(`pin ${base64("12345")}`);
  });

  it("prefers the longer of two values that start at the same place, even when the longer one is still arriving", () => {
    expect(stream(["abcdef", "abcdefgh"], "x abcdefgh y", [3, 5, 1, 1])).toBe(`x ${MASK} y`);
    expect(stream(["abcdef", "abcdefgh"], "x abcdefg", [5, 1, 1, 1])).toBe(`x ${MASK}g`);
  });

  it("hands back slices of the chunk it was given, not a copy (100 MB of output is not copied twice)", () => {
    const masker = createMasker(["s3cr3t-value"]);
    // Its own memory, not Node's shared pool of small buffers (where the mask lives too).
    const chunk = new Uint8Array(Buffer.from("before s3cr3t-value after s3cr"));
    const parts = masker.push(chunk);
    expect(text(parts)).toBe(`before ${MASK} after `);
    expect(parts.filter((part) => part.buffer === chunk.buffer).map((part) => part.toString())).toEqual(["before ", " after "]);
  });

  it("holds back only a tail that could start a value: a prompt without a newline is shown at once", () => {
    const masker = createMasker(["s3cr3t-value"]);
    expect(text(masker.push(Buffer.from("Password: ")))).toBe("Password: ");
    expect(text(masker.push(Buffer.from("s3cr")))).toBe("");
    expect(text(masker.push(Buffer.from("ew")))).toBe("s3crew");
    expect(text(masker.end())).toBe("");
  });

  it("masks multi-byte values split inside a character", () => {
    const value = "пароль-секрет";
    expect(stream([value], `a ${value} b`, [3, 1, 1, 1, 1])).toBe(`a ${MASK} b`);
    expect(stream([value], `a ${encodeURIComponent(value)} b`, [3, 1, 1, 1, 1])).toBe(`a ${MASK} b`);
  });

  it("matches the whole-text reference for any values, their printed forms, text and chunking", { timeout: 30_000 }, () => {
    const alphabet = fc.constantFrom("a", "b", "é", "\n", '"', "/", "=", " ");
    const value = fc.array(alphabet, { minLength: 1, maxLength: 9 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.array(fc.oneof(alphabet, fc.nat()), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 20 }),
        (values, parts, cuts) => {
          // A number picks a value and one of its printed forms.
          const forms = values.flatMap(printed);
          const text = parts.map((part) => (typeof part === "number" ? forms[part % forms.length]! : part)).join("");
          expect(stream(values, text, cuts)).toBe(maskWhole(values, text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
