// The Voximplant emulator request by request: the docs' `/platform_api/<Method>` form, the official SDKs' `cmd=` form
// (multipart and urlencoded), the token checks, and the options that pick between unverified candidates.
import { createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { describe, expect, it } from "vitest";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { testCertificate } from "./test-certificate.js";
import { startVoximplantEmulator, type VoximplantEmulator, type VoximplantEmulatorOptions } from "./voximplant.js";

const emulate = emulatorPerTest(startVoximplantEmulator);

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** A token as the official SDKs sign one, with claims and header overridable. */
function token(emulator: VoximplantEmulator, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  const credentials = JSON.parse(readFileSync(emulator.env.VOXIMPLANT_CREDENTIALS!, "utf8")) as Record<string, string>;
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: "RS256", typ: "JWT", kid: credentials.key_id, ...header });
  const signed = `${head}.${b64({ iss: credentials.account_id, iat: now, exp: now + 64, ...claims })}`;
  return `${signed}.${createSign("RSA-SHA256").update(signed).sign(credentials.private_key!, "base64url")}`;
}

async function start(options: VoximplantEmulatorOptions = {}) {
  const emulator = await emulate(options);
  const post = async (path: string, body: FormData | URLSearchParams, authorization = `Bearer ${token(emulator)}`) => {
    const response = await fetch(`${emulator.url}${path}`, { method: "POST", body, headers: { authorization } });
    return {
      status: response.status,
      body: (response.headers.get("content-type")?.includes("json") ? await response.json() : await response.text()) as unknown,
    };
  };
  return { emulator, post };
}
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

describe("Voximplant emulator: request forms", () => {
  it("voximplant.command-form: POST /platform_api with cmd=<Method>, multipart (Node SDK) or urlencoded (Python SDK)", async () => {
    const { emulator, post } = await start();
    const added = await post("/platform_api", form({ cmd: "AddSecret", application_id: "1", secret_name: "fromSdk", secret_value: "v1" }));
    expect(added).toEqual({ status: 200, body: { result: { secret_id: expect.any(Number) } } });
    const listed = await post(
      "/platform_api",
      new URLSearchParams({ cmd: "GetSecrets", application_id: "1", secret_name_part: "fromSdk" }),
    );
    expect(listed.body).toMatchObject({ result: [{ secret_name: "fromSdk" }], count: 1, total_count: 1 });
    expect(emulator.requests.map((arrival) => [arrival.path, arrival.operation])).toEqual([
      ["/platform_api", "AddSecret"],
      ["/platform_api", "GetSecrets"],
    ]);
    // Faults name the method, whichever form carried it.
    emulator.faults.inject("GetSecretValue", { kind: "rate-limit" });
    const limited = await post("/platform_api", form({ cmd: "GetSecretValue", application_id: "1", secret_name: "fromSdk" }));
    expect(limited.body).toEqual({ error: { code: 340, msg: "Too many requests" } });
    expect((await post("/platform_api", form({ cmd: "NoSuchMethod", application_id: "1" }))).status).toBe(404);
  });

  it("voximplant.method-path: POST /platform_api/<Method> with the parameters in the query, a urlencoded or a multipart body", async () => {
    const { post } = await start();
    const expected = { result: expect.objectContaining({ secret_name: "dbPassword", secret_value: "demo-db-password" }) };
    expect((await post("/platform_api/GetSecretValue?application_id=1&secret_name=dbPassword", new URLSearchParams())).body).toEqual(
      expected,
    );
    expect(
      (await post("/platform_api/GetSecretValue", new URLSearchParams({ application_id: "1", secret_name: "dbPassword" }))).body,
    ).toEqual(expected);
    expect((await post("/platform_api/GetSecretValue", form({ application_name: "demo", secret_name: "dbPassword" }))).body).toEqual(
      expected,
    );
  });

  it("voximplant.trailing-slash: ignored by default; 404 with trailingSlash: not-found", async () => {
    const lenient = await start();
    const fields = { cmd: "GetSecrets", application_id: "1" };
    expect((await lenient.post("/platform_api/", form(fields))).body).toMatchObject({ total_count: 2 });
    expect((await lenient.post("/platform_api/GetSecrets/", form({ application_id: "1" }))).body).toMatchObject({ total_count: 2 });
    const strict = await start({ trailingSlash: "not-found" });
    expect((await strict.post("/platform_api/", form(fields))).status).toBe(404);
    expect((await strict.post("/platform_api", form(fields))).status).toBe(200);
  });
});

