// The v2 create body of a certificate upload, checked before it is sent: PEM blocks, a representable expiry.
import { ValidationError } from "../../core/errors.js";
import { type FieldContext, requireString } from "../../core/validate.js";
import type { Request } from "./spec.js";
import type { GcoreCertificateUpload } from "./types.js";

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----[\s\S]+-----END ([A-Z]+ )?PRIVATE KEY-----/;

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
