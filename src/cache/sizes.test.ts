// What the byte bound counts: 2 bytes per character of every string, keys included, 8 per number or date.
import { describe, expect, it } from "vitest";
import { sizeOf } from "./sizes.js";

describe("sizeOf", () => {
  it("counts strings, keys, numbers and dates, nested", () => {
    expect(sizeOf("abc")).toBe(6);
    expect(sizeOf({ db: "abc" })).toBe(4 + 6);
    expect(sizeOf({ name: "a", id: 7, updatedAt: new Date(0), keys: { k: "vv" } })).toBe(8 + 2 + 4 + 8 + 18 + 8 + 8 + 2 + 4);
    expect(sizeOf(undefined)).toBe(0);
  });
});
