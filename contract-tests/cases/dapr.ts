// Replay cases of the Dapr secrets API (read-only): the docs' curl examples first, then the runtime's
// answers as generated/dapr.yaml describes them (204, the two 401s, 403, 404, 500).
import type { DaprClient } from "../../src/index.js";
import type { Case } from "./types.js";

const storeFailure = (providerCode: string) =>
  ({ class: "ProviderApiError", code: "ERR_PROVIDER_API", status: 500, providerCode }) as const;

export const daprCases: Case<DaprClient>[] = [
  // The docs' examples.
  {
    intent: "Get secret db-secret from store vault",
    call: "getSecret",
    args: ["vault", "db-secret"],
    requests: ["getSecret"],
    expect: { returns: { "db-secret": "value1" } },
  },
  {
    intent: "Get secret db-secret, with several keys, from the Kubernetes store",
    call: "getSecret",
    args: ["kubernetes", "db-secret"],
    prefer: "example=multi",
    requests: ["getSecret"],
    expect: { returns: { key1: "value1", key2: "value2" } },
  },
  {
    intent: "Get version 15 (stage AAA) of secret db-secret",
    call: "getSecret",
    args: ["vault", "db-secret", { metadata: { version_id: "15", version_stage: "AAA" } }],
    requests: ["getSecret"],
    expect: { returns: { "db-secret": "value1" } },
  },

  // Single secrets.
  {
    intent: "Read the value of db-secret from the default store",
    call: "getSecretValue",
    args: ["db-secret"],
    requests: ["getSecret"],
    expect: { returns: "value1" },
  },
  {
    intent: "Read key key2 of a multi-key secret",
    call: "getSecretValue",
    args: ["db-secret", { key: "key2" }],
    prefer: "example=multi",
    requests: ["getSecret"],
    expect: { returns: "value2" },
  },
  {
    intent: "Read a key the secret does not have",
    call: "getSecretValue",
    args: ["db-secret", { key: "password" }],
    requests: ["getSecret"],
    expect: { throws: { class: "NotFoundError", code: "ERR_NOT_FOUND" } },
  },
  {
    intent: "Get a secret whose name holds path characters",
    call: "getSecret",
    args: ["vault", "a/b?c#d e+f"],
    requests: ["getSecret"],
    expect: { returns: { "db-secret": "value1" } },
  },
  {
    intent: "Get a secret the store has no data for (204)",
    call: "getSecret",
    args: ["vault", "db-secret"],
    prefer: "code=204",
    requests: ["getSecret"],
    expect: { throws: { class: "NotFoundError", code: "ERR_NOT_FOUND", status: 204 } },
  },
  {
    intent: "Get a secret from an unknown store (401 JSON)",
    call: "getSecret",
    args: ["no-such-store", "db-secret"],
    prefer: "code=401",
    requests: ["getSecret"],
    expect: { throws: { class: "NotFoundError", code: "ERR_NOT_FOUND", status: 401, providerCode: "ERR_SECRET_STORE_NOT_FOUND" } },
  },
  {
    intent: "Get a secret with a wrong API token (401 text)",
    call: "getSecret",
    args: ["vault", "db-secret"],
    prefer: "code=401",
    accept: "text/plain",
    requests: ["getSecret"],
    expect: { throws: { class: "AuthenticationError", code: "ERR_AUTHENTICATION", status: 401 } },
  },
  {
    intent: "Get a secret the scope policy denies (403)",
    call: "getSecret",
    args: ["vault", "db-secret"],
    prefer: "code=403",
    requests: ["getSecret"],
    expect: {
      throws: { class: "PermissionDeniedError", code: "ERR_PERMISSION_DENIED", status: 403, providerCode: "ERR_PERMISSION_DENIED" },
    },
  },
  {
    intent: "Get a secret a file store does not have (500 not found)",
    call: "getSecretValue",
    args: ["db-secret"],
    prefer: "code=500, example=notFound",
    requests: ["getSecret"],
    expect: { throws: { class: "NotFoundError", code: "ERR_NOT_FOUND", status: 500, providerCode: "ERR_SECRET_GET" } },
  },
  {
    intent: "Get a secret while the store fails (500)",
    call: "getSecret",
    args: ["vault", "db-secret"],
    prefer: "code=500, example=storeFailure",
    requests: ["getSecret"],
    expect: { throws: storeFailure("ERR_SECRET_GET") },
  },
  {
    intent: "Get a secret when no store is configured (500)",
    call: "getSecret",
    args: ["vault", "db-secret"],
    prefer: "code=500, example=notConfigured",
    requests: ["getSecret"],
    expect: { throws: storeFailure("ERR_SECRET_STORES_NOT_CONFIGURED") },
  },
  {
    intent: "Get a secret on a path that falls through to service invocation (404)",
    call: "getSecret",
    args: ["vault", "db-secret"],
    prefer: "code=404",
    requests: ["getSecret"],
    expect: { throws: { class: "ProviderApiError", code: "ERR_PROVIDER_API", status: 404, providerCode: "ERR_DIRECT_INVOKE" } },
  },
  {
    intent: "Get a secret named bulk (sent as bul%6B: the single route, not the bulk route)",
    call: "getSecret",
    args: ["vault", "bulk"],
    requests: ["getSecret"],
    expect: { returns: { "db-secret": "value1" } },
  },
  {
    intent: "Get a secret named .. (refused before sending: the URL would resolve it)",
    call: "getSecret",
    args: ["vault", ".."],
    requests: [],
    expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "name" } },
  },

  // Bulk.
  {
    intent: "Get every secret of store vault",
    call: "getBulkSecret",
    args: ["vault"],
    requests: ["getBulkSecret"],
    expect: { returns: { "db-secret": { "db-secret": "value1" }, "api-key": { "api-key": "value2" } } },
  },
  {
    intent: "List the secret names of the default store",
    call: "listSecrets",
    args: [],
    requests: ["getBulkSecret"],
    expect: {
      returns: [
        { key: "api-key", name: "api-key" },
        { key: "db-secret", name: "db-secret" },
      ],
    },
  },
  {
    intent: "Get every secret of a Kubernetes namespace",
    call: "getBulkSecret",
    args: ["kubernetes", { metadata: { namespace: "prod" } }],
    requests: ["getBulkSecret"],
    expect: { returns: { "db-secret": { "db-secret": "value1" }, "api-key": { "api-key": "value2" } } },
  },
  {
    intent: "Get every secret of a store with no data (204)",
    call: "getBulkSecret",
    args: ["vault"],
    prefer: "code=204",
    requests: ["getBulkSecret"],
    expect: { returns: {} },
  },
  {
    intent: "Get every secret of an unknown store (401 JSON)",
    call: "getBulkSecret",
    args: ["no-such-store"],
    prefer: "code=401",
    requests: ["getBulkSecret"],
    expect: { throws: { class: "NotFoundError", code: "ERR_NOT_FOUND", status: 401, providerCode: "ERR_SECRET_STORE_NOT_FOUND" } },
  },
  {
    intent: "List secrets with a wrong API token (401 text)",
    call: "listSecrets",
    args: [],
    prefer: "code=401",
    accept: "text/plain",
    requests: ["getBulkSecret"],
    expect: { throws: { class: "AuthenticationError", code: "ERR_AUTHENTICATION", status: 401 } },
  },
  {
    intent: "List secrets when no store is configured (500)",
    call: "listSecrets",
    args: [],
    prefer: "code=500, example=notConfigured",
    requests: ["getBulkSecret"],
    expect: { throws: storeFailure("ERR_SECRET_STORES_NOT_CONFIGURED") },
  },

  // Readiness.
  {
    intent: "Wait until the sidecar has loaded its components",
    call: "waitUntilReady",
    args: [],
    requests: ["getOutboundHealth"],
    expect: { returns: null },
  },
  {
    intent: "Wait for a sidecar that never gets ready (gives up after the time limit)",
    call: "waitUntilReady",
    // A limit shorter than the interval: exactly one probe however loaded the machine (the next would come after it).
    args: [{ timeoutMs: 500, intervalMs: 1_000 }],
    prefer: "code=500",
    requests: ["getOutboundHealth"],
    expect: { throws: { class: "TimeoutError", code: "ERR_TIMEOUT" } },
  },
];
