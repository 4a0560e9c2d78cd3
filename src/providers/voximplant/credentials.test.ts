// credentials.ts: reading credentials.json, and credentials hygiene: the key is held as a non-extractable CryptoKey and
// the PEM is not kept; a credentials file that changes on disk is used by the next signature; a file others can read is
// warned about once; nothing that inspects the credentials or the client shows the key.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, afterEach, vi } from "vitest";
import { ConfigurationError } from "../../core/errors.js";
import { testRsaKey, json, makeRsaKey, observedFetch } from "../../testing/observed-fetch.js";
import { parseVoximplantCredentials, readVoximplantCredentialsFile } from "./credentials.js";
import { createPublicKey } from "node:crypto";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { getHeapSnapshot, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { compactVerify } from "jose";
import { createVoximplantClient } from "./client.js";

const { privateKeyPem } = testRsaKey();

const flat = { account_email: "svc@example.test", account_id: 42, key_id: "kid-42", private_key: privateKeyPem };

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "typed-secrets-credentials-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const EXPECTED_FIELDS = " with account_id, key_id and private_key";

const secret = { secret_id: 10, secret_name: "apiKey", secret_value: "v" };

const hygieneDir = mkdtempSync(path.join(tmpdir(), "typed-secrets-credentials-"));

let files = 0;

/**
 * Writes a credentials file for a new key; answers its path, public key, and 40 characters of the PEM's body as a
 * Buffer (off the V8 heap: a string, even a slice, would keep the PEM in the heap the test searches).
 */
function credentialsFile(mode = 0o600, file = path.join(hygieneDir, `credentials-${(files += 1)}.json`)) {
  // A pair no other code holds (not a prepared one, kept in the environment): the heap search must find no other copy.
  const { privateKeyPem, publicKeyPem } = makeRsaKey(2048);
  writeFileSync(file, JSON.stringify({ account_id: 1, key_id: "k", private_key: privateKeyPem }), { mode });
  chmodSync(file, mode);
  return { file, publicKey: createPublicKey(publicKeyPem), marker: Buffer.from(privateKeyPem.split("\n")[3]!.slice(0, 40)) };
}

const tokenOf = (request: Request) => request.headers.get("authorization")!.slice("Bearer ".length);

const client = (file: string, fetch: ReturnType<typeof observedFetch>) =>
  createVoximplantClient({ baseUrl: "https://vox.test/platform_api", credentialsFile: file, application: { id: 1 }, fetch, env: {} });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Voximplant credentials.json", () => {
  it("accepts the flat control-panel file and the {result} CreateKey shape", () => {
    const expected = { accountId: 42, keyId: "kid-42", accountEmail: "svc@example.test" };
    for (const parsed of [parseVoximplantCredentials(flat, "x"), parseVoximplantCredentials({ result: flat }, "x")]) {
      expect(parsed).toEqual(expected);
      expect(parsed.privateKey).toBe(privateKeyPem);
      // The key is there to use, not to show.
      expect(`${JSON.stringify(parsed)} ${inspect(parsed)}`).not.toContain("PRIVATE KEY");
    }
    expect(parseVoximplantCredentials({ ...flat, account_id: "42" }, "x").accountId).toBe(42);
    expect(parseVoximplantCredentials({ ...flat, account_id: 1 }, "x").accountId).toBe(1);
    // A PKCS#1 key is taken as well; an account email that is not a string is left out.
    const pkcs1 = privateKeyPem.replaceAll("PRIVATE KEY", "RSA PRIVATE KEY");
    expect(parseVoximplantCredentials({ ...flat, private_key: pkcs1, account_email: 7 }, "x")).toEqual({
      accountId: 42,
      keyId: "kid-42",
      accountEmail: undefined,
    });
    expect(inspect(parseVoximplantCredentials(flat, "x"), { showHidden: true })).toBe(
      'VoximplantCredentials { accountId: 42, keyId: "kid-42" }',
    );
  });

  it.each([
    [{ ...flat, account_id: -1 }, "account_id must be a positive integer"],
    [{ ...flat, key_id: "" }, "key_id must be a non-empty string"],
    [{ ...flat, private_key: "SECRETVALUE" }, "private_key must be a PEM private key"],
    [[flat], "expected a JSON object"],
    [null, "expected a JSON object"],
    ["text", "expected a JSON object"],
    [{ result: null }, "expected a JSON object"],
    [{ ...flat, account_id: 0 }, "account_id must be a positive integer"],
    [{ ...flat, account_id: 1.5 }, "account_id must be a positive integer"],
    [{ ...flat, account_id: "12a" }, "account_id must be a positive integer"],
    [{ ...flat, account_id: "a12" }, "account_id must be a positive integer"],
    [{ ...flat, account_id: "" }, "account_id must be a positive integer"],
    [{ ...flat, account_id: "9007199254740993" }, "account_id must be a positive integer"],
    // Digits only: Number() would read each of these as a positive integer.
    [{ ...flat, account_id: "1e3" }, "account_id must be a positive integer"],
    [{ ...flat, account_id: "+12" }, "account_id must be a positive integer"],
    [{ ...flat, account_id: "12 " }, "account_id must be a positive integer"],
    [{ ...flat, account_id: "0x11" }, "account_id must be a positive integer"],
    // An array whose one string is a key: a regular expression would read it as that string.
    [{ ...flat, private_key: [privateKeyPem] }, "private_key must be a PEM private key"],
    [{ ...flat, key_id: 5 }, "key_id must be a non-empty string"],
    [{ ...flat, private_key: 5 }, "private_key must be a PEM private key"],
  ])("rejects %#: names the field, never the key", (value, message) => {
    const error = (() => {
      try {
        parseVoximplantCredentials(value, "creds.json");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({
      provider: "voximplant",
      message: `voximplant: credentials (creds.json): ${message}${message.startsWith("expected") ? EXPECTED_FIELDS : ""}`,
    });
    const everything = `${String(error)} ${JSON.stringify(error)} ${inspect(error)}`;
    expect(everything).not.toContain("SECRETVALUE");
    expect(everything).not.toContain(privateKeyPem.slice(40, 80));
  });

  it("reads a file; a missing or malformed file is a clear error without its content", async () => {
    const good = path.join(dir, "good.json");
    await writeFile(good, JSON.stringify({ result: flat }));
    expect((await readVoximplantCredentialsFile(good)).keyId).toBe("kid-42");
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, `{"private_key": "${privateKeyPem.slice(0, 60)}`);
    await expect(readVoximplantCredentialsFile(bad)).rejects.toMatchObject({ code: "ERR_CONFIGURATION", provider: "voximplant" });
    const missing = readVoximplantCredentialsFile(path.join(dir, "missing.json"));
    await expect(missing).rejects.toMatchObject({ code: "ERR_CONFIGURATION", provider: "voximplant" });
  });
});

describe("credentials hygiene", () => {
  it("a credentials file rotated on disk is used by the next signature, without a restart", async () => {
    const first = credentialsFile();
    const fetch = observedFetch(json({ result: secret }), json({ error: { code: 456, msg: "Token expired" } }), json({ result: secret }));
    const voximplant = client(first.file, fetch);
    await voximplant.getSecret({ id: 10 });
    await compactVerify(tokenOf(fetch.requests[0]!), first.publicKey);
    const second = credentialsFile(0o600, first.file);
    // The cached token is rejected (456): the new signature reads the file again and signs with the new key.
    await voximplant.getSecret({ id: 10 });
    expect(fetch.requests).toHaveLength(3);
    await compactVerify(tokenOf(fetch.requests[2]!), second.publicKey);
    await expect(compactVerify(tokenOf(fetch.requests[2]!), first.publicKey)).rejects.toThrow();
  });

  it("holds the key as a non-extractable CryptoKey that can only sign", async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, "importKey");
    const { file } = credentialsFile();
    await client(file, observedFetch(json({ result: secret }))).getSecret({ id: 10 });
    expect(importKey).toHaveBeenCalledTimes(1);
    // Imported from PKCS#8 by the client itself (not a KeyObject handed to jose, which can be exported again).
    expect(importKey.mock.calls[0]![0]).toBe("pkcs8");
    expect(importKey.mock.calls[0]!.slice(2)).toEqual([{ name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]]);
    const key = await importKey.mock.results[0]!.value;
    expect(key).toMatchObject({ extractable: false, type: "private", usages: ["sign"] });
  });

  it("keeps no copy of the PEM once the key is imported (searched in a heap snapshot)", { timeout: 60_000 }, async () => {
    const { file, marker } = credentialsFile();
    const fetch = observedFetch(json({ result: secret }));
    const voximplant = client(file, fetch);
    await voximplant.getSecret({ id: 10 });
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    let found = false;
    let tail = Buffer.alloc(0);
    for await (const chunk of getHeapSnapshot()) {
      const bytes = Buffer.concat([tail, Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))]);
      if (bytes.includes(marker)) found = true;
      tail = bytes.subarray(-marker.length);
    }
    expect(found).toBe(false);
    expect(voximplant).toBeDefined();
  });

  it("warns once when the file is readable by group or others, as ssh does; a private file gets no warning", async () => {
    const warnings = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const open = credentialsFile(0o644);
    const fetch = observedFetch(json({ result: secret }), json({ error: { code: 456, msg: "Token expired" } }), json({ result: secret }));
    const voximplant = client(open.file, fetch);
    await voximplant.getSecret({ id: 10 });
    await voximplant.getSecret({ id: 10 });
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(warnings.mock.calls[0]).toEqual([
      `Voximplant credentials file ${open.file} is readable by group or others (mode 644); it holds a private key: chmod 600 ${open.file}`,
      { code: "TYPED_SECRETS_UNPROTECTED_CREDENTIALS" },
    ]);
    await client(credentialsFile(0o600).file, observedFetch(json({ result: secret }))).getSecret({ id: 10 });
    expect(warnings).toHaveBeenCalledTimes(1);
  });

  it("inspect (showHidden included), JSON and String of the credentials and the client show no key", async () => {
    const { privateKeyPem } = testRsaKey();
    const credentials = parseVoximplantCredentials({ account_id: 1, key_id: "k", private_key: privateKeyPem }, "test");
    expect(credentials.privateKey).toBe(privateKeyPem);
    const { file } = credentialsFile();
    const voximplant = client(file, observedFetch(json({ result: secret })));
    await voximplant.getSecret({ id: 10 });
    for (const each of [credentials, voximplant]) {
      const shown = [inspect(each, { showHidden: true, depth: Number.POSITIVE_INFINITY }), JSON.stringify(each), String(each)].join("\n");
      expect(shown).not.toContain("PRIVATE KEY");
      expect(shown).not.toContain(privateKeyPem.split("\n")[2]);
    }
  });
});
