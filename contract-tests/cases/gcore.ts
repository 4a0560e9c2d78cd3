// Replay cases of the Gcore Cloud secrets and tasks: the docs' example first, then the asynchronous
// task flows and the error answers generated/gcore.yaml declares (400, 401, 403, 404, 409, 429, 5xx).
import type { GcoreClient } from "../../src/index.js";
import { pem } from "../support/clients.js";
import type { Case } from "./types.js";

const secretId = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const lbCert = {
  key: secretId,
  id: secretId,
  name: "lb-cert",
  type: "certificate",
  status: "ACTIVE",
  contentTypes: { default: "application/octet-stream" },
  createdAt: "2026-03-23T20:00:00.000Z",
};
const finishedTask = { id: "d478ae29-dedc-4869-82f0-96104425f565", state: "FINISHED", type: "create_secret", createdSecretIds: [secretId] };
const upload = () => ({ name: "lb-cert", certificate: pem.certificate, privateKey: pem.privateKey, certificateChain: pem.certificate });
const v1Create = {
  name: "AES key",
  payload: Buffer.from("0123456789abcdef0123456789abcdef").toString("base64"),
  payload_content_encoding: "base64" as const,
  payload_content_type: "application/octet-stream",
  secret_type: "opaque" as const,
  algorithm: "aes",
  bit_length: 256,
  mode: "cbc",
};
const validationExample = {
  exception_class: "ValidationError",
  message: "Invalid payload: certificate is not PEM",
  request_id: "9d1f6a4e-0c44-4a5b-8a2e-4f6c0b7e8d11",
  invalid_fields: { "payload.certificate": ["Not a PEM certificate."] },
};
const failedTask = { "TaskInstanceViewSet.get": "example=error" };
const gcoreError = <C extends string, K extends string>(status: number, className: C, code: K, providerCode: string) =>
  ({ class: className, code, status, providerCode }) as const;

