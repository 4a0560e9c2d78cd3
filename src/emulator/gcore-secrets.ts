// The Gcore emulator's secrets: what a v2 upload must carry (three PEMs, an optional expiry), whether the key
// matches the certificate (a mismatch fails the task, as the real API does), and the wire form, without payload.
import { createPrivateKey, X509Certificate } from "node:crypto";

export interface GcoreSeedSecret {
  id?: string;
  name: string;
  expiration?: string | null;
}

export interface StoredSecret {
  id: string;
  name: string;
  created: string;
  expiration: string | null;
}

export interface Payload {
  certificate: string;
  certificate_chain: string;
  private_key: string;
}

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----/;

/** The upload's fields, or why it is refused (a 400 ValidationError). */
export function checkUpload(input: {
  name?: unknown;
  payload?: Partial<Payload>;
  expiration?: unknown;
}): string | { name: string; expiration: string | null; mismatch: boolean } {
  if (typeof input?.name !== "string" || input.name.length === 0) return "name: this field is required";
  for (const field of ["certificate", "certificate_chain", "private_key"] as const) {
    const value = input.payload?.[field];
    if (typeof value !== "string" || !PEM.test(value)) return `payload.${field}: a PEM is required`;
  }
  if (input.expiration !== undefined && input.expiration !== null && Number.isNaN(Date.parse(String(input.expiration))))
    return "expiration: not a valid date-time";
  let mismatch: boolean;
  try {
    mismatch = !new X509Certificate(input.payload!.certificate!).checkPrivateKey(createPrivateKey(input.payload!.private_key!));
  } catch {
    // Not a certificate or key Node can read: the task fails, as a real upload of garbage would.
    mismatch = true;
  }
  return { name: input.name, expiration: (input.expiration as string | undefined) ?? null, mismatch };
}

export function toWire(secret: StoredSecret) {
  return {
    id: secret.id,
    name: secret.name,
    secret_type: "certificate",
    status: "ACTIVE",
    created: secret.created,
    expiration: secret.expiration,
    algorithm: null,
    bit_length: null,
    content_types: null,
    mode: null,
  };
}