describe("Voximplant emulator: answers", () => {
  it("voximplant.errors-in-200 and voximplant.application: no application is 101, an unknown one 116 (or errorCodes)", async () => {
    const { post } = await start();
    expect(await post("/platform_api/GetSecrets", form({}))).toEqual({
      status: 200,
      body: { error: { code: 101, msg: "Parameter application_id or application_name is required" } },
    });
    expect((await post("/platform_api/GetSecrets", form({ application_id: "9" }))).body).toMatchObject({ error: { code: 116 } });
    const other = await start({ errorCodes: { unknownApplication: 107 } });
    expect((await other.post("/platform_api/GetSecrets", form({ application_id: "9" }))).body).toMatchObject({ error: { code: 107 } });
  });

  it("voximplant.name-taken and voximplant.add-rules: a taken name is 493 (or errorCodes); names and values as documented", async () => {
    const { post } = await start({ errorCodes: { nameTaken: 424 } });
    const add = (fields: Record<string, string>) => post("/platform_api/AddSecret", form({ application_id: "1", ...fields }));
    expect((await add({ secret_name: "dbPassword", secret_value: "x" })).body).toMatchObject({ error: { code: 424 } });
    expect((await add({ secret_name: "1bad", secret_value: "x" })).body).toMatchObject({ error: { code: 485 } });
    expect((await add({ secret_name: "long", secret_value: "é".repeat(8193) })).body).toMatchObject({ error: { code: 485 } });
    expect((await add({ secret_name: "fits", secret_value: "é".repeat(8192), description: "d".repeat(250) })).status).toBe(200);
    const read = await post("/platform_api/GetSecretValue", form({ application_id: "1", secret_name: "fits" }));
    expect((read.body as { result: { description: string } }).result.description).toHaveLength(200);
  });

  it("voximplant.result-shape: AddSecret and GetSecretValue answer the documented object, or the array the Node SDK maps", async () => {
    const { post } = await start({ resultShape: "array" });
    expect((await post("/platform_api/AddSecret", form({ application_id: "1", secret_name: "s", secret_value: "v" }))).body).toEqual({
      result: [{ secret_id: expect.any(Number) }],
    });
    expect((await post("/platform_api/GetSecretValue", form({ application_id: "1", secret_name: "s" }))).body).toMatchObject({
      result: [{ secret_name: "s", secret_value: "v" }],
    });
  });

  it("voximplant.timestamps: created and modified are YYYY-MM-DD HH:MM:SS in UTC", async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const { emulator, post } = await start({ now: () => at });
    const signed = `Bearer ${token(emulator, { iat: at / 1000, exp: at / 1000 + 64 })}`;
    const listed = await post("/platform_api/GetSecrets", form({ application_id: "1" }), signed);
    expect((listed.body as { result: Array<{ created: string; modified: string }> }).result[0]).toMatchObject({
      created: "2026-01-02 03:04:05",
      modified: "2026-01-02 03:04:05",
    });
  });
});

describe("Voximplant emulator: the five methods", () => {
  const secrets = Array.from({ length: 30 }, (_, index) => ({ name: `s${String(index).padStart(2, "0")}`, value: `v${index}` }));
  const seed = { applications: [{ id: 1, name: "demo", secrets: [...secrets, { name: "other", value: "o" }] }] };
  const call = (post: Awaited<ReturnType<typeof start>>["post"], method: string, fields: Record<string, string>) =>
    post(`/platform_api/${method}`, form({ application_id: "1", ...fields })).then((answer) => answer.body as Record<string, unknown>);

  it("voximplant.list and voximplant.page-size: substring filter, count/offset pages, count 20 by default and 1000 at most", async () => {
    const { post } = await start({ seed });
    const names = (body: Record<string, unknown>) => (body.result as Array<{ secret_name: string }>).map((secret) => secret.secret_name);
    const first = await call(post, "GetSecrets", { secret_name_part: "s" });
    expect([names(first).length, first.count, first.total_count]).toEqual([20, 20, 30]);
    const last = await call(post, "GetSecrets", { secret_name_part: "s", count: "20", offset: "20" });
    expect([names(last), last.count, last.total_count]).toEqual([secrets.slice(20).map((secret) => secret.name), 10, 30]);
    expect((await call(post, "GetSecrets", { count: "5000" })).count).toBe(31);
    const small = await start({ seed, pageSize: { default: 7, max: 10 } });
    expect([(await call(small.post, "GetSecrets", {})).count, (await call(small.post, "GetSecrets", { count: "50" })).count]).toEqual([
      7, 10,
    ]);
  });

  it("voximplant.get-value and voximplant.not-found: by id or name; an unknown secret is 496, or 341 with notFoundCode", async () => {
    const { post } = await start({ seed });
    const byName = (await call(post, "GetSecretValue", { secret_name: "other" })).result as { secret_id: number; secret_value: string };
    expect(byName.secret_value).toBe("o");
    expect(await call(post, "GetSecretValue", { secret_id: String(byName.secret_id) })).toMatchObject({ result: { secret_name: "other" } });
    expect(await call(post, "GetSecretValue", { secret_name: "nope" })).toEqual({
      error: { code: 496, msg: "The 'secret_name' parameter is invalid." },
    });
    const other = await start({ seed, notFoundCode: 341 });
    for (const method of ["GetSecretValue", "SetSecretInfo", "DelSecret"])
      expect(await call(other.post, method, { secret_name: "nope" })).toMatchObject({ error: { code: 341 } });
  });

  it("voximplant.set-info: renames, sets the value and the description; result 1", async () => {
    const { post } = await start({ seed });
    expect(
      await call(post, "SetSecretInfo", { secret_name: "other", new_secret_name: "renamed", secret_value: "n", description: "d" }),
    ).toEqual({
      result: 1,
    });
    expect(await call(post, "GetSecretValue", { secret_name: "renamed" })).toMatchObject({
      result: { secret_value: "n", description: "d" },
    });
    expect(await call(post, "SetSecretInfo", { secret_name: "renamed", new_secret_name: "s00" })).toMatchObject({ error: { code: 493 } });
  });

  it("voximplant.delete: `;`-separated ids or names, or all", async () => {
    const { post } = await start({ seed });
    const ids = ((await call(post, "GetSecrets", { secret_name_part: "s0" })).result as Array<{ secret_id: number }>).map(
      (s) => s.secret_id,
    );
    expect(await call(post, "DelSecret", { secret_id: ids.slice(0, 3).join(";") })).toEqual({ result: 1 });
    expect(await call(post, "DelSecret", { secret_name: "s03;s04" })).toEqual({ result: 1 });
    expect((await call(post, "GetSecrets", { secret_name_part: "s0" })).total_count).toBe(5);
    expect(await call(post, "DelSecret", { secret_id: "all" })).toEqual({ result: 1 });
    expect((await call(post, "GetSecrets", {})).total_count).toBe(0);
  });

  it("voximplant.delete-missing: a list naming an unknown secret deletes nothing; deleteMissing: ignore deletes the rest", async () => {
    const strict = await start({ seed });
    expect(await call(strict.post, "DelSecret", { secret_name: "s00;nope" })).toMatchObject({ error: { code: 496 } });
    expect((await call(strict.post, "GetSecrets", {})).total_count).toBe(31);
    const lenient = await start({ seed, deleteMissing: "ignore" });
    expect(await call(lenient.post, "DelSecret", { secret_name: "s00;nope" })).toEqual({ result: 1 });
    expect((await call(lenient.post, "GetSecrets", {})).total_count).toBe(30);
  });

  it("voximplant.rate-limit: the rate-limit fault is code 340 in a 200 body", async () => {
    const { post, emulator } = await start();
    emulator.faults.inject("GetSecrets", { kind: "rate-limit" });
    expect(await post("/platform_api/GetSecrets", form({ application_id: "1" }))).toEqual({
      status: 200,
      body: { error: { code: 340, msg: "Too many requests" } },
    });
  });
});

