// A stateful emulator of the Voximplant Management API's secrets methods: `POST /platform_api/<Method>` with the
// parameters in the query or a urlencoded or multipart body (the docs), `POST /platform_api` with `cmd=<Method>` in the
// form (the official Node and Python SDKs), an RS256 JWT checked against the account's public key, every error as
// HTTP 200 `{error: {code, msg}}`, and HTTPS when a client only speaks it (the Node SDK).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asEmulator, type Emulator, type IncomingCall, startEmulatorServer } from "./server.js";
import { checkToken, createServiceAccount } from "./voximplant-auth.js";
import {
  failure,
  VOXIMPLANT_OPERATIONS,
  type VoximplantErrorCodes,
  type VoximplantOperation,
  voximplantMethods,
} from "./voximplant-methods.js";
import { type VoximplantSeed, VoximplantStore } from "./voximplant-store.js";

export type { VoximplantErrorCodes, VoximplantOperation } from "./voximplant-methods.js";
export type { VoximplantSeed } from "./voximplant-store.js";

/**
 * A running Voximplant emulator: its faults take {@link VoximplantOperation} names.
 *
 * @example
 * ```ts
 * let emulator: VoximplantEmulator;
 * beforeAll(async () => (emulator = await startVoximplantEmulator()));
 * ```
 */
export type VoximplantEmulator = Emulator<VoximplantOperation>;

/**
 * Options of {@link startVoximplantEmulator}. The UNVERIFIED ones pick between candidates no document settles.
 *
 * @example
 * ```ts
 * const voximplant = await startVoximplantEmulator({ notFoundCode: 341, seed: { applications: [{ id: 1, name: "shop" }] } });
 * ```
 */
export interface VoximplantEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Applications and secrets at start. Default: application 1 `demo` with two secrets. */
  seed?: VoximplantSeed;
  /** Trust this account's public key (PEM) instead of making a key pair; `env` then has no credentials file. */
  account?: { accountId?: number; keyId?: string; publicKey?: string };
  /** UNVERIFIED: the code for an unknown secret. Default 496 ("invalid parameter"); 341 is the other candidate. */
  notFoundCode?: 341 | 496;
  /** UNVERIFIED: the documented object result, or the one-element array the Node SDK reads. Default "object". */
  resultShape?: "object" | "array";
  /** UNVERIFIED: GetSecrets' `count` default and maximum. Default 20 and 1000 (what other list methods document). */
  pageSize?: { default?: number; max?: number };
  /** UNVERIFIED: DelSecret naming an unknown secret: refuse the whole call (default) or delete the others. */
  deleteMissing?: "refuse" | "ignore";
  /** UNVERIFIED: how far `iat` may lie in the future before 455. Default 30 s. */
  futureToleranceSeconds?: number;
  /** UNVERIFIED: the codes for a taken name (493) and an unknown application (116). */
  errorCodes?: VoximplantErrorCodes;
  /** UNVERIFIED: a trailing slash (`/platform_api/`, `/platform_api/AddSecret/`) is ignored (default), or 404. */
  trailingSlash?: "ignore" | "not-found";
  /**
   * Serve HTTPS with this key and certificate (see `testCertificate()`): the official Node SDK only speaks
   * `https://<host>/platform_api`. Clients must trust the certificate's chain.
   */
  tls?: { privateKey: string; certificate: string };
  /** How many arrivals `requests` keeps. Default 1000. */
  requestLogSize?: number;
  /** The emulator's clock (ms since the epoch), for token times and timestamps. Default Date.now. */
  now?: () => number;
}

/** The method a call names: the last path segment, or `cmd` in the form posted to `/platform_api` itself. */
async function operationOf(call: IncomingCall, trailingSlash: "ignore" | "not-found"): Promise<VoximplantOperation | "unknown"> {
  const trimmed = call.rawPath.replace(/\/$/, "");
  if (trimmed !== call.rawPath && trailingSlash === "not-found") return "unknown";
  // Any prefix is accepted (a base URL without /platform_api, as the conformance suite uses): the method names the call.
  const last = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  const name = last === "platform_api" ? (await call.form()).get("cmd") : last;
  return VOXIMPLANT_OPERATIONS.find((operation) => operation === name) ?? "unknown";
}

/**
 * Starts an emulator of the Voximplant Management API's secrets methods on 127.0.0.1, with a service account whose
 * `credentials.json` it writes (mode 600) and names in `env`.
 *
 * @example
 * ```ts
 * const secrets = [{ name: "k", value: "v" }];
 * const voximplant = await startVoximplantEmulator({ seed: { applications: [{ id: 1, name: "shop", secrets }] } });
 * const client = createVoximplantClient({ env: voximplant.env });
 * await client.getSecretValue("k"); // "v"
 * await voximplant.close();
 * ```
 */
export async function startVoximplantEmulator(options: VoximplantEmulatorOptions = {}): Promise<VoximplantEmulator> {
  const now = options.now ?? Date.now;
  const account = createServiceAccount(options.account);
  const store = new VoximplantStore(options.seed ?? {}, now());
  const methods = voximplantMethods(store, options, now);

  const server = await startEmulatorServer<VoximplantOperation>(
    {
      name: "Voximplant",
      operations: VOXIMPLANT_OPERATIONS,
      operation: (call) => operationOf(call, options.trailingSlash ?? "ignore"),
      async handle(call, operation) {
        if (operation === "unknown") return { status: 404, text: "unknown method" };
        const denied = checkToken(call.headers.authorization, account, now(), options.futureToleranceSeconds);
        if (denied) return failure(denied.code, denied.msg);
        const params = await call.form();
        if (!params.has("application_id") && !params.has("application_name"))
          return failure(101, "Parameter application_id or application_name is required");
        const app = store.application(params);
        if (!app) return failure(options.errorCodes?.unknownApplication ?? 116, "Application not found");
        return methods[operation](params, app);
      },
      rateLimited: () => failure(340, "Too many requests"),
      vendorError: (code, message) => failure(Number(code), message ?? `Error ${code}`),
    },
    { port: options.port, requestLogSize: options.requestLogSize, tls: options.tls },
  );

  // The service account's credentials.json, private to this user, removed on close.
  const dir = account.privateKey ? mkdtempSync(path.join(tmpdir(), "typed-secrets-emulator-")) : undefined;
  const credentials = dir ? path.join(dir, "credentials.json") : undefined;
  if (credentials)
    writeFileSync(credentials, JSON.stringify({ account_id: account.accountId, key_id: account.keyId, private_key: account.privateKey }), {
      mode: 0o600,
    });
  const first = store.applications[0];
  const env = {
    VOXIMPLANT_BASE_URL: `${server.url}/platform_api`,
    ...(credentials ? { VOXIMPLANT_CREDENTIALS: credentials } : {}),
    ...(first ? { VOXIMPLANT_APPLICATION_ID: String(first.id) } : {}),
  };
  return asEmulator(server, env, async () => {
    await server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}
