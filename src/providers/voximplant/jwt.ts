// Voximplant service-account JWTs: RS256 signed with jose, reused until shortly before expiry, one
// signature in flight at a time however many calls wait for it.
import type { KeyObject, webcrypto } from "node:crypto";
import type { Authorize } from "../../core/attempt-failures.js";
import { ConfigurationError } from "../../core/errors.js";
import type { VoximplantCredentials } from "./credentials.js";

export interface JwtSignerOptions {
  credentials: () => Promise<VoximplantCredentials>;
  /** Token lifetime in seconds (the API allows at most 3600). Default 600. */
  lifetimeSeconds?: number;
  /** A token is replaced this many seconds before it expires. Default 60. */
  refreshBeforeSeconds?: number;
  /** `iat` is back-dated this many seconds against clock skew. Default 5 (like the Python SDK). */
  skewSeconds?: number;
  /** Called after each signature (instrumentation, tests). */
  onSign?: () => void;
}

export interface JwtSigner {
  /** A valid token; `refresh` forces a new one (after the API rejected the last). */
  token(options?: { refresh?: boolean }): Promise<string>;
  /** The cached token while it is valid, without waiting; undefined when one must be signed. */
  current(): string | undefined;
}

interface CachedToken {
  jwt: string;
  /** Milliseconds since the epoch after which the token is replaced. */
  renewAt: number;
}

/**
 * jose and node:crypto are loaded at the first signature, not at import: creating a client stays as cheap as
 * importing openapi-fetch alone (measured by npm run bench).
 */
const signing = () =>
  Promise.all([import("jose/jwt/sign"), import("node:crypto")]).then(([jose, crypto]) => ({ SignJWT: jose.SignJWT, crypto }));
let loaded: ReturnType<typeof signing> | undefined;

/** A key held for signing only: its fingerprint tells a rotated key from the same one; the PEM is not kept. */
interface HeldKey {
  fingerprint: string;
  key: webcrypto.CryptoKey;
}

/**
 * Imports the PEM (PKCS#8 or PKCS#1) as a non-extractable WebCrypto key usable only to sign RS256: nothing in the
 * process can read the key back out of it. The intermediate DER copy is zeroed.
 */
async function importKey(privateKey: string, fingerprint: string, crypto: typeof import("node:crypto")): Promise<HeldKey> {
  const invalid = (detail: string) => new ConfigurationError(`Voximplant credentials: private_key ${detail}`, { provider: "voximplant" });
  let parsed: KeyObject;
  try {
    parsed = crypto.createPrivateKey(privateKey);
  } catch {
    throw invalid("is not a readable PEM private key");
  }
  if (parsed.asymmetricKeyType !== "rsa" || (parsed.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
    throw invalid("must be an RSA key of at least 2048 bits");
  const der = parsed.export({ type: "pkcs8", format: "der" });
  try {
    const key = await globalThis.crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
    return { fingerprint, key };
  } finally {
    der.fill(0);
  }
}

const REFRESH_BACKDATE_SECONDS = 60;

export function createJwtSigner(options: JwtSignerOptions): JwtSigner {
  const lifetime = options.lifetimeSeconds ?? 600;
  const refreshBefore = options.refreshBeforeSeconds ?? 60;
  const skew = options.skewSeconds ?? 5;
  if (!Number.isInteger(lifetime) || lifetime <= refreshBefore + REFRESH_BACKDATE_SECONDS || lifetime + REFRESH_BACKDATE_SECONDS > 3600) {
    throw new ConfigurationError(
      `option jwtLifetimeSeconds must be an integer from ${refreshBefore + REFRESH_BACKDATE_SECONDS + 1} to ` +
        `${3600 - REFRESH_BACKDATE_SECONDS}`,
      { provider: "voximplant" },
    );
  }
  let held: HeldKey | undefined;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  async function sign(backdateSeconds: number): Promise<CachedToken> {
    // Asked again for every signature: a credentials file that changed on disk is read anew (rotation without a
    // restart); the key is imported again only when its fingerprint changed.
    const credentials = await options.credentials();
    loaded ??= signing();
    const { SignJWT, crypto } = await loaded;
    const fingerprint = crypto.createHash("sha256").update(credentials.privateKey).digest("hex");
    if (held?.fingerprint !== fingerprint) held = await importKey(credentials.privateKey, fingerprint, crypto);
    const now = Math.floor(Date.now() / 1000);
    const iat = now - backdateSeconds;
    const exp = iat + lifetime;
    // `iss` is the numeric account id, as the official SDKs send it (jose's setIssuer would make it a string).
    const claims: Record<string, unknown> = { iss: credentials.accountId, iat, exp };
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: credentials.keyId }).sign(held.key);
    options.onSign?.();
    return { jwt, renewAt: (exp - refreshBefore) * 1000 };
  }

  let pendingIsRefresh = false;
  return {
    current: () => (cached && Date.now() < cached.renewAt ? cached.jwt : undefined),
    async token({ refresh = false } = {}) {
      if (!refresh && cached && Date.now() < cached.renewAt) return cached.jwt;
      if (refresh) {
        cached = undefined;
        // A refresh must not take the ordinary token being signed right now: wait for it, then sign anew.
        if (pending && !pendingIsRefresh) await pending.catch(() => undefined);
      }
      if (!pending) {
        pendingIsRefresh = refresh;
        // After a rejection (455 issued in the future, 456 expired) the clocks disagree: back-date further.
        pending = sign(refresh ? REFRESH_BACKDATE_SECONDS : skew).finally(() => {
          pending = undefined;
        });
      }
      cached = await pending;
      return cached.jwt;
    },
  };
}

/** Sets `Authorization: Bearer <jwt>`: a token still valid at once, else a new one (one signature in flight for every caller). */
export function bearerAuthorization(signer: JwtSigner): Authorize {
  return (headers, { refresh }) => {
    const current = refresh ? undefined : signer.current();
    if (current !== undefined) {
      headers.authorization = `Bearer ${current}`;
      return undefined;
    }
    return signer.token({ refresh }).then((jwt) => {
      headers.authorization = `Bearer ${jwt}`;
    });
  };
}