describe("Voximplant emulator: tokens", () => {
  it("voximplant.jwt and voximplant.jwt-codes: 433 unknown key, 447 malformed, 454 lifetime over 1 h, 100 without a token", async () => {
    const { emulator, post } = await start();
    const call = (authorization: string) => post("/platform_api/GetSecrets", form({ application_id: "1" }), authorization);
    const code = async (authorization: string) => ((await call(authorization)).body as { error?: { code: number } }).error?.code;
    expect(await code(`Bearer ${token(emulator)}`)).toBeUndefined();
    expect(await code(`Bearer ${token(emulator, {}, { kid: "another" })}`)).toBe(433);
    expect(await code("Bearer a.b.c")).toBe(447);
    expect(await code(`Bearer ${token(emulator, { exp: Math.floor(Date.now() / 1000) + 3601 })}`)).toBe(454);
    expect(await code("")).toBe(100);
  });

  it("voximplant.jwt-future: iat up to 30 s ahead passes; futureToleranceSeconds: 0 refuses it with 455", async () => {
    const ahead = (emulator: VoximplantEmulator) => {
      const iat = Math.floor(Date.now() / 1000) + 20;
      return `Bearer ${token(emulator, { iat, exp: iat + 64 })}`;
    };
    const lenient = await start();
    expect((await lenient.post("/platform_api/GetSecrets", form({ application_id: "1" }), ahead(lenient.emulator))).body).toHaveProperty(
      "result",
    );
    const strict = await start({ futureToleranceSeconds: 0 });
    expect((await strict.post("/platform_api/GetSecrets", form({ application_id: "1" }), ahead(strict.emulator))).body).toMatchObject({
      error: { code: 455 },
    });
  });
});

describe("Voximplant emulator: HTTPS", () => {
  it("serves https with the tls option, for clients that only speak it; env points at it", async () => {
    const { certificate, privateKey, certificateChain } = await testCertificate({ hostname: "localhost" });
    const { emulator } = await start({ tls: { privateKey, certificate } });
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.env.VOXIMPLANT_BASE_URL).toBe(`${emulator.url}/platform_api`);
    const body = new URLSearchParams({ cmd: "GetSecrets", application_id: "1" }).toString();
    const answer = await new Promise<string>((resolve, reject) => {
      const request = httpsRequest(
        `${emulator.url}/platform_api`,
        {
          method: "POST",
          ca: certificateChain,
          headers: { authorization: `Bearer ${token(emulator)}`, "content-type": "application/x-www-form-urlencoded" },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk));
          response.on("end", () => resolve(text));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    expect(JSON.parse(answer)).toMatchObject({ total_count: 2 });
  });
});
