// Input checks: code points counted in place, and an over-long value refused without the heap growing with it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import { codePoints, requireString } from "./validate.js";

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
    expect((error as Error).message).toBe("example op: value must be at most 8192 characters (got 20000000)");
    // [...value] would hold 20 million array slots (160 MB): the check must not grow the heap by a fraction of that.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });

  it("counts characters, not UTF-16 units: 8192 emoji pass a limit of 8192", () => {
    expect(requireString("😀".repeat(8192), "value", context, { maxLength: 8192 })).toHaveLength(16_384);
    expect(() => requireString("😀".repeat(8193), "value", context, { maxLength: 8192 })).toThrow("(got 8193)");
  });
});