export const gcoreCases: Case<GcoreClient>[] = [
  // The docs' example (Get secret, x-codeSamples).
  {
    intent: "Get secret bfc7824b-31b6-4a28-a0c4-7df137139215 of project 1 in region 1",
    call: "getSecret",
    args: [secretId],
    requests: ["SecretViewSet.get"],
    expect: { returns: lbCert },
  },

  // Lists.
  {
    intent: "List the secrets of project 1 in region 1",
    call: "listSecrets",
    args: [],
    requests: ["SecretsViewSet.get"],
    expect: { returns: [{ ...lbCert, expiresAt: "2027-03-23T20:00:00.000Z" }] },
  },
  {
    intent: "List the secrets of a project that has none",
    call: "listSecrets",
    args: [{ projectId: 2 }],
    prefer: "example=empty",
    requests: ["SecretsViewSet.get"],
    expect: { returns: [] },
  },
  {
    intent: "List secrets while throttled (429 with Retry-After)",
    call: "listSecrets",
    args: [],
    prefer: "code=429",
    requests: ["SecretsViewSet.get"],
    expect: { throws: { ...gcoreError(429, "RateLimitedError", "ERR_RATE_LIMITED", "TooManyRequests"), retryAfterMs: 30_000 } },
  },
  {
    intent: "List secrets with an API key Gcore rejects (401)",
    call: "listSecrets",
    args: [],
    prefer: "code=401",
    requests: ["SecretsViewSet.get"],
    expect: { throws: gcoreError(401, "AuthenticationError", "ERR_AUTHENTICATION", "NotAuthenticated") },
  },
  {
    intent: "List secrets with a page size over 1000 (refused before sending)",
    call: "listSecrets",
    args: [{ pageSize: 1001 }],
    requests: [],
    expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "pageSize" } },
  },

  // Get.
  {
    intent: "Get a secret that does not exist (404)",
    call: "getSecret",
    args: [secretId],
    prefer: "code=404",
    requests: ["SecretViewSet.get"],
    expect: { throws: gcoreError(404, "NotFoundError", "ERR_NOT_FOUND", "NotFoundError") },
  },
  {
    intent: "Get a secret while Gcore fails (500)",
    call: "getSecret",
    args: [secretId],
    prefer: "code=500",
    requests: ["SecretViewSet.get"],
    expect: { throws: gcoreError(500, "ProviderApiError", "ERR_PROVIDER_API", "InternalServerError") },
  },
  {
    intent: "Get a secret by a name instead of its UUID (refused before sending)",
    call: "getSecret",
    args: ["lb-cert"],
    requests: [],
    expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "id" } },
  },

  // Uploads.
  {
    intent: "Upload a TLS certificate and wait until it is stored",
    call: "uploadCertificateAndWait",
    args: [upload()],
    requests: ["SecretsViewSetV2.post", "TaskInstanceViewSet.get", "SecretViewSet.get"],
    writes: true,
    expect: { returns: lbCert },
  },
  {
    intent: "Start uploading a TLS certificate",
    call: "uploadCertificate",
    args: [{ ...upload(), expiresAt: new Date("2027-03-23T20:00:00Z") }],
    requests: ["SecretsViewSetV2.post"],
    writes: true,
    expect: { returns: { taskIds: ["d478ae29-dedc-4869-82f0-96104425f565"] } },
  },
  {
    intent: "Upload a certificate whose task fails (ERROR)",
    call: "uploadCertificateAndWait",
    args: [upload()],
    prefer: failedTask,
    requests: ["SecretsViewSetV2.post", "TaskInstanceViewSet.get"],
    writes: true,
    expect: { throws: { class: "TaskFailedError", code: "ERR_TASK_FAILED" } },
  },
  {
    intent: "Upload a certificate whose name exists (409)",
    call: "uploadCertificate",
    args: [upload()],
    prefer: "code=409",
    requests: ["SecretsViewSetV2.post"],
    writes: true,
    expect: { throws: gcoreError(409, "ConflictError", "ERR_CONFLICT", "ConflictError") },
  },
  {
    intent: "Upload a certificate Gcore finds invalid (400)",
    call: "uploadCertificate",
    args: [upload()],
    prefer: "code=400",
    requests: ["SecretsViewSetV2.post"],
    writes: true,
    expect: { throws: gcoreError(400, "ValidationError", "ERR_VALIDATION", "ValidationError") },
  },
  {
    intent: "Upload a certificate beyond the quota (403)",
    call: "uploadCertificate",
    args: [upload()],
    prefer: "code=403",
    requests: ["SecretsViewSetV2.post"],
    writes: true,
    expect: { throws: gcoreError(403, "PermissionDeniedError", "ERR_PERMISSION_DENIED", "ForbiddenError") },
  },
  {
    intent: "Upload a private key that is not PEM (refused before sending)",
    call: "uploadCertificate",
    args: [{ ...upload(), privateKey: "not a key" }],
    requests: [],
    writes: true,
    expect: { throws: { class: "ValidationError", code: "ERR_VALIDATION", field: "privateKey" } },
  },

  // The deprecated v1 create, through client.api: our client uploads with v2; Gcore still serves v1.
  {
    intent: "Create an opaque AES key with the deprecated v1 create",
    call: "api.POST",
    args: ["/cloud/v1/secrets/{project_id}/{region_id}", { params: { path: { project_id: 1, region_id: 1 } }, body: v1Create }],
    requests: ["SecretsViewSet.post"],
    writes: true,
    expect: { answers: { status: 200, body: { tasks: ["d478ae29-dedc-4869-82f0-96104425f565"] } } },
  },
  {
    intent: "Create a secret with the deprecated v1 create and a payload that is not base64 (400)",
    call: "api.POST",
    args: [
      "/cloud/v1/secrets/{project_id}/{region_id}",
      { params: { path: { project_id: 1, region_id: 1 } }, body: { ...v1Create, payload: "not base64!" } },
    ],
    prefer: "code=400",
    requests: ["SecretsViewSet.post"],
    writes: true,
    // The mock's 400 example (generated/gcore.yaml, GcoreBadRequest); the emulator names the payload field.
    expect: { answers: { status: 400, body: validationExample } },
  },

  // Deletes.
  {
    intent: "Delete secret bfc7824b-31b6-4a28-a0c4-7df137139215 and wait",
    call: "deleteSecret",
    args: [secretId],
    requests: ["SecretViewSet.delete", "TaskInstanceViewSet.get"],
    writes: true,
    expect: { returns: null },
  },
  {
    intent: "Start deleting a secret",
    call: "startDeleteSecret",
    args: [secretId],
    requests: ["SecretViewSet.delete"],
    writes: true,
    expect: { returns: { taskIds: ["e589bf3a-efed-4970-93a1-a7215536f676"] } },
  },
  {
    intent: "Delete a secret when there is nothing to do ({tasks: []})",
    call: "deleteSecret",
    args: [secretId],
    prefer: "example=nothingToDo",
    requests: ["SecretViewSet.delete"],
    writes: true,
    expect: { returns: null },
  },
  {
    intent: "Delete a secret that does not exist (404)",
    call: "deleteSecret",
    args: [secretId],
    prefer: "code=404",
    requests: ["SecretViewSet.delete"],
    writes: true,
    expect: { throws: gcoreError(404, "NotFoundError", "ERR_NOT_FOUND", "NotFoundError") },
  },
  {
    intent: "Delete a secret while Gcore fails (500, not retried)",
    call: "startDeleteSecret",
    args: [secretId],
    prefer: "code=500",
    maxRetries: 2,
    requests: ["SecretViewSet.delete"],
    writes: true,
    expect: { throws: gcoreError(500, "ProviderApiError", "ERR_PROVIDER_API", "InternalServerError") },
  },

  // Tasks.
  {
    intent: "Wait for task d478ae29-dedc-4869-82f0-96104425f565 to finish",
    call: "waitForTask",
    args: ["d478ae29-dedc-4869-82f0-96104425f565"],
    requests: ["TaskInstanceViewSet.get"],
    expect: { returns: finishedTask },
  },
  {
    intent: "Wait for a task that fails (ERROR)",
    call: "waitForTask",
    args: ["d478ae29-dedc-4869-82f0-96104425f565"],
    prefer: "example=error",
    requests: ["TaskInstanceViewSet.get"],
    expect: { throws: { class: "TaskFailedError", code: "ERR_TASK_FAILED" } },
  },
  {
    intent: "Wait for a task that does not exist (404)",
    call: "waitForTask",
    args: ["d478ae29-dedc-4869-82f0-96104425f565"],
    prefer: "code=404",
    requests: ["TaskInstanceViewSet.get"],
    expect: { throws: gcoreError(404, "NotFoundError", "ERR_NOT_FOUND", "NotFoundError") },
  },
];
