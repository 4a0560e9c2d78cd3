// Shared generators of valid and hostile inputs: limits and one past them, unicode, path characters,
// huge values, odd numbers.
import fc from "fast-check";

/** Strings a caller might pass by mistake or malice. */
export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      "",
      " ",
      ".",
      "..",
      "/",
      "a/b",
      "../x",
      "?x=1",
      "#frag",
      "%2F",
      "%",
      "+",
      "a b",
      "bulk",
      "\u0000",
      "line\nbreak",
      "名前",
      "😀",
      "\u202Etxt",
      "'; DROP",
    ),
    fc.string({ unit: fc.constantFrom("/", ".", "?", "#", "%", "+", " ", "&", "=", ";", "a", "Z", "_", "1"), maxLength: 20 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.string({ maxLength: 40 }),
    loneSurrogate(),
  );

/** Not well-formed UTF-16: a high or low surrogate without its partner. */
export const loneSurrogate = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF"), fc.string({ maxLength: 5 }))
    .map((parts) => parts.join(""));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Whether any string inside `value` (objects, arrays) holds a lone surrogate. */
export function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === "string") return LONE_SURROGATE.test(value);
  if (value && typeof value === "object")
    return Object.entries(value).some(([key, inner]) => hasLoneSurrogate(key) || hasLoneSurrogate(inner));
  return false;
}

/** A string of exactly `length` UTF-16 units, of one repeated character. */
export const sized = (length: number, unit = "x"): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Integers as a caller might pass them: ordinary, at the edges, and not integers at all. */
export const anyId = (): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 1, max: 2 ** 31 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2),
    },
  );

/**
 * Ids are integers (spec `type: integer`; Prism coerces the form value "Infinity" and accepts it, so this
 * is stated here) and, as a `number`, safe ones: beyond 2^53 the decimal sent is not the number meant.
 */
export function unsafeNumber(value: unknown): string | undefined {
  if (typeof value !== "number") return undefined;
  if (!Number.isInteger(value)) return "spec: type integer";
  return Number.isSafeInteger(value) ? undefined : "facade type number: an id beyond 2^53 cannot be sent exactly";
}

export const isNonPositiveInteger = (value: unknown): boolean => typeof value === "number" && Number.isSafeInteger(value) && value <= 0;
