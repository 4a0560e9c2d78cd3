// The official Voximplant Node SDK (@voximplant/apiclient-nodejs) as a test driver of the Voximplant emulator: all five
// secrets methods as it sends them (multipart form data to https://<host>/platform_api with cmd=<Method>, its own
// RS256 JWT signed for every request, iss = account id, exp = iat + 64), and what it makes of each answer.
// SDK source: https://github.com/voximplant/apiclient-nodejs/blob/master/src/index.ts (constructor, generateAuthHeader,
// makeRequest, Secrets) and src/TypeTransformer.ts (`from('[AddSecretResult]')` maps `result` with Array#map).
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVoximplantEmulator, testCertificate, type VoximplantEmulatorOptions } from "../../src/emulator/index.js";
import { emulatorPerTest } from "./fixture.js";

// A CommonJS package whose class is `exports.default`: required as Node loads it, whatever the test runner's interop.
const { default: VoximplantApiClient } = createRequire(import.meta.url)(
  "@voximplant/apiclient-nodejs",
) as typeof import("@voximplant/apiclient-nodejs");
type Sdk = InstanceType<typeof VoximplantApiClient>;
let certificate: Awaited<ReturnType<typeof testCertificate>>;
const savedCa = https.globalAgent.options.ca;
const savedCredentials = process.env.VOXIMPLANT_CREDENTIALS;
beforeAll(async () => {
  // The SDK only speaks https://<host>/platform_api through axios and Node's global agent: trust the test CA there.
  certificate = await testCertificate({ hostname: "localhost" });
  https.globalAgent.options.ca = certificate.certificateChain;
  // The SDK prefers VOXIMPLANT_CREDENTIALS over the path it is given.
  delete process.env.VOXIMPLANT_CREDENTIALS;
});
afterAll(() => {
  https.globalAgent.options.ca = savedCa;
  if (savedCredentials !== undefined) process.env.VOXIMPLANT_CREDENTIALS = savedCredentials;
});

const emulate = emulatorPerTest(startVoximplantEmulator);
async function start(options: VoximplantEmulatorOptions = {}) {
  const emulator = await emulate({ tls: { privateKey: certificate.privateKey, certificate: certificate.certificate }, ...options });
  // It reads the credentials file in its constructor and calls onReady when done.
  const sdk = await new Promise<Sdk>((resolve) => {
    const client = new VoximplantApiClient({ pathToCredentials: emulator.env.VOXIMPLANT_CREDENTIALS!, host: new URL(emulator.url).host });
    client.onReady = resolve;
  });
  return { emulator, sdk };
}

const claims = (authorization: string | undefined) =>
  JSON.parse(Buffer.from(authorization!.split(".")[1]!, "base64url").toString("utf8")) as { iss: number; iat: number; exp: number };

describe("the official @voximplant/apiclient-nodejs client against the Voximplant emulator", () => {
  it("voximplant.command-form: runs AddSecret, GetSecrets, GetSecretValue, SetSecretInfo and DelSecret as it sends them", async () => {
    const { emulator, sdk } = await start({ resultShape: "array" });
    const added = await sdk.Secrets.addSecret({
      applicationId: 1,
      secretName: "sdkSecret",
      secretValue: "first",
      description: "from the SDK",
    });
    expect(added).toEqual({ result: [{ secretId: expect.any(Number) }] });
    const id = added.result[0]!.secretId;

    const listed = await sdk.Secrets.getSecrets({ applicationId: 1, secretNamePart: "sdk" });
    expect(listed).toMatchObject({
      result: [{ secretId: id, secretName: "sdkSecret", description: "from the SDK" }],
      count: 1,
      totalCount: 1,
    });
    expect(String(listed.result[0]!.created)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const read = await sdk.Secrets.getSecretValue({ applicationName: "demo", secretName: "sdkSecret" });
    expect(read).toMatchObject({ result: [{ secretId: id, secretName: "sdkSecret", secretValue: "first" }] });

    expect(await sdk.Secrets.setSecretInfo({ applicationId: 1, secretId: id, newSecretName: "sdkRenamed", secretValue: "second" })).toEqual(
      {
        result: 1,
      },
    );
    expect(await sdk.Secrets.getSecretValue({ applicationId: 1, secretName: "sdkRenamed" })).toMatchObject({
      result: [{ secretValue: "second" }],
    });

    // Its types demand secretId and secretName both, where the API takes either: ids as an array, joined with `;` by the SDK.
    const dbPassword = (await sdk.Secrets.getSecrets({ applicationId: 1, secretNamePart: "dbPassword" })).result[0]!.secretId;
    const byIds = { applicationId: 1, secretId: [id, dbPassword] } as Parameters<Sdk["Secrets"]["delSecret"]>[0];
    expect(await sdk.Secrets.delSecret(byIds)).toEqual({ result: 1 });
    // The SDK resolves an error as a value: the emulator's 200 {error} body reaches it as it is.
    expect(await sdk.Secrets.getSecretValue({ applicationId: 1, secretName: "sdkRenamed" })).toEqual({
      error: { code: 496, msg: "The 'secret_name' parameter is invalid." },
    });

    // Every call: multipart to /platform_api, the method in cmd, a fresh JWT of the SDK's own shape.
    expect(emulator.requests.map((arrival) => arrival.operation)).toEqual([
      "AddSecret",
      "GetSecrets",
      "GetSecretValue",
      "SetSecretInfo",
      "GetSecretValue",
      "GetSecrets",
      "DelSecret",
      "GetSecretValue",
    ]);
    for (const arrival of emulator.requests) {
      expect([arrival.method, arrival.path, arrival.headers["content-type"]]).toEqual([
        "POST",
        "/platform_api",
        expect.stringMatching(/^multipart\/form-data; boundary=/),
      ]);
      const token = claims(arrival.headers.authorization);
      expect([token.iss, token.exp - token.iat]).toEqual([1, 64]);
    }
  });

  it("voximplant.result-shape: with the documented object result the SDK cannot read AddSecret or GetSecretValue", async () => {
    const { emulator, sdk } = await start();
    // Its transformer calls result.map(): an object makes the call reject, though the secret was added.
    await expect(sdk.Secrets.addSecret({ applicationId: 1, secretName: "objectShape", secretValue: "v" })).rejects.toThrow(TypeError);
    await expect(sdk.Secrets.getSecretValue({ applicationId: 1, secretName: "objectShape" })).rejects.toThrow(TypeError);
    expect(emulator.requests.map((arrival) => arrival.status)).toEqual([200, 200]);
    expect(await sdk.Secrets.getSecrets({ applicationId: 1, secretNamePart: "objectShape" })).toMatchObject({ totalCount: 1 });
  });

  it("voximplant.jwt-codes: the SDK's token signed by a key the account does not have is answered code 100", async () => {
    const { emulator } = await start();
    const dir = mkdtempSync(path.join(tmpdir(), "sdk-credentials-"));
    const stranger = path.join(dir, "credentials.json");
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
    writeFileSync(stranger, JSON.stringify({ account_id: 1, key_id: "emulator-key", private_key: privateKey }), { mode: 0o600 });
    try {
      const sdk = await new Promise<Sdk>((resolve) => {
        const client = new VoximplantApiClient({ pathToCredentials: stranger, host: new URL(emulator.url).host });
        client.onReady = resolve;
      });
      expect(await sdk.Secrets.getSecrets({ applicationId: 1 })).toEqual({ error: { code: 100, msg: "Authorization failed" } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
