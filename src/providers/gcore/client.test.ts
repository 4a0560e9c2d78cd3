import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  NotFoundError,
  OutcomeUnknownError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  TaskFailedError,
  TimeoutError,
  ValidationError,
} from "../../core/errors.js";
import { fakePem, json, observedFetch } from "../../testing/observed-fetch.js";
import { createGcoreClient } from "./client.js";
import { failure, gcoreOn } from "../../testing/clients.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const secret = {
  id: SECRET_ID,
  name: "lb-cert",
  secret_type: "certificate",
  status: "ACTIVE",
  created: "2026-03-23T20:00:00+00:00",
  expiration: null,
};
const task = (state: string, extra: object = {}) =>
  json({ id: "t1", user_id: 1, task_type: "create_secret", state, created_on: "2026-03-23T20:00:00", ...extra });
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = fakePem("PRIVATE", "MIIE");
const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: KEY };

const gcore = gcoreOn;

afterEach(() => {
  vi.useRealTimers();
});

describe("requests", () => {
  it("authenticates with 'APIKey <token>' and maps a secret", async () => {
    const { client, fetch } = gcore([json(secret)]);
    expect(await client.getSecret(SECRET_ID)).toMatchObject({
      id: SECRET_ID,
      name: "lb-cert",
      type: "certificate",
      status: "ACTIVE",
      createdAt: new Date("2026-03-23T20:00:00Z"),
      expiresAt: undefined,
    });
    expect(fetch.requests[0]!.url).toBe(`https://gcore.test/cloud/v1/secrets/1/76/${SECRET_ID}`);
    expect(fetch.requests[0]!.headers.get("authorization")).toBe("APIKey key-1");
  });

  it("pages with limit/offset until count, the total (as the Python SDK pages); without a count, until a short page", async () => {
    let next = 0;
    const page = (size: number, count?: unknown) =>
      json({ count, results: Array.from({ length: size }, () => ({ ...secret, name: `cert-${(next += 1)}` })) });
    const { client, fetch } = gcore([page(2, 4), page(2, 4)]);
    let seen = 0;
    for await (const _ of client.listSecrets({ pageSize: 2 })) seen += 1;
    expect(seen).toBe(4);
    // A full last page: the total says it is the last, no empty page is asked for.
    expect(fetch.requests.map((request) => new URL(request.url).search)).toEqual(["?limit=2&offset=0", "?limit=2&offset=2"]);
    const untold = gcore([page(2), page(2), page(1)]);
    seen = 0;
    for await (const _ of untold.client.listSecrets({ pageSize: 2 })) seen += 1;
    expect(seen).toBe(5);
    expect(untold.fetch.requests).toHaveLength(3);
    // A count that is not a number is no total: paged to a short page as without one.
    for (const count of [null, "2"]) {
      const odd = gcore([page(2, count), page(2, count), page(1, count)]);
      seen = 0;
      for await (const _ of odd.client.listSecrets({ pageSize: 2 })) seen += 1;
      expect(seen, String(count)).toBe(5);
    }
  });

  it("says which provider it is", () => {
    expect(gcore([]).client.provider).toBe("gcore");
  });

  it("stops with an error when the server ignores offset and repeats a full page", async () => {
    const { client, fetch } = gcore([json({ count: 10, results: [secret, { ...secret, name: "other" }] })]);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const each of client.listSecrets({ pageSize: 2 })) seen.push(each.name);
      })(),
    ).rejects.toMatchObject({ code: "ERR_PROVIDER_API", operation: "listSecrets" });
    expect(seen).toEqual(["lb-cert", "other"]);
    expect(fetch.requests).toHaveLength(2);
  });

  it("redacts the uploaded PEMs if an error message echoes them", async () => {
    const { client } = gcore([
      json({ exception_class: "ValidationError", message: `bad key ${KEY.split("\n")[1]}MIIEKEYMATERIAL0123456789` }, { status: 400 }),
    ]);
    const secretKey = fakePem("PRIVATE", "MIIEKEYMATERIAL0123456789");
    const error = await client.uploadCertificate({ ...upload, privateKey: secretKey }).catch((caught: unknown) => caught);
    expect((error as Error).message).not.toContain("MIIEKEYMATERIAL0123456789");
    expect((error as Error).message).toContain("[REDACTED]");
  });

  it("refuses plain http except to loopback, and API keys a header cannot carry", () => {
    expect(() => createGcoreClient({ baseUrl: "http://api.gcore.com", apiKey: "k", env: {} })).toThrow(ConfigurationError);
    expect(() => createGcoreClient({ baseUrl: "http://127.0.0.1:4010", apiKey: "k", env: {} })).not.toThrow();
  });

  it("uploads the PEMs as JSON and never retries the create; a gateway's answer leaves its outcome unknown", async () => {
    const { client, fetch } = gcore([new Response("", { status: 503 })], { maxRetries: 2 });
    await expect(client.uploadCertificate({ ...upload, expiresAt: new Date("2027-01-01T00:00:00Z") })).rejects.toMatchObject({
      code: OutcomeUnknownError.code,
      status: 503,
      cause: expect.any(ProviderApiError),
    });
    expect(fetch.requests).toHaveLength(1);
    expect(JSON.parse(fetch.bodies[0]!)).toEqual({
      name: "lb-cert",
      payload: { certificate: PEM, private_key: KEY, certificate_chain: PEM },
      expiration: "2027-01-01T00:00:00.000Z",
    });
  });
});

