// A stateful emulator of the Voximplant Management API's secrets methods: `POST /platform_api/<Method>` with
// urlencoded or multipart bodies (or GET with a query), an RS256 JWT checked against the account's public key,
// and every error as HTTP 200 `{error: {code, msg}}` (../shared/reference/apis.md).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, type IncomingCall, type Reply, startEmulatorServer } from "./server.js";
import { checkToken, createServiceAccount } from "./voximplant-auth.js";
import {
  type EmulatedSecret,
  MAX_DESCRIPTION,
  MAX_VALUE,
  NAME,
  timestamp,
  type VoximplantSeed,
  VoximplantStore,
} from "./voximplant-store.js";

export type { VoximplantSeed } from "./voximplant-store.js";

export interface VoximplantEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Applications and secrets at start. Default: application 1 `demo` with two secrets. */
  seed?: VoximplantSeed;
  /** Trust this account's public key (PEM) instead of making a key pair; `env` then has no credentials file. */
  account?: { accountId?: number; keyId?: string; publicKey?: string };
  /** UNVERIFIED: the code for an unknown secret. Default 496 ("invalid parameter"); 341 is the other candidate. */
  notFoundCode?: 341 | 496;
  /** UNVERIFIED: the documented object result, or the one-element array the Node SDK types. Default "object". */
  resultShape?: "object" | "array";
  /** UNVERIFIED: GetSecrets' `count` default and maximum. Default 20 and 1000 (what other list methods document). */
  pageSize?: { default?: number; max?: number };
  /** UNVERIFIED: DelSecret naming an unknown secret: refuse the whole call (default) or delete the others. */
  deleteMissing?: "refuse" | "ignore";
  /** UNVERIFIED: how far `iat` may lie in the future before 455. Default 30 s. */
  futureToleranceSeconds?: number;
  /** The emulator's clock (ms since the epoch), for token times and timestamps. Default Date.now. */
  now?: () => number;
}

const METHODS = new Set(["AddSecret", "GetSecrets", "GetSecretValue", "SetSecretInfo", "DelSecret"]);

const failure = (code: number, msg: string): Reply => ({ status: 200, json: { error: { code, msg } } });

async function parameters(call: IncomingCall): Promise<URLSearchParams> {
  const params = new URLSearchParams(call.query);
  const type = String(call.headers["content-type"] ?? "");
  if (call.body.length === 0 || !/urlencoded|multipart\/form-data/.test(type)) return params;
  const form = await new Response(call.body, { headers: { "content-type": type } }).formData();
  for (const [name, value] of form) if (typeof value === "string") params.set(name, value);
  return params;
}

