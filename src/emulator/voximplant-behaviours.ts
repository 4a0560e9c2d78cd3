// What the Voximplant emulator does and where each behaviour comes from (rendered into the README's fidelity table).
import type { Behaviour } from "./fidelity.js";
import type { VoximplantEmulatorOptions, VoximplantOperation } from "./voximplant.js";

const DOCS = "https://docs.voximplant.ai/api-reference/management-api/";
const NODE_SDK = "https://github.com/voximplant/apiclient-nodejs/blob/281e5c4199b6a7ed9bf3d7c880729306dffe82a3/src/";
const PYTHON_SDK =
  "https://github.com/voximplant/apiclient-python/blob/5df85174a3e8b0c09ced19867bd097af8233cbfc/src/voximplant/apiclient/client.py";

type Row = Behaviour<VoximplantOperation, VoximplantEmulatorOptions>;
const unverified = (option: keyof VoximplantEmulatorOptions & string, flip: string): Row["source"] => ({
  kind: "unverified",
  option,
  flip,
});

export const VOXIMPLANT_BEHAVIOURS: readonly Row[] = [
  {
    id: "voximplant.method-path",
    operations: "all",
    behaviour: "`POST /platform_api/<Method>`, parameters in the query string or a urlencoded or multipart form body",
    source: { kind: "docs", url: `${DOCS}reference/secrets/add-secret` },
  },
  {
    id: "voximplant.command-form",
    operations: "all",
    behaviour:
      "`POST /platform_api` with `cmd=<Method>` and the parameters in a multipart form (the Node SDK; the Python SDK posts it urlencoded)",
    source: { kind: "sdk", url: `${NODE_SDK}index.ts` },
  },
  {
    id: "voximplant.trailing-slash",
    operations: "all",
    behaviour: "a trailing slash is ignored: `/platform_api/` takes `cmd`, `/platform_api/AddSecret/` is AddSecret",
    source: unverified("trailingSlash", '"not-found"'),
  },
  {
    id: "voximplant.jwt",
    operations: "all",
    behaviour:
      "`Authorization: Bearer` an RS256 JWT with `kid` (key id), `iss` (account id), `iat`, `exp`, checked against the account's key",
    source: { kind: "docs", url: `${DOCS}authorization` },
  },
  {
    id: "voximplant.jwt-codes",
    operations: "all",
    behaviour:
      "token failures: 100 bad signature or account, 433 unknown key, 447 malformed, 454 lifetime over 1 h, 455 future, 456 expired",
    source: { kind: "docs", url: `${DOCS}errors` },
  },
  {
    id: "voximplant.jwt-future",
    operations: "all",
    behaviour: "a token's `iat` may lie up to 30 s in the future before 455",
    source: unverified("futureToleranceSeconds", "0"),
  },
  {
    id: "voximplant.errors-in-200",
    operations: "all",
    behaviour: "every failure is HTTP 200 `{error: {code, msg}}` (the Python SDK raises on `error` in a parsed JSON answer)",
    source: { kind: "sdk", url: PYTHON_SDK },
  },
  {
    id: "voximplant.application",
    operations: "all",
    behaviour: "`application_id` or `application_name` is required (101); an unknown application is 116",
    source: unverified("errorCodes", "{ unknownApplication: 107 }"),
  },
  {
    id: "voximplant.add-rules",
    operations: ["AddSecret", "SetSecretInfo"],
    behaviour: "names `^[A-Za-z][A-Za-z0-9_]{0,63}$`, values at most 8192 characters (else 485); descriptions cut to 200 characters",
    source: { kind: "docs", url: `${DOCS}reference/secrets/add-secret` },
  },
  {
    id: "voximplant.name-taken",
    operations: ["AddSecret", "SetSecretInfo"],
    behaviour: "a name already taken in the application is code 493",
    source: unverified("errorCodes", "{ nameTaken: <code> }"),
  },
  {
    id: "voximplant.result-shape",
    operations: ["AddSecret", "GetSecretValue"],
    behaviour:
      '`result` is the documented object; the Node SDK maps it as a one-element array (`.map`), so it needs `resultShape: "array"`',
    source: unverified("resultShape", '"array"'),
  },
  {
    id: "voximplant.list",
    operations: ["GetSecrets"],
    behaviour: "`secret_name_part` filters by substring; `count`/`offset` page; answers `result`, `count` (this page) and `total_count`",
    source: { kind: "docs", url: `${DOCS}reference/secrets/get-secrets` },
  },
  {
    id: "voximplant.page-size",
    operations: ["GetSecrets"],
    behaviour: "`count` defaults to 20, at most 1000 (what other list methods document)",
    source: unverified("pageSize", "{ default, max }"),
  },
  {
    id: "voximplant.timestamps",
    operations: ["GetSecrets", "GetSecretValue"],
    behaviour: '`created` and `modified` are `"YYYY-MM-DD HH:MM:SS"` in UTC',
    source: { kind: "docs", url: `${DOCS}reference/secrets/get-secrets` },
  },
  {
    id: "voximplant.get-value",
    operations: ["GetSecretValue"],
    behaviour: "`secret_id` or `secret_name` picks the secret; the answer carries its value and metadata",
    source: { kind: "docs", url: `${DOCS}reference/secrets/get-secret-value` },
  },
  {
    id: "voximplant.not-found",
    operations: ["GetSecretValue", "SetSecretInfo", "DelSecret"],
    behaviour: "an unknown secret is code 496 \"The 'secret_name' parameter is invalid.\" (341 is the other candidate)",
    source: unverified("notFoundCode", "341"),
  },
  {
    id: "voximplant.set-info",
    operations: ["SetSecretInfo"],
    behaviour: "`new_secret_name`, `secret_value` and `description` change what they name; `result: 1`",
    source: { kind: "sdk", url: `${NODE_SDK}index.ts` },
  },
  {
    id: "voximplant.delete",
    operations: ["DelSecret"],
    behaviour: "`secret_id` (`;`-separated, or `all`) or `secret_name` (`;`-separated) deletes; `result: 1`",
    source: { kind: "sdk", url: `${NODE_SDK}TypeTransformer.ts` },
  },
  {
    id: "voximplant.delete-missing",
    operations: ["DelSecret"],
    behaviour: 'a list naming an unknown secret deletes nothing and answers "not found"',
    source: unverified("deleteMissing", '"ignore"'),
  },
  {
    id: "voximplant.rate-limit",
    operations: "all",
    behaviour: "the `rate-limit` fault answers code 340 in a 200 body",
    source: { kind: "docs", url: `${DOCS}errors` },
  },
];
