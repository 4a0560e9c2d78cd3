// Input checks: code points counted in place, and an over-long value refused without the heap growing with it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import {
  codePoints,
  exactlyOne,
  isHeaderValue,
  parsePositiveInteger,
  requirePathSegment,
  requirePositiveInteger,
  requireString,
  requireUuid,
} from "./validate.js";

const context = { provider: "example", operation: "op" };

describe("codePoints", () => {
  it("counts as [...value].length does, lone surrogates included (property)", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom("\uD83D", "\uDE00", "😀", "a", "é"),
            fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
          ),
        }),
        (value) => {
          expect(codePoints(value)).toBe([...value].length);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("pairs exactly the surrogate ranges: D800-DBFF then DC00-DFFF", () => {
    for (const [value, count] of [
      ["\uD800\uDC00", 1],
      ["\uDBFF\uDFFF", 1],
      ["\uD7FF\uDC00", 2],
      ["\uDC00\uDC00", 2],
      ["\uD800\uDBFF", 2],
      ["\uD800\uE000", 2],
      ["a\uD800", 2],
    ] as const)
      expect(codePoints(value), JSON.stringify(value)).toBe(count);
  });
});

describe("requireString", () => {
  it("refuses a 20-million-character value for maxLength 8192 without materialising it", () => {
    // A flat string (a "x".repeat rope would be flattened, 20 MB, by the first look at a character).
    const value = Buffer.alloc(20_000_000, "x").toString("latin1");
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const error = (() => {
      try {
        requireString(value, "value", context, { maxLength: 8192 });
      } catch (caught) {
        return caught;
      }
    })();
    const grown = process.memoryUsage().heapUsed - before;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "ERR_VALIDATION", field: "value", operation: "op" });
    // [...value] would hold 20 million array slots (160 MB): the check must not grow the heap by a fraction of that.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });

  it("counts characters, not UTF-16 units: 8192 emoji pass a limit of 8192", () => {
    expect(requireString("😀".repeat(8192), "value", context, { maxLength: 8192 })).toHaveLength(16_384);
    expect(() => requireString("😀".repeat(8193), "value", context, { maxLength: 8192 })).toThrow(ValidationError);
  });
});

describe("the other checks", () => {
  const refused = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return error as ValidationError;
    }
    throw new Error("accepted");
  };

  it("requireString: a type, emptiness, length, surrogates and the pattern, each refused naming the field", () => {
    expect(refused(() => requireString(42, "name", context))).toMatchObject({
      code: "ERR_VALIDATION",
      field: "name",
      provider: "example",
      operation: "op",
    });
    expect(requireString("", "name", context)).toBe("");
    expect(refused(() => requireString("", "name", context, { nonEmpty: true }))).toMatchObject({ field: "name" });
    expect(requireString("abcd", "name", context, { maxLength: 4 })).toBe("abcd");
    expect(refused(() => requireString("abcde", "name", context, { maxLength: 4 }))).toMatchObject({ field: "name" });
    for (const lone of ["\uD800", "a\uDC00", "\uDBFFx", "\uDE00\uD83D"])
      expect(refused(() => requireString(lone, "name", context))).toMatchObject({ field: "name" });
    expect(requireString("😀", "name", context)).toBe("😀");
    expect(requireString("ab1", "name", context, { pattern: /^[a-z0-9]+$/, rule: "letters and digits" })).toBe("ab1");
    expect(refused(() => requireString("a-b", "name", context, { pattern: /^[a-z]+$/, rule: "letters" }))).toMatchObject({ field: "name" });
    expect(refused(() => requireString("a-b", "name", context, { pattern: /^[a-z]+$/ }))).toMatchObject({ field: "name" });
  });

  it("requirePathSegment refuses empty, '.' and '..', and takes anything else", () => {
    expect(refused(() => requirePathSegment("", "store", context))).toMatchObject({ field: "store" });
    for (const dots of [".", ".."]) expect(refused(() => requirePathSegment(dots, "store", context))).toMatchObject({ field: "store" });
    for (const fine of ["...", ".a", "a.", "a/b"]) expect(requirePathSegment(fine, "store", context)).toBe(fine);
  });

  it("requirePositiveInteger: safe integers from 1 to max", () => {
    expect(requirePositiveInteger(1, "count", context)).toBe(1);
    expect(requirePositiveInteger(1000, "count", context, 1000)).toBe(1000);
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53, "3"])
      expect(refused(() => requirePositiveInteger(bad, "count", context))).toMatchObject({ field: "count" });
    expect(refused(() => requirePositiveInteger(1001, "count", context, 1000))).toMatchObject({ field: "count" });
  });

  it("requireUuid takes any case and refuses anything else with the rule spelled out", () => {
    expect(requireUuid("0F8FAD5B-D9CB-469F-A165-70867728950E", "id", context)).toBe("0F8FAD5B-D9CB-469F-A165-70867728950E");
    for (const bad of [
      "0f8fad5b-d9cb-469f-a165-70867728950",
      "x0f8fad5b-d9cb-469f-a165-70867728950e",
      "0f8fad5bd9cb469fa16570867728950e",
      "0f8fad5b-d9cb-469f-a165-70867728950e/x",
    ])
      expect(refused(() => requireUuid(bad, "id", context))).toMatchObject({ field: "id" });
  });

  it("exactlyOne: one of two fields, never both, never neither", () => {
    expect(exactlyOne({ id: 1 }, "id", "name", context)).toBe("id");
    expect(exactlyOne({ name: "n" }, "id", "name", context)).toBe("name");
    expect(refused(() => exactlyOne({ id: 1, name: "n" }, "id", "name", context))).toMatchObject({
      field: "id/name",
    });
    expect(refused(() => exactlyOne({}, "id", "name", context))).toMatchObject({ field: "id/name" });
    expect(refused(() => exactlyOne(undefined, "id", "name", context))).toMatchObject({ field: "id/name" });
  });

  it("isHeaderValue: visible Latin-1 and inner spaces, not blank, not a control character", () => {
    for (const good of ["tok-123", "a b", "é", "~!"]) expect(isHeaderValue(good), good).toBe(true);
    for (const bad of ["", "   ", "a\nb", "a\tb", "a\u007fb", "€", 42, undefined]) expect(isHeaderValue(bad), String(bad)).toBe(false);
  });

  it("parsePositiveInteger: decimal digits naming a positive safe integer", () => {
    expect(parsePositiveInteger("42")).toBe(42);
    expect(parsePositiveInteger(" 7 ")).toBe(7);
    expect(parsePositiveInteger("007")).toBe(7);
    for (const bad of [undefined, "", "0", "-1", "1.5", "1e3", "0x10", "12a", "9007199254740993"])
      expect(parsePositiveInteger(bad), String(bad)).toBeUndefined();
  });
});
