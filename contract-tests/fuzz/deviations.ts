// Where the client is deliberately stricter than the spec: reported by the fuzzer, kept out of its
// property, and pinned in contract-tests/deliberate-refusals.test.ts. (The fuzzer's first run also found
// bugs — lone surrogates, "."/".." task ids, out-of-range dates, Gcore list keys, empty strings,
// UTF-16 length, page sizes over 1000, empty metadata keys — fixed in src/ and now covered as rules.)

export const DEVIATIONS = {
  longDescription:
    "deliberate: src/providers/voximplant/client.ts refuses descriptions over 200 characters, which the Voximplant docs say are " +
    "accepted and silently cut to 200: the client refuses rather than lose text without a word",
  nonPositiveId:
    "deliberate: src/core/validate.ts requirePositiveInteger refuses 0 and negative ids (Voximplant secret and application ids, " +
    "Gcore project and region ids); the specs type them as integer with no minimum, but no such id exists",
} as const;

export type DeviationName = keyof typeof DEVIATIONS;
