// The Gcore emulator request by request. Paging is driven the way the official Python SDK pages
// (gcore-python src/gcore/pagination.py, SyncOffsetPage.next_page_info: fetch on while offset + len(results) < count),
// request bodies are shaped as its secrets resource sends them (src/gcore/resources/cloud/secrets.py), and the
// deprecated v1 create as Gcore's published spec describes it.
import { describe, expect, it } from "vitest";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { type GcoreEmulatorOptions, startGcoreEmulator } from "./gcore.js";
import { testCertificate } from "./test-certificate.js";

const emulate = emulatorPerTest(startGcoreEmulator);
async function start(options: GcoreEmulatorOptions = {}) {
  const emulator = await emulate(options);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization: `APIKey ${emulator.env.GCORE_API_KEY}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { emulator, call };
}
const SECRETS = "/cloud/v1/secrets/1/1";
const names = (n: number) => Array.from({ length: n }, (_, index) => ({ name: `s${String(index).padStart(2, "0")}` }));

/** SyncOffsetPage, step for step: the first page without offset, then offset = offset + len(results) while below count. */
async function sdkPaging(call: Awaited<ReturnType<typeof start>>["call"], limit: number) {
  const seen: string[] = [];
  let offset: number | undefined;
  for (;;) {
    const page = await call("GET", `${SECRETS}?limit=${limit}${offset === undefined ? "" : `&offset=${offset}`}`);
    const results = page.body.results as Array<{ name: string }>;
    seen.push(...results.map((secret) => secret.name));
    const current = (offset ?? 0) + results.length;
    if (!(current < (page.body.count as number))) return seen;
    offset = current;
  }
}

describe("Gcore emulator: list", () => {
  it("gcore.list-count: count is the total across pages, so SDK-style paging reads every secret", async () => {
    const { call, emulator } = await start({ secrets: names(25) });
    const first = await call("GET", `${SECRETS}?limit=10`);
    expect([first.body.count, (first.body.results as unknown[]).length]).toEqual([25, 10]);
    expect(await sdkPaging(call, 10)).toEqual(names(25).map((secret) => secret.name));
    expect(emulator.requests.filter((arrival) => arrival.operation === "listSecrets")).toHaveLength(1 + 3);
    expect((await call("GET", `${SECRETS}?offset=40`)).body).toEqual({ count: 25, results: [] });
    expect((await call("GET", `${SECRETS}?limit=1001`)).status).toBe(400);
  });

  it("gcore.secret-fields: seeds of any type (an opaque AES key), never a payload", async () => {
    const aes = {
      id: "5f3b5b8e-2a89-4f33-9b57-0c8b5f5f2d10",
      name: "AES key",
      type: "opaque",
      algorithm: "aes",
      bitLength: 256,
      mode: "cbc",
    };
    const { call } = await start({ secrets: [{ ...aes, type: "opaque", contentTypes: { default: "application/octet-stream" } }] });
    expect((await call("GET", `${SECRETS}/${aes.id}`)).body).toEqual({
      id: aes.id,
      name: "AES key",
      secret_type: "opaque",
      status: "ACTIVE",
      algorithm: "aes",
      bit_length: 256,
      mode: "cbc",
      content_types: { default: "application/octet-stream" },
      created: expect.any(String),
      expiration: null,
    });
  });

  it("gcore.time-format: created and expiration are written 2020-01-01T12:00:00+00:00", async () => {
    const { call } = await start({
      now: () => Date.UTC(2026, 2, 23, 20, 0, 0, 123),
      secrets: [{ name: "a" }, { name: "b", created: "2025-01-02T03:04:05.678Z", expiration: "2027-06-23T20:00:00" }],
    });
    const [a, b] = (await call("GET", SECRETS)).body.results as Array<{ created: string; expiration: string | null }>;
    expect([a!.created, a!.expiration, b!.created, b!.expiration]).toEqual([
      "2026-03-23T20:00:00+00:00",
      null,
      "2025-01-02T03:04:05+00:00",
      "2027-06-23T20:00:00+00:00",
    ]);
  });
});

describe("Gcore emulator: create", () => {
  it("gcore.v2-upload and gcore.task-states: the SDK's upload body starts a task; the secret appears when it finishes", async () => {
    const { call } = await start({ secrets: [] });
    const pem = await testCertificate();
    const payload = { certificate: pem.certificate, certificate_chain: pem.certificateChain, private_key: pem.privateKey };
    const started = await call("POST", "/cloud/v2/secrets/1/1", { name: "lb", payload, expiration: "2030-01-01T00:00:00+00:00" });
    const taskId = (started.body.tasks as string[])[0]!;
    expect((await call("GET", SECRETS)).body.count).toBe(0);
    const states = [];
    for (let poll = 0; poll < 3; poll += 1) states.push((await call("GET", `/cloud/v1/tasks/${taskId}`)).body);
    expect(states.map((task) => task.state)).toEqual(["NEW", "RUNNING", "FINISHED"]);
    const createdId = (states[2]!.created_resources as { secrets: string[] }).secrets[0];
    expect((await call("GET", `${SECRETS}/${createdId}`)).body).toMatchObject({
      name: "lb",
      secret_type: "certificate",
      expiration: "2030-01-01T00:00:00+00:00",
    });
  });

  it("gcore.v1-create: the deprecated v1 create takes a base64 payload of any secret type", async () => {
    const { call } = await start({ secrets: [], taskProgress: "instant" });
    const body = {
      name: "AES key",
      payload: Buffer.from("0123456789abcdef0123456789abcdef").toString("base64"),
      payload_content_encoding: "base64",
      payload_content_type: "application/octet-stream",
      secret_type: "opaque",
      algorithm: "aes",
      bit_length: 256,
      mode: "cbc",
    };
    const started = await call("POST", SECRETS, body);
    expect(started.status).toBe(200);
    const task = (await call("GET", `/cloud/v1/tasks/${(started.body.tasks as string[])[0]}`)).body;
    const id = (task.created_resources as { secrets: string[] }).secrets[0];
    expect((await call("GET", `${SECRETS}/${id}`)).body).toMatchObject({
      name: "AES key",
      secret_type: "opaque",
      algorithm: "aes",
      bit_length: 256,
      mode: "cbc",
      content_types: { default: "application/octet-stream" },
    });
    for (const broken of [
      { ...body, payload: "not base64!" },
      { ...body, payload_content_encoding: "hex" },
      { ...body, secret_type: "password" },
      { ...body, bit_length: 0 },
      { ...body, name: undefined },
    ])
      expect((await call("POST", SECRETS, broken)).body).toMatchObject({ exception_class: "ValidationError" });
  });

  it("gcore.name-conflict: a taken name is 409, also while its create runs; duplicateNames: allow accepts it", async () => {
    const { call } = await start();
    const pem = await testCertificate();
    const upload = (name: string) =>
      call("POST", "/cloud/v2/secrets/1/1", {
        name,
        payload: { certificate: pem.certificate, certificate_chain: pem.certificateChain, private_key: pem.privateKey },
      });
    expect((await upload("lb-cert")).body).toMatchObject({ exception_class: "ConflictError" });
    expect((await upload("fresh")).status).toBe(200);
    expect((await upload("fresh")).status).toBe(409);
    const lenient = await start({ duplicateNames: "allow" });
    const again = await lenient.call("POST", "/cloud/v2/secrets/1/1", {
      name: "lb-cert",
      payload: { certificate: pem.certificate, certificate_chain: pem.certificateChain, private_key: pem.privateKey },
    });
    expect(again.status).toBe(200);
  });

  it("gcore.key-mismatch: a key that does not match fails the task; keyMismatch: bad-request refuses the upload", async () => {
    const [pem, other] = await Promise.all([testCertificate(), testCertificate()]);
    const body = {
      name: "x",
      payload: { certificate: pem.certificate, certificate_chain: pem.certificateChain, private_key: other.privateKey },
    };
    const { call } = await start({ taskProgress: "instant" });
    const started = await call("POST", "/cloud/v2/secrets/1/1", body);
    expect((await call("GET", `/cloud/v1/tasks/${(started.body.tasks as string[])[0]}`)).body).toMatchObject({
      state: "ERROR",
      error: "Certificate and private key do not match",
    });
    const strict = await start({ keyMismatch: "bad-request" });
    expect((await strict.call("POST", "/cloud/v2/secrets/1/1", body)).body).toMatchObject({ exception_class: "ValidationError" });
  });
});

describe("Gcore emulator: tasks and errors", () => {
  it("gcore.task-progress: instant tasks finish at the first poll (one request per create or delete that waits)", async () => {
    const { call, emulator } = await start({ taskProgress: "instant" });
    const started = await call("DELETE", `${SECRETS}/bfc7824b-31b6-4a28-a0c4-7df137139215`);
    expect((await call("GET", SECRETS)).body.count).toBe(0);
    expect((await call("GET", `/cloud/v1/tasks/${(started.body.tasks as string[])[0]}`)).body.state).toBe("FINISHED");
    expect(emulator.requests.map((arrival) => arrival.operation)).toEqual(["deleteSecret", "listSecrets", "getTask"]);
  });

  it("gcore.task-unpolled and gcore.delete: a task nobody polls finishes on its own; an unknown id is 404", async () => {
    let clock = 0;
    const { call } = await start({ now: () => clock, unpolledTaskFinishesAfterMs: 1_000 });
    await call("DELETE", `${SECRETS}/bfc7824b-31b6-4a28-a0c4-7df137139215`);
    expect((await call("GET", SECRETS)).body.count).toBe(1);
    clock = 1_000;
    expect((await call("GET", SECRETS)).body.count).toBe(0);
    expect((await call("DELETE", `${SECRETS}/bfc7824b-31b6-4a28-a0c4-7df137139215`)).body).toMatchObject({
      exception_class: "NotFoundError",
    });
  });

  it("gcore.api-key and gcore.errors: errors carry exception_class, message and request_id", async () => {
    const { emulator } = await start();
    const missing = await fetch(`${emulator.url}${SECRETS}`);
    expect([missing.status, await missing.json()]).toEqual([
      401,
      { exception_class: "NotAuthenticated", message: "Authentication credentials were not provided.", request_id: expect.any(String) },
    ]);
    const bearer = await fetch(`${emulator.url}${SECRETS}`, { headers: { authorization: `Bearer ${emulator.env.GCORE_API_KEY}` } });
    expect(bearer.status).toBe(401);
  });

  it("gcore.rate-limit: the rate-limit fault is 429 with Retry-After", async () => {
    const { call, emulator } = await start();
    emulator.faults.inject("listSecrets", { kind: "rate-limit", retryAfterSeconds: 3 });
    const response = await fetch(`${emulator.url}${SECRETS}`, { headers: { authorization: `APIKey ${emulator.env.GCORE_API_KEY}` } });
    expect([response.status, response.headers.get("retry-after")]).toEqual([429, "3"]);
    expect((await call("GET", SECRETS)).status).toBe(200);
  });
});
