// The v2 create body of a certificate upload, checked before it is sent: PEM blocks, a representable expiry.
import { ValidationError } from "../../core/errors.js";
import { type FieldContext, requireString } from "../../core/validate.js";
import type { Request } from "./spec.js";
import type { GcoreCertificateUpload } from "./types.js";

/**
 * Holds a PEM block whose label `accepts`: a BEGIN line, then a matching END line. Linear in the text's length: a
 * pattern like /BEGIN[\s\S]+END/ backtracks over the rest of the text at every BEGIN, and a file of a million BEGINs
 * (from `--cert`, say) would take hours.
 */
function hasPemBlock(text: string, accepts: (label: string) => boolean): boolean {
  for (let at = text.indexOf("-----BEGIN "); at !== -1; at = text.indexOf("-----BEGIN ", at + 1)) {
    const start = at + "-----BEGIN ".length;
    const close = text.indexOf("-----", start);
    if (close === -1) return false;
    const label = text.slice(start, close);
    if (close - start <= 40 && accepts(label)) return text.indexOf(`-----END ${label}-----`, close + 5) !== -1;
  }
  return false;
}

const PEM_CERTIFICATE = { test: (text: string) => hasPemBlock(text, (label) => label === "CERTIFICATE") };
const PEM_KEY = { test: (text: string) => hasPemBlock(text, (label) => /^([A-Z]+ )?PRIVATE KEY$/.test(label)) };

type UploadBody = NonNullable<Request<"uploadCertificate">["json"]>;

export function uploadBody(input: GcoreCertificateUpload, context: FieldContext): UploadBody & { name: string } {
  return {
    name: requireString(input?.name, "name", context),
    payload: {
      certificate: requireString(input.certificate, "certificate", context, { pattern: PEM_CERTIFICATE, rule: "a PEM certificate" }),
      private_key: requireString(input.privateKey, "privateKey", context, { pattern: PEM_KEY, rule: "a PEM private key" }),
      certificate_chain: requireString(input.certificateChain, "certificateChain", context, {
        pattern: PEM_CERTIFICATE,
        rule: "PEM certificates",
      }),
    },
    expiration: input.expiresAt === undefined ? undefined : validDate(input.expiresAt, context),
  };
}

/** An RFC 3339 date-time: years 0000-9999 only (toISOString writes others as "+010000-…"). */
function validDate(value: unknown, context: FieldContext): string {
  const year = value instanceof Date ? value.getUTCFullYear() : Number.NaN;
  if (!(value instanceof Date) || !(year >= 0 && year <= 9999))
    throw new ValidationError("expiresAt must be a valid Date between the years 0 and 9999", { ...context, field: "expiresAt" });
  return value.toISOString();
}
