// The Gcore emulator's secrets: seeds of any secret type, what a v2 upload (three PEMs, an optional expiry) and a
// deprecated v1 create (a base64 payload with its content type and secret type) must carry, whether an uploaded key
// matches its certificate (a mismatch fails the task), and the wire form (never the payload), with times written as
// the published spec gives them: `2020-01-01T12:00:00+00:00`.
import { createPrivateKey, X509Certificate } from "node:crypto";

/**
 * Gcore's secret types (the published spec's SecretTypesEnum).
 *
 * @example
 * ```ts
 * const seed: GcoreSeedSecret = { name: "AES key", type: "opaque" satisfies GcoreSecretType };
 * ```
 */
export type GcoreSecretType = "certificate" | "opaque" | "passphrase" | "private" | "public" | "symmetric";
const SECRET_TYPES: readonly GcoreSecretType[] = ["certificate", "opaque", "passphrase", "private", "public", "symmetric"];

/**
 * A secret of the Gcore emulator at start.
 *
 * @example
 * ```ts
 * const secrets: GcoreSeedSecret[] = [
 *   { name: "lb-cert" },
 *   { name: "AES key", type: "opaque", algorithm: "aes", bitLength: 256, mode: "cbc" },
 * ];
 * ```
 */
export interface GcoreSeedSecret {
  /** UUID; default a random one. */
  id?: string;
  name: string;
  /** Default `certificate`. */
  type?: GcoreSecretType;
  algorithm?: string | null;
  bitLength?: number | null;
  mode?: string | null;
  contentTypes?: Record<string, string> | null;
  /** When it was created (any date-time `Date.parse` reads); default the emulator's start. */
  created?: string;
  expiration?: string | null;
}

export interface StoredSecret {
  id: string;
  name: string;
  type: GcoreSecretType;
  algorithm: string | null;
  bitLength: number | null;
  mode: string | null;
  contentTypes: Record<string, string> | null;
  created: string;
  expiration: string | null;
}

export interface Payload {
  certificate: string;
  certificate_chain: string;
  private_key: string;
}

/** A time as the API writes it (SecretSerializer: "The format is 2020-01-01T12:00:00+00:00"); a time without a zone is UTC. */
export function gcoreTime(value: number | string): string {
  const ms = typeof value === "number" ? value : Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

const validTime = (value: unknown) => typeof value === "string" && !Number.isNaN(Date.parse(value));

export function seedSecret(seed: GcoreSeedSecret, id: string, now: number): StoredSecret {
  return {
    id,
    name: seed.name,
    type: seed.type ?? "certificate",
    algorithm: seed.algorithm ?? null,
    bitLength: seed.bitLength ?? null,
    mode: seed.mode ?? null,
    contentTypes: seed.contentTypes ?? null,
    created: gcoreTime(seed.created ?? now),
    expiration: seed.expiration == null ? null : gcoreTime(seed.expiration),
  };
}

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function checkExpiration(expiration: unknown): string | null | { refused: string } {
  if (expiration === undefined || expiration === null) return null;
  return validTime(expiration) ? gcoreTime(expiration as string) : { refused: "expiration: not a valid date-time" };
}

/** A v2 upload's fields, or why it is refused (a 400 ValidationError). */
export function checkUpload(input: {
  name?: unknown;
  payload?: Partial<Payload>;
  expiration?: unknown;
}): string | { secret: Omit<StoredSecret, "id" | "created">; mismatch: boolean } {
  if (typeof input?.name !== "string" || input.name.length === 0) return "name: this field is required";
  for (const field of ["certificate", "certificate_chain", "private_key"] as const) {
    const value = input.payload?.[field];
    if (typeof value !== "string" || !PEM.test(value)) return `payload.${field}: a PEM is required`;
  }
  const expiration = checkExpiration(input.expiration);
  if (expiration !== null && typeof expiration === "object") return expiration.refused;
  let mismatch: boolean;
  try {
    mismatch = !new X509Certificate(input.payload!.certificate!).checkPrivateKey(createPrivateKey(input.payload!.private_key!));
  } catch {
    // Not a certificate or key Node can read: the task fails, as a real upload of garbage would.
    mismatch = true;
  }
  const secret = {
    name: input.name,
    type: "certificate",
    algorithm: null,
    bitLength: null,
    mode: null,
    contentTypes: null,
    expiration,
  } as const;
  return { secret, mismatch };
}

/** A deprecated v1 create's fields (CreateSecretSerializer), or why it is refused (a 400 ValidationError). */
export function checkCreate(input: Record<string, unknown> | null): string | Omit<StoredSecret, "id" | "created"> {
  if (typeof input?.name !== "string" || input.name.length === 0) return "name: this field is required";
  if (typeof input.payload !== "string" || input.payload.length === 0 || !BASE64.test(input.payload))
    return "payload: base64 encoded data is required";
  if (input.payload_content_encoding !== "base64") return "payload_content_encoding: only base64 is supported";
  if (typeof input.payload_content_type !== "string" || input.payload_content_type.length === 0)
    return "payload_content_type: this field is required";
  if (!SECRET_TYPES.includes(input.secret_type as GcoreSecretType)) return `secret_type: one of ${SECRET_TYPES.join(", ")}`;
  const bitLength = input.bit_length ?? null;
  if (bitLength !== null && !(Number.isInteger(bitLength) && (bitLength as number) > 0)) return "bit_length: must be greater than zero";
  const expiration = checkExpiration(input.expiration);
  if (expiration !== null && typeof expiration === "object") return expiration.refused;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    name: input.name,
    type: input.secret_type as GcoreSecretType,
    algorithm: text(input.algorithm),
    bitLength: bitLength as number | null,
    mode: text(input.mode),
    contentTypes: { default: input.payload_content_type },
    expiration,
  };
}

export function toWire(secret: StoredSecret) {
  return {
    id: secret.id,
    name: secret.name,
    secret_type: secret.type,
    status: "ACTIVE",
    created: secret.created,
    expiration: secret.expiration,
    algorithm: secret.algorithm,
    bit_length: secret.bitLength,
    content_types: secret.contentTypes,
    mode: secret.mode,
  };
}
