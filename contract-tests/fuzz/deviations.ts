// What the fuzzing found in src/: deviations (the client refuses inputs the spec and the documented rules
// allow) and bugs (it mishandles an input). Each is reported, kept out of the property, and pinned by a
// skipped test with the failing assertion in contract-tests/known-bugs.test.ts.

export const DEVIATIONS = {
  emptyString: 'src/core/validate.ts requireString refuses "" for Voximplant secret value, description, namePart and application name and Gcore certificate name; the specs set no minLength and the docs do not forbid it',
  utf16Length: "src/providers/voximplant.ts valueField counts value.length (UTF-16 units) against 8192; the spec's maxLength (as Prism/JSON Schema count) is 8192 characters, so 4097-8192 astral characters (emoji) are refused",
  longDescription: "src/providers/voximplant.ts descriptionField refuses descriptions over 200 characters; the Voximplant docs say longer ones are accepted and truncated to the first 200",
  nonPositiveId: "src/core/validate.ts requirePositiveInteger refuses 0 and negative ids (Voximplant secret and application ids, Gcore project and region ids); the specs type them as integer with no minimum",
  pageSizeOver1000: "src/providers/voximplant.ts listSecrets refuses pageSize over 1000; GetSecrets documents no maximum for count (1000 is an inference from other methods)",
  emptyMetadataKey: 'src/providers/dapr-wire.ts metadataQuery refuses an empty metadata key ("metadata.="), which the Dapr docs and our spec do not forbid',
} as const;

export type DeviationName = keyof typeof DEVIATIONS;

export const BUGS = {
  loneSurrogateForm: "src/providers/voximplant-wire.ts formBody: a string with a lone UTF-16 surrogate is accepted and URLSearchParams sends U+FFFD instead, silently changing the secret value (or description, name filter) stored",
  loneSurrogatePath: "src/providers/dapr.ts and gcore-tasks.ts pass strings with a lone surrogate on: in a path, openapi-fetch's encodeURIComponent throws URIError, so Dapr getSecret/getBulkSecret and Gcore waitForTask fail with ProviderApiError \"unexpected failure (URIError)\" instead of a ValidationError naming the field; in Dapr metadata, URLSearchParams silently sends U+FFFD",
  taskIdDotSegment: 'src/providers/gcore-tasks.ts wait(): a task id "." or ".." is sent; the URL resolves it away (GET /cloud/v1/tasks/ or /cloud/v1/), which is no route of the API; Dapr\'s requireSegment refuses such ids, Gcore\'s waitForTask should too',
  dateOutOfRange: "src/providers/gcore.ts validDate: a Date before year 0 or after 9999 is accepted, but its toISOString() (\"-000001-12-31T…\", \"+010000-…\") is not an RFC 3339 date-time: Gcore (and Prism) answer 400",
} as const;
