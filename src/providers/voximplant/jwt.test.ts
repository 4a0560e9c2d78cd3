import { createPrivateKey, createPublicKey } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError } from "../../core/errors.js";
import { fakePem, testRsaKey } from "../../testing/observed-fetch.js";
import type { VoximplantCredentials } from "./credentials.js";
import { bearerAuthorization, createJwtSigner } from "./jwt.js";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, createPrivateKey: vi.fn(original.createPrivateKey) };
});

const key = testRsaKey();
const credentials: VoximplantCredentials = { accountId: 1234567, keyId: "a1b2c3d4-key", privateKey: key.privateKeyPem };
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

function signer(options: Partial<Parameters<typeof createJwtSigner>[0]> = {}) {
  let signatures = 0;
  const instance = createJwtSigner({ credentials: async () => credentials, onSign: () => (signatures += 1), ...options });
  return { instance, signatures: () => signatures };
}

describe("Voximplant JWT", () => {
  it("has the header and claims the API expects, verifiable with the public key", async () => {
    const jwt = await signer().instance.token();
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS256", typ: "JWT", kid: "a1b2c3d4-key" });
    const { payload } = await jwtVerify(jwt, createPublicKey(key.publicKeyPem), { currentDate: new Date(NOW) });
    const iat = NOW / 1000 - 5;
    expect(payload).toEqual({ iss: 1234567, iat, exp: iat + 600 });
    expect(typeof payload.iss).toBe("number");
  });

  it("is reused until 60 s before expiry, then replaced", async () => {
    const { instance, signatures } = signer();
    const first = await instance.token();
    vi.setSystemTime(NOW + 530_000);
    expect(await instance.token()).toBe(first);
    vi.setSystemTime(NOW + 536_000);
    const second = await instance.token();
    expect(second).not.toBe(first);
    expect(signatures()).toBe(2);
  });

  it("signs once for 1,000 concurrent calls", async () => {
    const { instance, signatures } = signer();
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => instance.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(signatures()).toBe(1);
  });

  it("signs once for 1,000 concurrent calls at expiry, and once more on a forced refresh", async () => {
    const { instance, signatures } = signer();
    await instance.token();
    vi.setSystemTime(NOW + 700_000);
    await Promise.all(Array.from({ length: 1000 }, () => instance.token()));
    expect(signatures()).toBe(2);
    const before = await instance.token();
    // A refresh asked while an ordinary signature is in flight waits for it, then signs a back-dated one.
    vi.setSystemTime(NOW + 1_300_000);
    const [ordinary, forced] = await Promise.all([instance.token(), instance.token({ refresh: true })]);
    expect(forced).not.toBe(ordinary);
    expect(signatures()).toBe(4);
    const [refreshed] = await Promise.all([instance.token({ refresh: true }), instance.token({ refresh: true }), instance.token()]);
    expect(signatures()).toBe(5);
    // A rejected token is replaced by a different one, back-dated a minute against clock skew.
    expect(refreshed).not.toBe(before);
    const { payload } = await jwtVerify(refreshed!, createPublicKey(key.publicKeyPem), { currentDate: new Date(NOW + 1_300_000) });
    expect(payload.iat).toBe((NOW + 1_300_000) / 1000 - 60);
  });

  it("imports the key once however many tokens it signs, and again only when the key changes", async () => {
    const imports = vi.mocked(createPrivateKey);
    imports.mockClear();
    let current = credentials;
    const { instance, signatures } = signer({ credentials: async () => current, lifetimeSeconds: 180 });
    for (let step = 0; step < 3; step += 1) {
      vi.setSystemTime(NOW + step * 200_000);
      await instance.token();
    }
    expect(signatures()).toBe(3);
    expect(imports).toHaveBeenCalledTimes(1);
    current = { ...credentials, privateKey: testRsaKey().privateKeyPem };
    await instance.token({ refresh: true });
    expect(imports).toHaveBeenCalledTimes(2);
  });

  it("rejects a lifetime over the API's 3600 s and a key that is not RSA ≥ 2048, without printing it", async () => {
    expect(() => createJwtSigner({ credentials: async () => credentials, lifetimeSeconds: 3600 })).toThrow(ConfigurationError);
    expect(() => createJwtSigner({ credentials: async () => credentials, lifetimeSeconds: Number.NaN })).toThrow(ConfigurationError);
    const small = testRsaKey(1024).privateKeyPem;
    const error = await createJwtSigner({ credentials: async () => ({ ...credentials, privateKey: small }) })
      .token()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    const garbled = fakePem("PRIVATE", "not-base64-SECRETMATERIAL");
    const unreadable = await createJwtSigner({ credentials: async () => ({ ...credentials, privateKey: garbled }) })
      .token()
      .catch((caught: unknown) => caught);
    expect(unreadable).toBeInstanceOf(ConfigurationError);
    expect(JSON.stringify(unreadable) + String(unreadable) + String((unreadable as Error).stack)).not.toContain("SECRETMATERIAL");
  });

  it("takes lifetimes from 121 to 3540 s (renewed 60 s early, back-dated up to 60 s), whole seconds only", async () => {
    const make = (lifetimeSeconds: number) => () => createJwtSigner({ credentials: async () => credentials, lifetimeSeconds });
    for (const fine of [121, 3540]) expect(make(fine), String(fine)).not.toThrow();
    for (const bad of [120, 3541, 600.5]) expect(make(bad), String(bad)).toThrow(ConfigurationError);
    const jwt = await createJwtSigner({ credentials: async () => credentials, lifetimeSeconds: 3540 }).token();
    const { payload } = await jwtVerify(jwt, createPublicKey(key.publicKeyPem), { currentDate: new Date(NOW) });
    expect(payload.exp! - payload.iat!).toBe(3540);
  });

  it("current() is the cached token until the renewal time, and nothing before the first signature", async () => {
    const { instance } = signer({ refreshBeforeSeconds: 30, skewSeconds: 0 });
    expect(instance.current()).toBeUndefined();
    const jwt = await instance.token();
    expect(instance.current()).toBe(jwt);
    // exp = NOW + 600 s; renewed from exp - 30 s on.
    vi.setSystemTime(NOW + 569_999);
    expect(instance.current()).toBe(jwt);
    vi.setSystemTime(NOW + 569_999);
    expect(await instance.token()).toBe(jwt);
    vi.setSystemTime(NOW + 570_000);
    expect(instance.current()).toBeUndefined();
    // token() agrees: from the renewal time on, a new token.
    expect(await instance.token()).not.toBe(jwt);
  });

  it("signs with a PKCS#1 RSA key; refuses an EC key, naming the rule", async () => {
    const pkcs1 = createPrivateKey(key.privateKeyPem).export({ type: "pkcs1", format: "pem" }).toString();
    const jwt = await createJwtSigner({ credentials: async () => ({ ...credentials, privateKey: pkcs1 }) }).token();
    await expect(jwtVerify(jwt, createPublicKey(key.publicKeyPem), { currentDate: new Date(NOW) })).resolves.toBeDefined();
    const { generateKeyPairSync } = await import("node:crypto");
    const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const error = await createJwtSigner({ credentials: async () => ({ ...credentials, privateKey: ec }) })
      .token()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
  });

  it("a failed signature is not cached: the next call signs again", async () => {
    let fail = true;
    const outage = new Error("vault unavailable");
    const { instance, signatures } = signer({
      credentials: async () => {
        if (fail) throw outage;
        return credentials;
      },
    });
    await expect(instance.token()).rejects.toBe(outage);
    fail = false;
    expect(await instance.token()).toMatch(/^ey/);
    expect(signatures()).toBe(1);
  });

  it("refuses an RSA-PSS key, which has a modulus but cannot sign RS256", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const pss = generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const error = await createJwtSigner({ credentials: async () => ({ ...credentials, privateKey: pss }) })
      .token()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
  });

  it("zeroes the DER copy of the key it imports", async () => {
    const actual = await vi.importActual<typeof import("node:crypto")>("node:crypto");
    const copies: Buffer[] = [];
    vi.mocked(createPrivateKey).mockImplementationOnce((input) => {
      const parsed = actual.createPrivateKey(input);
      const exportKey = parsed.export.bind(parsed);
      parsed.export = ((options: Parameters<typeof exportKey>[0]) => {
        const copy = exportKey(options);
        if (Buffer.isBuffer(copy)) copies.push(copy);
        return copy;
      }) as typeof parsed.export;
      return parsed;
    });
    await signer().instance.token();
    expect(copies).toHaveLength(1);
    expect(copies[0]!.length).toBeGreaterThan(1000);
    expect(copies[0]!.every((byte) => byte === 0)).toBe(true);
  });
});

describe("bearerAuthorization", () => {
  it("sets a token still valid at once (no promise), signs otherwise, and signs anew on a refresh", async () => {
    const authorize = bearerAuthorization(signer().instance);
    const first: Record<string, string> = {};
    await authorize(first, { refresh: false, operation: "GetSecrets" });
    expect(first.authorization).toMatch(/^Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/);
    const again: Record<string, string> = {};
    expect(authorize(again, { refresh: false, operation: "GetSecrets" })).toBeUndefined();
    expect(again.authorization).toBe(first.authorization);
    const refreshed: Record<string, string> = {};
    await authorize(refreshed, { refresh: true, operation: "GetSecrets" });
    expect(refreshed.authorization).toMatch(/^Bearer ey/);
    expect(refreshed.authorization).not.toBe(first.authorization);
  });
});
