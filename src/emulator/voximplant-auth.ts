// The Voximplant emulator's service account: an RS256 key pair made at start (or a public key it is given to
// trust), and the JWT check with the documented codes: 100 missing or unreadable, 433 unknown key id, 447
// malformed, 454 lifetime over an hour, 455 issued in the future, 456 expired.
import { createPublicKey, generateKeyPairSync, type KeyObject, verify } from "node:crypto";

export interface ServiceAccount {
  accountId: number;
  keyId: string;
  /** PEM; present when the emulator made the key (it writes it to the credentials file it offers). */
  privateKey?: string;
  publicKey: KeyObject;
}

export function createServiceAccount(given?: { accountId?: number; keyId?: string; publicKey?: string }): ServiceAccount {
  const accountId = given?.accountId ?? 1;
  const keyId = given?.keyId ?? "emulator-key";
  if (given?.publicKey) return { accountId, keyId, publicKey: createPublicKey(given.publicKey) };
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { accountId, keyId, publicKey, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

/** Seconds a token's `iat` may lie ahead of the emulator's clock before 455 (UNVERIFIED: the real tolerance is unknown). */
const FUTURE_TOLERANCE_SECONDS = 30;

const decode = (part: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The error code and message for a request's Authorization header, or undefined when the token is good. */
export function checkToken(
  authorization: string | undefined,
  account: ServiceAccount,
  now: number,
  futureToleranceSeconds = FUTURE_TOLERANCE_SECONDS,
): { code: number; msg: string } | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
  if (!token) return { code: 100, msg: "Authorization failed" };
  const parts = token.split(".");
  const header = parts.length === 3 ? decode(parts[0]!) : undefined;
  const claims = parts.length === 3 ? decode(parts[1]!) : undefined;
  if (!header || !claims || header.alg !== "RS256") return { code: 447, msg: "Invalid token format" };
  if (header.kid !== account.keyId) return { code: 433, msg: "Invalid key id" };
  const signed = verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), account.publicKey, Buffer.from(parts[2]!, "base64url"));
  if (!signed || Number(claims.iss) !== account.accountId) return { code: 100, msg: "Authorization failed" };
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!Number.isFinite(iat) || !Number.isFinite(exp)) return { code: 447, msg: "Invalid token format" };
  if (exp - iat > 3600) return { code: 454, msg: "Token lifetime is too long" };
  const seconds = Math.floor(now / 1000);
  if (iat > seconds + futureToleranceSeconds) return { code: 455, msg: "Token issued in the future" };
  if (exp <= seconds) return { code: 456, msg: "Token expired" };
  return undefined;
}
