// Replay cases of the Voximplant secrets methods: the docs' example requests first, then each answer
// the mock can give (generated/voximplant.yaml examples) and what the facade makes of it.
import type { VoximplantClient } from "../../src/index.js";
import type { Case } from "./types.js";

const secret10 = { key: "apiKeyProd", id: 10, name: "apiKeyProd", description: "Production API key", createdAt: "2024-05-10T14:22:35.000Z", updatedAt: "2024-06-01T08:15:42.000Z" };
const pageOfTwo = [
  { key: "apiKeyProd", id: 101, name: "apiKeyProd", description: "Production API key for external integrations", createdAt: "2024-05-10T14:22:35.000Z", updatedAt: "2024-06-01T08:15:42.000Z" },
  { key: "dbPassword", id: 102, name: "dbPassword", description: "Database password for application DB access", createdAt: "2024-04-20T11:05:12.000Z", updatedAt: "2024-05-15T16:30:00.000Z" },
];
const notFound = { class: "NotFoundError", code: "ERR_NOT_FOUND", status: 200, providerCode: 496 } as const;
const rateLimited = { class: "RateLimitedError", code: "ERR_RATE_LIMITED", status: 200, providerCode: 340 } as const;

export const voximplantCases: Case<VoximplantClient>[] = [
  // The docs' example requests.
  { intent: "Add a new secret to application 1", call: "addSecret", args: [{ name: "apiKeyProd", value: "example-value-not-a-secret", description: "Production API key" }], requests: ["add-secret"], writes: true, expect: { returns: { id: 10 } } },
  { intent: "Get the value of secret 10", call: "getSecret", args: [{ id: 10 }], requests: ["get-secret-value"], expect: { returns: { ...secret10, value: "example-value-not-a-secret" } } },
  { intent: "Get secrets of application 1", call: "listSecrets", args: [], requests: ["get-secrets"], expect: { returns: pageOfTwo } },
  { intent: "Rename secret 10 of application 1", call: "updateSecret", args: [{ id: 10, newName: "apiKeyProduction" }], requests: ["set-secret-info"], writes: true, expect: { returns: null } },
  { intent: "Delete secret 10 of application 1", call: "deleteSecrets", args: [{ ids: [10] }], requests: ["del-secret"], writes: true, expect: { returns: null } },

  // Reads.
  { intent: "Read the value of secret apiKeyProd by name", call: "getSecretValue", args: ["apiKeyProd"], requests: ["get-secret-value"], expect: { returns: "example-value-not-a-secret" } },
  { intent: "Get a secret answered in the Node SDK's array shape", call: "getSecret", args: [{ name: "apiKeyProd" }], prefer: "example=secretArray", requests: ["get-secret-value"], expect: { returns: { ...secret10, value: "example-value-not-a-secret" } } },
  { intent: "Get a secret that does not exist", call: "getSecret", args: [{ name: "noSuchSecret" }], prefer: "example=notFound", requests: ["get-secret-value"], expect: { throws: notFound } },
  { intent: "Get a secret when authorization fails", call: "getSecretValue", args: ["apiKeyProd"], prefer: "example=authFailed", requests: ["get-secret-value"], expect: { throws: { class: "AuthenticationError", code: "ERR_AUTHENTICATION", status: 200, providerCode: 100 } } },
  { intent: "Get a secret without the role that allows it", call: "getSecretValue", args: ["apiKeyProd"], prefer: "example=forbidden", requests: ["get-secret-value"], expect: { throws: { class: "PermissionDeniedError", code: "ERR_PERMISSION_DENIED", status: 200, providerCode: 104 } } },
  { intent: "Get a secret with an expired token (one re-sign, one retry)", call: "getSecret", args: [{ id: 10 }], prefer: "example=tokenExpired", requests: ["get-secret-value", "get-secret-value"], expect: { throws: { class: "AuthenticationError", code: "ERR_AUTHENTICATION", providerCode: 456 } } },
  { intent: "Get a secret with a token from the future (one re-sign, one retry)", call: "getSecret", args: [{ id: 10 }], prefer: "example=clockSkew", requests: ["get-secret-value", "get-secret-value"], expect: { throws: { class: "AuthenticationError", code: "ERR_AUTHENTICATION", providerCode: 455 } } },
  { intent: "Get a secret while rate-limited, without retries", call: "getSecret", args: [{ id: 10 }], prefer: "example=rateLimited", requests: ["get-secret-value"], expect: { throws: rateLimited } },
  { intent: "Get a secret by id and name at once (refused before sending)", call: "getSecret", args: [{ id: 10, name: "apiKeyProd" } as never], requests: [], expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "id/name" } } },

  // Lists.
  { intent: "List the secrets of an application that has none", call: "listSecrets", args: [], prefer: "example=empty", requests: ["get-secrets"], expect: { returns: [] } },
  { intent: "List the secrets of an unknown application", call: "listSecrets", args: [{ application: { name: "no-such-app" } }], prefer: "example=badApplication", requests: ["get-secrets"], expect: { throws: { class: "NotFoundError", code: "ERR_NOT_FOUND", providerCode: 116 } } },
  { intent: "List secrets while rate-limited, without retries", call: "listSecrets", args: [{ namePart: "api" }], prefer: "example=rateLimited", requests: ["get-secrets"], expect: { throws: rateLimited } },
  { intent: "List secrets with a page size of 0 (refused before sending)", call: "listSecrets", args: [{ pageSize: 0 }], requests: [], expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "pageSize" } } },

  // Writes.
  { intent: "Add a secret answered in the Node SDK's array shape", call: "addSecret", args: [{ name: "dbPassword", value: "example-value-not-a-secret" }], prefer: "example=addedArray", requests: ["add-secret"], writes: true, expect: { returns: { id: 10 } } },
  { intent: "Add a secret whose name is taken", call: "addSecret", args: [{ name: "apiKeyProd", value: "example-value-not-a-secret" }], prefer: "example=nameTaken", requests: ["add-secret"], writes: true, expect: { throws: { class: "ConflictError", code: "ERR_CONFLICT", status: 200, providerCode: 493 } } },
  { intent: "Add a secret the API finds invalid", call: "addSecret", args: [{ name: "apiKeyProd", value: "example-value-not-a-secret" }], prefer: "example=invalidParameter", requests: ["add-secret"], writes: true, expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", status: 200, providerCode: 485 } } },
  { intent: "Add a secret whose name starts with a digit (refused before sending)", call: "addSecret", args: [{ name: "1password", value: "example-value-not-a-secret" }], requests: [], writes: true, expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "name" } } },
  { intent: "Add a secret over 8192 characters (refused before sending)", call: "addSecret", args: [{ name: "big", value: "x".repeat(8193) }], requests: [], writes: true, expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "value" } } },
  { intent: "Change the value and description of secret apiKeyProd", call: "updateSecret", args: [{ name: "apiKeyProd", value: "example-value-2", description: "Rotated" }], requests: ["set-secret-info"], writes: true, expect: { returns: null } },
  { intent: "Update a secret that does not exist", call: "updateSecret", args: [{ id: 999 }], prefer: "example=notFound", requests: ["set-secret-info"], writes: true, expect: { throws: notFound } },
  { intent: "Set the value of an existing secret", call: "setSecret", args: ["apiKeyProd", "example-value-2"], requests: ["set-secret-info"], writes: true, expect: { returns: null } },
  { intent: "Set a secret that does not exist yet (SetSecretInfo, then AddSecret)", call: "setSecret", args: ["newSecret", "example-value"], prefer: { "set-secret-info": "example=notFound" }, requests: ["set-secret-info", "add-secret"], writes: true, expect: { returns: null } },

  // Deletes.
  { intent: "Delete secrets apiKeyProd and dbPassword by name", call: "deleteSecrets", args: [{ names: ["apiKeyProd", "dbPassword"] }], requests: ["del-secret"], writes: true, expect: { returns: null } },
  { intent: "Delete every secret of the application", call: "deleteSecrets", args: [{ all: true }], requests: ["del-secret"], writes: true, expect: { returns: null } },
  { intent: "Delete secret dbPassword", call: "deleteSecret", args: ["dbPassword"], requests: ["del-secret"], writes: true, expect: { returns: null } },
  { intent: "Delete a secret that does not exist", call: "deleteSecret", args: ["noSuchSecret"], prefer: "example=notFound", requests: ["del-secret"], writes: true, expect: { throws: notFound } },
  { intent: "Delete with an empty list of ids (refused before sending)", call: "deleteSecrets", args: [{ ids: [] }], requests: [], writes: true, expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "ids" } } },
];
