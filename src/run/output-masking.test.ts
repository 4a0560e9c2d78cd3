// Streaming masking: every occurrence of a value is concealed however the output is cut into chunks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMasker, MASK, maskedValues } from "./output-masking.js";

/** Feeds `text` to a masker in the given chunk sizes (bytes) and returns what came out. */
function stream(values: string[], text: string, cuts: number[] = []): string {
  const masker = createMasker(values);
  const bytes = Buffer.from(text, "utf8");
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const end = Math.min(bytes.length, at + Math.max(1, cut));
    out.push(masker.push(bytes.subarray(at, end)));
    at = end;
    if (at >= bytes.length) break;
  }
  out.push(masker.end());
  return Buffer.concat(out).toString("utf8");
}

/** The reference: leftmost, longest first, without streaming. */
function maskWhole(values: string[], text: string): string {
  const sorted = maskedValues(values);
  let result = "";
  for (let at = 0; at < text.length; ) {
    const found = sorted.find((value) => text.startsWith(value, at));
    if (found) (result += MASK), (at += found.length);
    else (result += text[at]), (at += 1);
  }
  return result;
}

describe("createMasker", () => {
  it("conceals each occurrence, including one split across chunks byte by byte", () => {
    const text = "token=s3cr3t-value; again: s3cr3t-value.";
    expect(stream(["s3cr3t-value"], text)).toBe(`token=${MASK}; again: ${MASK}.`);
    expect(stream(["s3cr3t-value"], text, Array(text.length).fill(1))).toBe(`token=${MASK}; again: ${MASK}.`);
  });

  it("leaves values shorter than 6 characters alone (counted in characters, not bytes)", () => {
    expect(maskedValues(["12345", "123456", "ééééé", "éééééé"])).toEqual(["éééééé", "123456"]);
    expect(stream(["12345"], "pin 12345")).toBe("pin 12345");
  });

  it("prefers the longer of two values that start at the same place, even when the longer one is still arriving", () => {
    expect(stream(["abcdef", "abcdefgh"], "x abcdefgh y", [3, 5, 1, 1])).toBe(`x ${MASK} y`);
    expect(stream(["abcdef", "abcdefgh"], "x abcdefg", [5, 1, 1, 1])).toBe(`x ${MASK}g`);
  });

  it("holds back only a tail that could start a value: a prompt without a newline is shown at once", () => {
    const masker = createMasker(["s3cr3t-value"]);
    expect(masker.push(Buffer.from("Password: ")).toString()).toBe("Password: ");
    expect(masker.push(Buffer.from("s3cr")).toString()).toBe("");
    expect(masker.push(Buffer.from("ew")).toString()).toBe("s3crew");
    expect(masker.end().toString()).toBe("");
  });

  it("masks multi-byte values split inside a character", () => {
    const value = "пароль-секрет";
    expect(stream([value], `a ${value} b`, [3, 1, 1, 1, 1])).toBe(`a ${MASK} b`);
  });

  it("matches the whole-text reference for any values, text and chunking", () => {
    const alphabet = fc.constantFrom("a", "b", "c", "é", "\n", "-");
    const value = fc.array(alphabet, { minLength: 1, maxLength: 9 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.array(fc.oneof(alphabet, value), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 20 }),
        (values, parts, cuts) => {
          const text = parts.join("");
          expect(stream(values, text, cuts)).toBe(maskWhole(values, text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
