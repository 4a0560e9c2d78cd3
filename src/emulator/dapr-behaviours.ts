// What the Dapr emulator does and where each behaviour comes from (rendered into the README's fidelity table).
import type { DaprEmulatorOptions, DaprOperation } from "./dapr.js";
import type { Behaviour } from "./fidelity.js";

const DAPR = "https://github.com/dapr/dapr/blob/d8450742ce3260d93a2346f4398a1e60d019a45b/";
const CONTRIB = "https://github.com/dapr/components-contrib/blob/c23900d2760de2061143587c16c5e30ab3f092cf/";
const GO = "https://github.com/golang/go/blob/go1.24.0/src/";
const DOCS = "https://docs.dapr.io/reference/api/secrets_api/";
const SDK = "https://github.com/dapr/js-sdk/blob/f797a22d1e884c306ab294b023fb4275566ac3b5/src/implementation/Client/HTTPClient/";

const SECRETS: DaprOperation[] = ["getSecret", "getBulkSecret"];
const HEALTH: DaprOperation[] = ["getHealth", "getOutboundHealth"];

export const DAPR_BEHAVIOURS: readonly Behaviour<DaprOperation, DaprEmulatorOptions>[] = [
  {
    id: "dapr.routes",
    operations: SECRETS,
    behaviour: "`GET /v1.0/secrets/{store}/{name}` answers the secret's keys; `GET /v1.0/secrets/{store}/bulk` every secret's",
    source: { kind: "docs", url: DOCS },
  },
  {
    id: "dapr.escaped-routing",
    operations: SECRETS,
    behaviour: "routes match the escaped path, parameters are unescaped after (`+` is a space): `bul%6B` reads the secret `bulk`",
    source: { kind: "runtime", url: `${DAPR}pkg/api/http/server.go` },
  },
  {
    id: "dapr.clean-path",
    operations: "all",
    behaviour:
      "the escaped path is cleaned (`//`, `.`, `..`) and a trailing slash stripped before routing: `/v1.0/secrets/s/name/` reads `name`",
    source: { kind: "runtime", url: `${DAPR}pkg/api/http/middlewares.go` },
  },
  {
    id: "dapr.malformed-escape",
    operations: "all",
    behaviour: "a malformed escape in the path (`%zz`) is a plain-text `400 Bad Request` from Go's HTTP server, before the token check",
    source: { kind: "runtime", url: `${GO}net/http/server.go` },
  },
  {
    id: "dapr.get-only",
    operations: SECRETS,
    behaviour:
      "a method other than GET falls through to service invocation: 404 JSON `ERR_DIRECT_INVOKE`; so does a path matching no route",
    source: { kind: "runtime", url: `${DAPR}pkg/api/http/directmessaging.go` },
  },
  {
    id: "dapr.api-token",
    operations: "all",
    behaviour: "with `apiToken`, every route but GET `/v1.0/healthz` and `/v1.0/healthz/outbound` needs `dapr-api-token`, else 401 text",
    source: { kind: "runtime", url: `${DAPR}pkg/api/http/middlewares.go` },
  },
  {
    id: "dapr.store-errors",
    operations: SECRETS,
    behaviour:
      "no store configured: 500 `ERR_SECRET_STORES_NOT_CONFIGURED`; unknown store: 401 `ERR_SECRET_STORE_NOT_FOUND` (the docs say 400)",
    source: { kind: "runtime", url: `${DAPR}pkg/api/universal/secrets.go` },
  },
  {
    id: "dapr.scope-policy",
    operations: SECRETS,
    behaviour: "a secret the scope policy denies is 403 `ERR_PERMISSION_DENIED` on the single route and left out of bulk",
    source: { kind: "runtime", url: `${DAPR}pkg/api/universal/secrets.go` },
  },
  {
    id: "dapr.no-data",
    operations: SECRETS,
    behaviour: "a store that returns no data (`no-content`) answers 204 with no body, on the single route and on bulk",
    source: { kind: "runtime", url: `${DAPR}pkg/api/http/universal.go` },
  },
  {
    id: "dapr.file-store",
    operations: SECRETS,
    behaviour: "`local.file`: a missing secret is 500 `ERR_SECRET_GET` `… secret <name> not found`",
    source: { kind: "runtime", url: `${CONTRIB}secretstores/local/file/filestore.go` },
  },
  {
    id: "dapr.env-store",
    operations: SECRETS,
    behaviour:
      "`local.env`: a missing variable is 200 with an empty value; `DAPR_*` and `APP_API_TOKEN` read as empty and are left out of bulk",
    source: { kind: "runtime", url: `${CONTRIB}secretstores/local/env/envstore.go` },
  },
  {
    id: "dapr.kubernetes-namespace",
    operations: SECRETS,
    behaviour:
      "`kubernetes`: `metadata.namespace` picks the namespace (else `defaultNamespace`); keys per secret; missing: 500 `ERR_SECRET_GET`",
    source: { kind: "runtime", url: `${CONTRIB}secretstores/kubernetes/kubernetes.go` },
  },
  {
    id: "dapr.vault-version",
    operations: SECRETS,
    behaviour:
      "`hashicorp.vault`: `metadata.version_id` selects a version (0 the newest); a missing one is 500 `ERR_SECRET_GET`, skipped by bulk",
    source: { kind: "runtime", url: `${CONTRIB}secretstores/hashicorp/vault/vault.go` },
  },
  {
    id: "dapr.health",
    operations: HEALTH,
    behaviour: "204 when ready; before that 500 JSON `ERR_HEALTH_NOT_READY` / `ERR_OUTBOUND_HEALTH_NOT_READY` (`readyAfterMs`)",
    source: { kind: "runtime", url: `${DAPR}pkg/api/http/healthz.go` },
  },
  {
    id: "dapr.metadata",
    operations: ["getMetadata"],
    behaviour:
      "`GET /v1.0/metadata` answers the app id and the secret stores as components (the official SDK polls it before its first call)",
    source: { kind: "sdk", url: `${SDK}sidecar.ts` },
  },
  {
    id: "dapr.rate-limit",
    operations: "all",
    behaviour: "the `rate-limit` fault answers as the ratelimit middleware: 429 text (with `Retry-After` only when the fault gives one)",
    source: { kind: "runtime", url: `${CONTRIB}middleware/http/ratelimit/ratelimit_middleware.go` },
  },
];
