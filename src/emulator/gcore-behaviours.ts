// What the Gcore emulator does and where each behaviour comes from (rendered into the README's fidelity table).
import type { Behaviour } from "./fidelity.js";
import type { GcoreEmulatorOptions, GcoreOperation } from "./gcore.js";

const DOCS = "https://gcore.com/docs/api-reference/cloud/secrets/";
const ERRORS = "https://gcore.com/docs/developer-tools/rest-api/error-handling";
const SDK = "https://github.com/G-Core/gcore-python/blob/ebc7ee07e9136e6c9cc4588a8f9dc6a92de66a4d/src/gcore/";

type Row = Behaviour<GcoreOperation, GcoreEmulatorOptions>;

export const GCORE_BEHAVIOURS: readonly Row[] = [
  {
    id: "gcore.api-key",
    operations: "all",
    behaviour:
      '`Authorization: APIKey <key>` (as the SDK sends it): otherwise 401, "Authentication credentials were not provided." when absent',
    source: { kind: "sdk", url: `${SDK}_client.py` },
  },
  {
    id: "gcore.list-count",
    operations: ["listSecrets"],
    behaviour:
      "`limit` (1–1000, default 1000) and `offset` page; `count` is the total across pages (SDK paging: `offset + len(results) < count`)",
    source: { kind: "sdk", url: `${SDK}pagination.py` },
  },
  {
    id: "gcore.secret-fields",
    operations: ["listSecrets", "getSecret"],
    behaviour:
      "a secret has `id`, `name`, `secret_type` (certificate, opaque, …), `status`, `algorithm`, `bit_length`, `content_types`, `mode`; " +
      "never its payload",
    source: { kind: "docs", url: `${DOCS}get-secret` },
  },
  {
    id: "gcore.time-format",
    operations: ["listSecrets", "getSecret"],
    behaviour: "`created` and `expiration` are written `2020-01-01T12:00:00+00:00`",
    source: { kind: "docs", url: `${DOCS}get-secret` },
  },
  {
    id: "gcore.v2-upload",
    operations: ["uploadCertificate"],
    behaviour:
      "`POST /cloud/v2/secrets/{project}/{region}`: `name`, `payload` {certificate, certificate_chain, private_key} (PEM), " +
      "`expiration` → `{tasks: [id]}`",
    source: { kind: "sdk", url: `${SDK}resources/cloud/secrets.py` },
  },
  {
    id: "gcore.key-mismatch",
    operations: ["uploadCertificate"],
    behaviour: "a private key that does not match the certificate fails the task (ERROR with the reason); nothing is created",
    source: { kind: "unverified", option: "keyMismatch", flip: '"bad-request"' },
  },
  {
    id: "gcore.v1-create",
    operations: ["createSecret"],
    behaviour:
      "the deprecated `POST /cloud/v1/secrets/{project}/{region}`: base64 `payload`, `payload_content_encoding: base64`, " +
      "`payload_content_type`, `secret_type` → `{tasks}`",
    source: { kind: "docs", url: `${DOCS}create-secret-1` },
  },
  {
    id: "gcore.name-conflict",
    operations: ["uploadCertificate", "createSecret"],
    behaviour: "a name taken by a secret, or by a create still running, is 409 `ConflictError`",
    source: { kind: "unverified", option: "duplicateNames", flip: '"allow"' },
  },
  {
    id: "gcore.delete",
    operations: ["deleteSecret"],
    behaviour:
      "`DELETE /cloud/v1/secrets/{project}/{region}/{id}` answers `{tasks: [id]}`; the secret goes when the task finishes; unknown id 404",
    source: { kind: "sdk", url: `${SDK}resources/cloud/secrets.py` },
  },
  {
    id: "gcore.task-states",
    operations: ["getTask"],
    behaviour:
      "`GET /cloud/v1/tasks/{id}`: `state` NEW, RUNNING, then FINISHED (a create's id in `created_resources.secrets`) or ERROR (`error`)",
    source: { kind: "sdk", url: `${SDK}resources/cloud/tasks.py` },
  },
  {
    id: "gcore.task-progress",
    operations: ["getTask"],
    behaviour: "a task advances one state per poll and applies at the third; `instant` finishes it as it starts (fast mode for tests)",
    source: { kind: "unverified", option: "taskProgress", flip: '"instant"' },
  },
  {
    id: "gcore.task-unpolled",
    operations: ["getTask"],
    behaviour: "a task nobody polls (its id was lost with the answer) finishes on its own after 5 s",
    source: { kind: "unverified", option: "unpolledTaskFinishesAfterMs", flip: "<ms>" },
  },
  {
    id: "gcore.errors",
    operations: "all",
    behaviour: "errors are `{exception_class, message, request_id}`: 400 `ValidationError`, 401, 404 `NotFoundError`, 409 `ConflictError`",
    source: { kind: "docs", url: ERRORS },
  },
  {
    id: "gcore.rate-limit",
    operations: "all",
    behaviour: "the `rate-limit` fault answers 429 with `Retry-After`, which the SDK honours",
    source: { kind: "sdk", url: `${SDK}_base_client.py` },
  },
];