describe("errors", () => {
  it.each([
    [400, "ValidationError", ValidationError],
    [401, "NotAuthenticated", AuthenticationError],
    [403, "ForbiddenError", PermissionDeniedError],
    [404, "NotFoundError", NotFoundError],
    [409, "ConflictError", ConflictError],
    [500, "InternalServerError", ProviderApiError],
  ])("%i %s", async (status, exceptionClass, kind) => {
    const { client } = gcore([json({ exception_class: exceptionClass, message: "vendor says no", request_id: "req-9" }, { status })]);
    const error = await client.getSecret(SECRET_ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ provider: "gcore", operation: "getSecret", status, providerCode: exceptionClass, requestId: "req-9" });
    expect(error).toMatchObject({ serverMessage: "vendor says no" });
  });

  it("429 is retried after Retry-After, then thrown as RateLimitedError with retryAfterMs", async () => {
    const limited = () =>
      json({ exception_class: "TooManyRequests", message: "slow down" }, { status: 429, headers: { "retry-after": "0" } });
    const { client, fetch } = gcore([limited()], { maxRetries: 1 });
    const error = await client.getSecret(SECRET_ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(0);
    expect(fetch.requests).toHaveLength(2);
  });

  it("validates ids, PEMs and locations before sending", async () => {
    const { client, fetch } = gcore([json(secret)]);
    await expect(client.getSecret("not-a-uuid")).rejects.toMatchObject({ code: "ERR_VALIDATION", field: "id" });
    await expect(client.uploadCertificate({ ...upload, privateKey: "SECRET-NOT-PEM" })).rejects.toMatchObject({ field: "privateKey" });
    await expect(client.getSecret(SECRET_ID, { projectId: 0 })).rejects.toMatchObject({ field: "projectId" });
    expect(() => client.listSecrets({ pageSize: 1001 })).toThrow(expect.objectContaining({ field: "pageSize" }));
    expect(fetch.requests).toHaveLength(0);
  });

  it("names the option and the variable when configuration is missing", async () => {
    expect(() => createGcoreClient({ env: {} })).toThrow(ConfigurationError);
    expect(() => createGcoreClient({ env: { GCORE_API_KEY: "k", GCORE_CLOUD_PROJECT_ID: "abc" } })).toThrow(ConfigurationError);
    const fetch = observedFetch(json(secret));
    const client = createGcoreClient({
      fetch,
      env: { GCORE_API_KEY: "k", GCORE_CLOUD_PROJECT_ID: "5", GCORE_BASE_URL: "https://other.test" },
    });
    await expect(client.getSecret(SECRET_ID)).rejects.toMatchObject({
      code: "ERR_CONFIGURATION",
      operation: "getSecret",
    });
    await client.getSecret(SECRET_ID, { regionId: 3 });
    expect(fetch.requests[0]!.url).toBe(`https://other.test/cloud/v1/secrets/5/3/${SECRET_ID}`);
  });
});

describe("tasks", () => {
  it("uploadCertificateAndWait polls until FINISHED, reports progress, returns the created secret", async () => {
    vi.useFakeTimers();
    const { client, fetch } = gcore([
      json({ tasks: ["t1"] }),
      task("NEW"),
      task("RUNNING"),
      task("FINISHED", { created_resources: { secrets: [SECRET_ID] } }),
      json(secret),
    ]);
    const states: string[] = [];
    const done = client.uploadCertificateAndWait(upload, { onProgress: (progress) => states.push(progress.state) });
    await vi.runAllTimersAsync();
    expect((await done).id).toBe(SECRET_ID);
    expect(states).toEqual(["NEW", "RUNNING"]);
    expect(fetch.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      "POST /cloud/v2/secrets/1/76",
      "GET /cloud/v1/tasks/t1",
      "GET /cloud/v1/tasks/t1",
      "GET /cloud/v1/tasks/t1",
      `GET /cloud/v1/secrets/1/76/${SECRET_ID}`,
    ]);
  });

  it("polls every 3 s by default; an interval under the SDKs' 1 s floor is refused, not raised", async () => {
    vi.useFakeTimers();
    const { client, fetch } = gcore([task("RUNNING"), task("RUNNING"), task("FINISHED")]);
    expect(await failure(client.waitForTask("t1", { intervalMs: 999 }))).toMatchObject({ code: ValidationError.code, field: "intervalMs" });
    expect(() => gcore([], { taskPolling: { intervalMs: 5 } })).toThrow(ConfigurationError);
    expect(fetch.requests).toHaveLength(0);
    const done = client.waitForTask("t1", { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.requests).toHaveLength(2);
    await vi.runAllTimersAsync();
    await done;
    const slow = gcore([task("RUNNING"), task("FINISHED")]);
    const second = slow.client.waitForTask("t1");
    await vi.advanceTimersByTimeAsync(2_999);
    expect(slow.fetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await second;
  });

  it("a task in ERROR throws TaskFailedError with the task's message", async () => {
    const { client } = gcore([json({ tasks: ["t1"] }), task("ERROR", { error: "Certificate and private key do not match" })]);
    const error = await client.uploadCertificateAndWait(upload).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ code: "ERR_TASK_FAILED", taskId: "t1", operation: "waitForTask" });
    // The task's own reason reaches the caller.
    expect(error).toMatchObject({ serverMessage: "Certificate and private key do not match" });
  });

  it("deleteSecret with {tasks: []} returns at once; a wait times out or aborts", async () => {
    const { client, fetch } = gcore([json({ tasks: [] })]);
    await client.deleteSecret(SECRET_ID);
    expect(fetch.requests).toHaveLength(1);
    vi.useFakeTimers();
    const slow = gcore([task("RUNNING")]);
    const timedOut = slow.client.waitForTask("t1", { timeoutMs: 10_000 }).catch((caught: unknown) => caught);
    await vi.runAllTimersAsync();
    expect(await timedOut).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const aborted = slow.client.waitForTask("t1", { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await aborted).toBeInstanceOf(AbortedError);
  });
});
