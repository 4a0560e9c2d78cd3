import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../core/errors.js";
import { testRsaKey } from "../../testing/observed-fetch.js";
import { parseVoximplantCredentials, readVoximplantCredentialsFile } from "./credentials.js";

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
      message: `voximplant: Voximplant credentials (creds.json): ${message}${message.startsWith("expected") ? EXPECTED_FIELDS : ""}`,
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
    await expect(readVoximplantCredentialsFile(bad)).rejects.toThrow(`Voximplant credentials (${bad}): the file is not valid JSON`);
    await expect(readVoximplantCredentialsFile(path.join(dir, "missing.json"))).rejects.toThrow(/cannot read the file \(ENOENT\)/);
  });
});
