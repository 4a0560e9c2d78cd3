// Voximplant service-account credentials: the `credentials.json` a control panel or CreateKey gives.
import { BoundedReadError, readBoundedTextFile } from "../../core/bounded-file.js";
import { ConfigurationError } from "../../core/errors.js";
import { showOnly } from "../../core/inspect.js";

/** A credentials.json is about 2 KiB (a 4096-bit key); anything past 64 KiB is not one. */
export const MAX_CREDENTIALS_BYTES = 64 * 1024;

/** A service account's key, as `credentials.json` holds it (the key is never shown by `inspect` or JSON). */
export interface VoximplantCredentials {
  /** Numeric account id: the JWT's `iss`. */
  accountId: number;
  /** Key id: the JWT header's `kid`. */
  keyId: string;
  /** RSA private key, PEM (PKCS#8 or PKCS#1). */
  privateKey: string;
  accountEmail?: string | undefined;
}

const problem = (source: string, detail: string) =>
  new ConfigurationError(`credentials (${source}): ${detail}`, { provider: "voximplant" });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads `credentials.json` content, flat (control-panel download) or wrapped in `{"result": …}`
 * (CreateKey API). Messages name the source and the field, never the key.
 *
 * @example
 * ```ts
 * import { parseVoximplantCredentials } from "typed-secrets/voximplant";
 *
 * const json = process.env.VOXIMPLANT_CREDENTIALS_JSON ?? "{}";
 * const credentials = parseVoximplantCredentials(JSON.parse(json), "VOXIMPLANT_CREDENTIALS_JSON");
 * ```
 */
export function parseVoximplantCredentials(value: unknown, source: string): VoximplantCredentials {
  const object = isRecord(value) && "result" in value ? value.result : value;
  if (!isRecord(object)) throw problem(source, "expected a JSON object with account_id, key_id and private_key");
  const accountId =
    typeof object.account_id === "string" && /^\d+$/.test(object.account_id) ? Number(object.account_id) : object.account_id;
  if (typeof accountId !== "number" || !Number.isSafeInteger(accountId) || accountId <= 0)
    throw problem(source, "account_id must be a positive integer");
  if (typeof object.key_id !== "string" || object.key_id.length === 0) throw problem(source, "key_id must be a non-empty string");
  if (typeof object.private_key !== "string" || !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(object.private_key)) {
    throw problem(source, "private_key must be a PEM private key");
  }
  // The key is not enumerable, and the object's inspect and JSON forms name the account only: console.log,
  // JSON.stringify and util.inspect (showHidden included) leave it out.
  const accountEmail = typeof object.account_email === "string" ? object.account_email : undefined;
  const credentials: VoximplantCredentials = { accountId, keyId: object.key_id, accountEmail, privateKey: object.private_key };
  Object.defineProperty(credentials, "privateKey", { enumerable: false });
  return showOnly(credentials, "VoximplantCredentials", { accountId, keyId: object.key_id });
}

const warned = new Set<string>();

/** Like ssh with a private key file: a file others can read is named once per process (a warning; it is still used). */
function warnIfUnprotected(file: string, mode: number): void {
  if ((mode & 0o077) === 0 || warned.has(file)) return;
  warned.add(file);
  process.emitWarning(
    `Voximplant credentials file ${file} is readable by group or others (mode ${(mode & 0o777).toString(8).padStart(3, "0")}); ` +
      `it holds a private key: chmod 600 ${file}`,
    { code: "TYPED_SECRETS_UNPROTECTED_CREDENTIALS" },
  );
}

/**
 * Reads and parses a credentials file (a regular file of at most 64 KiB). The file's content never appears in an error.
 *
 * @example
 * ```ts
 * import { createVoximplantClient, readVoximplantCredentialsFile } from "typed-secrets/voximplant";
 *
 * const credentials = await readVoximplantCredentialsFile("credentials.json");
 * const voximplant = createVoximplantClient({ credentials, application: { name: "my-app" } });
 * ```
 */
export async function readVoximplantCredentialsFile(file: string): Promise<VoximplantCredentials> {
  let text: string;
  try {
    text = await readBoundedTextFile(file, MAX_CREDENTIALS_BYTES, (stats) => warnIfUnprotected(file, stats.mode));
  } catch (error) {
    throw problem(file, error instanceof BoundedReadError ? error.message : "cannot read the file");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw problem(file, "the file is not valid JSON");
  }
  return parseVoximplantCredentials(json, file);
}