export async function startVoximplantEmulator(options: VoximplantEmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const account = createServiceAccount(options.account);
  const store = new VoximplantStore(options.seed ?? {}, now());
  const notFound = () =>
    failure(options.notFoundCode ?? 496, options.notFoundCode === 341 ? "Secret not found" : "The 'secret_name' parameter is invalid.");
  const shape = (value: object) => (options.resultShape === "array" ? [value] : value);
  const info = (secret: EmulatedSecret) => ({
    secret_id: secret.id,
    secret_name: secret.name,
    description: secret.description,
    created: secret.created,
    modified: secret.modified,
  });

  const methods: Record<string, (params: URLSearchParams, app: NonNullable<ReturnType<VoximplantStore["application"]>>) => Reply> = {
    AddSecret(params, app) {
      const name = params.get("secret_name");
      const value = params.get("secret_value");
      if (name === null || value === null) return failure(101, `Parameter ${name === null ? "secret_name" : "secret_value"} is required`);
      if (!NAME.test(name)) return failure(485, "Invalid secret_name");
      if ([...value].length > MAX_VALUE) return failure(485, "Invalid secret_value");
      if (app.secrets.some((secret) => secret.name === name)) return failure(493, "Secret with this name already exists");
      const secret = store.add(app, { name, value, description: params.get("description") ?? undefined }, now());
      return { status: 200, json: { result: shape({ secret_id: secret.id }) } };
    },
    GetSecrets(params, app) {
      const part = params.get("secret_name_part");
      const pageDefault = options.pageSize?.default ?? 20;
      const count = Math.min(Number(params.get("count") ?? pageDefault) || pageDefault, options.pageSize?.max ?? 1000);
      const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
      const matching = app.secrets.filter((secret) => part === null || secret.name.includes(part));
      const page = matching.slice(offset, offset + count).map(info);
      return { status: 200, json: { result: page, count: page.length, total_count: matching.length } };
    },
    GetSecretValue(params, app) {
      const secret = store.find(app, params);
      if (!secret) return notFound();
      return { status: 200, json: { result: shape({ ...info(secret), secret_value: secret.value }) } };
    },
    SetSecretInfo(params, app) {
      const secret = store.find(app, params);
      if (!secret) return notFound();
      const newName = params.get("new_secret_name");
      const value = params.get("secret_value");
      if (newName !== null && !NAME.test(newName)) return failure(485, "Invalid new_secret_name");
      if (newName !== null && app.secrets.some((other) => other !== secret && other.name === newName))
        return failure(493, "Secret with this name already exists");
      if (value !== null && [...value].length > MAX_VALUE) return failure(485, "Invalid secret_value");
      if (newName !== null) secret.name = newName;
      if (value !== null) secret.value = value;
      const description = params.get("description");
      if (description !== null) secret.description = description.slice(0, MAX_DESCRIPTION);
      secret.modified = timestamp(now());
      return { status: 200, json: { result: 1 } };
    },
    DelSecret(params, app) {
      const ids = params.get("secret_id");
      const names = params.get("secret_name");
      if (ids === "all") {
        app.secrets.splice(0);
        return { status: 200, json: { result: 1 } };
      }
      const wanted = (ids ?? names ?? "").split(";");
      const targets = wanted.map((each) => app.secrets.find((secret) => (ids !== null ? String(secret.id) : secret.name) === each));
      const found = targets.filter((secret) => secret !== undefined);
      // UNVERIFIED: a list naming an unknown secret deletes nothing and answers "not found" (or, with "ignore", the rest go).
      if (found.length === 0 || (found.length < targets.length && options.deleteMissing !== "ignore")) return notFound();
      for (const target of found) app.secrets.splice(app.secrets.indexOf(target), 1);
      return { status: 200, json: { result: 1 } };
    },
  };

  const server = await startEmulatorServer(
    {
      operation: (call) => path.posix.basename(call.rawPath),
      async handle(call, operation) {
        if (!METHODS.has(operation)) return { status: 404, text: "unknown method" };
        const denied = checkToken(call.headers.authorization, account, now(), options.futureToleranceSeconds);
        if (denied) return failure(denied.code, denied.msg);
        const params = await parameters(call);
        if (!params.has("application_id") && !params.has("application_name"))
          return failure(101, "Parameter application_id or application_name is required");
        const app = store.application(params);
        if (!app) return failure(116, "Application not found");
        return methods[operation]!(params, app);
      },
      rateLimited: () => failure(340, "Too many requests"),
      vendorError: (code, message) => failure(Number(code), message ?? `Error ${code}`),
    },
    options.port,
  );

  // The service account's credentials.json, private to this user, removed on close.
  const dir = account.privateKey ? mkdtempSync(path.join(tmpdir(), "typed-secrets-emulator-")) : undefined;
  const credentials = dir ? path.join(dir, "credentials.json") : undefined;
  if (credentials)
    writeFileSync(credentials, JSON.stringify({ account_id: account.accountId, key_id: account.keyId, private_key: account.privateKey }), {
      mode: 0o600,
    });
  const first = store.applications[0];
  return {
    url: server.url,
    env: {
      VOXIMPLANT_BASE_URL: `${server.url}/platform_api`,
      ...(credentials ? { VOXIMPLANT_CREDENTIALS: credentials } : {}),
      ...(first ? { VOXIMPLANT_APPLICATION_ID: String(first.id) } : {}),
    },
    requests: server.requests,
    faults: server.faults,
    async close() {
      await server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
