// Gcore's answers in detail: every field of a secret, what an error carries, what a task's answer can lack, and
// the checks of an upload. Shapes from Gcore's published spec (https://api.gcore.com/docs/cloud; docs/vendor-behaviour.md, "Gcore").
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError, NotFoundError, ProviderApiError, TaskFailedError, ValidationError } from "../../core/errors.js";
import { fakePem, json, text } from "../../testing/observed-fetch.js";
import { createGcoreClient, type GcoreClientOptions } from "./client.js";
import { classifyGcore } from "./wire.js";
import { failure, gcoreOn } from "../../testing/clients.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const wire = { id: SECRET_ID, name: "lb-cert", secret_type: "certificate", status: "ACTIVE", created: "2026-03-23T20:00:00+00:00" };
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };
const task = (state: string, extra: object = {}) => json({ id: "t1", task_type: "create_secret", state, ...extra });

const first = <T>(items: AsyncIterable<T>) => items[Symbol.asyncIterator]().next();

const gcore = gcoreOn;

describe("a secret", () => {
  it("maps every field, and reads a missing or unreadable date as absent", async () => {
    const full = {
      ...wire,
      algorithm: "RSA",
      bit_length: 2048,
      content_types: { default: "application/octet-stream" },
      mode: "cbc",
      expiration: "2027-01-01T00:00:00+00:00",
    };
    expect(await gcore([json(full)]).client.getSecret(SECRET_ID)).toEqual({
      key: SECRET_ID,
      id: SECRET_ID,
      name: "lb-cert",
      type: "certificate",
      status: "ACTIVE",
      algorithm: "RSA",
      bitLength: 2048,
      contentTypes: { default: "application/octet-stream" },
      mode: "cbc",
      createdAt: new Date("2026-03-23T20:00:00Z"),
      expiresAt: new Date("2027-01-01T00:00:00Z"),
    });
    const sparse = { ...wire, algorithm: null, bit_length: null, content_types: null, mode: null, created: "not a date", expiration: "" };
    expect(await gcore([json(sparse)]).client.getSecret(SECRET_ID)).toEqual({
      key: SECRET_ID,
      id: SECRET_ID,
      name: "lb-cert",
      type: "certificate",
      status: "ACTIVE",
      algorithm: undefined,
      bitLength: undefined,
      contentTypes: undefined,
      mode: undefined,
      createdAt: undefined,
      expiresAt: undefined,
    });
  });
});

describe("what an error carries", () => {
  it("the vendor's message, class and request id; the X-Request-Id header when the body has none", async () => {
    const headerOnly = await failure(
      gcore([json({ exception_class: 42, message: "" }, { status: 500, headers: { "x-request-id": "hdr-7" } })]).client.getSecret(
        SECRET_ID,
      ),
    );
    expect(headerOnly).toBeInstanceOf(ProviderApiError);
    expect(headerOnly).toMatchObject({
      operation: "getSecret",
      status: 500,
      serverMessage: undefined,
      providerCode: undefined,
      requestId: "hdr-7",
    });
    const bodyFirst = await failure(
      gcore([json({ message: "gone", request_id: "body-1" }, { status: 404, headers: { "x-request-id": "hdr-7" } })]).client.getSecret(
        SECRET_ID,
      ),
    );
    expect(bodyFirst).toBeInstanceOf(NotFoundError);
    expect(bodyFirst).toMatchObject({ status: 404, serverMessage: "gone", requestId: "body-1" });
    const plain = await failure(gcore([text("Bad Gateway", 502)]).client.getSecret(SECRET_ID));
    expect(plain).toMatchObject({ code: ProviderApiError.code, status: 502, serverMessage: undefined, requestId: undefined });
  });

  it("a 200 that is not a secret or a list is an error, not an empty result", async () => {
    expect(await failure(gcore([json(null)]).client.getSecret(SECRET_ID))).toMatchObject({ code: ProviderApiError.code, status: 200 });
    expect(await failure(gcore([text("ok", 200)]).client.getSecret(SECRET_ID))).toBeInstanceOf(ProviderApiError);
    const list = gcore([json({ count: 0, results: "none" })]).client.listSecrets();
    expect(await failure(first(list))).toMatchObject({ code: ProviderApiError.code, operation: "listSecrets", status: 200 });
    const refused = gcore([json({ message: "no such project" }, { status: 404 })]).client.listSecrets();
    expect(await failure(first(refused))).toMatchObject({
      code: NotFoundError.code,
      operation: "listSecrets",
      status: 404,
      serverMessage: "no such project",
    });
  });

  it("an upload or delete answer without a task list, or with an empty one, says so", async () => {
    expect(await failure(gcore([json({})]).client.uploadCertificate(upload))).toMatchObject({
      code: ProviderApiError.code,
      operation: "uploadCertificate",
      status: 200,
    });
    expect(await failure(gcore([json({ tasks: "t1" })]).client.startDeleteSecret(SECRET_ID))).toMatchObject({
      code: ProviderApiError.code,
      operation: "deleteSecret",
      status: 200,
    });
    expect(await failure(gcore([json({ tasks: [] })]).client.uploadCertificateAndWait(upload))).toMatchObject({
      code: ProviderApiError.code,
      operation: "uploadCertificate",
      status: undefined,
    });
    const refused = await failure(gcore([json({ message: "name taken" }, { status: 409 })]).client.uploadCertificate(upload));
    expect(refused).toMatchObject({ code: "ERR_CONFLICT", operation: "uploadCertificate", status: 409, serverMessage: "name taken" });
    const deleted = await failure(gcore([json({ message: "no such secret" }, { status: 404 })]).client.startDeleteSecret(SECRET_ID));
    expect(deleted).toMatchObject({ code: NotFoundError.code, operation: "deleteSecret", status: 404, serverMessage: "no such secret" });
  });
});

describe("tasks", () => {
  it("a task that fails without a reason, finishes without a secret, or cannot be read says which", async () => {
    const silent = await failure(gcore([task("ERROR")]).client.waitForTask("t1"));
    expect(silent).toBeInstanceOf(TaskFailedError);
    expect(silent).toMatchObject({ taskId: "t1", operation: "waitForTask", serverMessage: undefined, status: undefined });
    const empty = await failure(gcore([json({ tasks: ["t1"] }), task("FINISHED")]).client.uploadCertificateAndWait(upload));
    expect(empty).toMatchObject({ code: ProviderApiError.code, operation: "uploadCertificate" });
    const unreadable = await failure(gcore([json({ message: "no task" }, { status: 404 })]).client.waitForTask("t1"));
    expect(unreadable).toMatchObject({ code: "ERR_NOT_FOUND", operation: "waitForTask", status: 404, serverMessage: "no task" });
    expect(await failure(gcore([json(null)]).client.waitForTask("t1"))).toMatchObject({ code: ProviderApiError.code, status: 200 });
    expect(await gcore([task("FINISHED", { created_resources: { secrets: ["s1", "s2"] } })]).client.waitForTask("t1")).toEqual({
      id: "t1",
      state: "FINISHED",
      type: "create_secret",
      error: undefined,
      createdSecretIds: ["s1", "s2"],
    });
  });

  it("refuses a task id a URL cannot carry", async () => {
    const { client, fetch } = gcore([task("FINISHED")]);
    expect(await failure(client.waitForTask(".."))).toMatchObject({ operation: "waitForTask", field: "taskId" });
    expect(fetch.requests).toHaveLength(0);
  });
});

describe("an upload's checks", () => {
  const refused = async (input: object) =>
    (await failure(gcore([json({ tasks: ["t1"] })]).client.uploadCertificate(input as never))) as ValidationError;

  it("names each field and its rule", async () => {
    expect(await refused({ ...upload, name: 7 })).toMatchObject({
      code: ValidationError.code,
      operation: "uploadCertificate",
      field: "name",
    });
    expect(await refused({ ...upload, certificate: "MIIB" })).toMatchObject({ code: ValidationError.code, field: "certificate" });
    expect(await refused({ ...upload, certificateChain: "x" })).toMatchObject({ code: ValidationError.code, field: "certificateChain" });
    expect(await refused({ ...upload, privateKey: PEM })).toMatchObject({ code: ValidationError.code, field: "privateKey" });
  });

  it("takes PKCS#8, RSA and EC keys", async () => {
    for (const label of ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]) {
      const key = `-----BEGIN ${label}-----\nMIIE\n-----END ${label}-----\n`;
      expect(await gcore([json({ tasks: ["t1"] })]).client.uploadCertificate({ ...upload, privateKey: key })).toEqual({ taskIds: ["t1"] });
    }
  });

  it("an expiry from year 0 to 9999 is sent as RFC 3339; anything else is refused", async () => {
    const year = (value: number) => new Date(new Date("2000-01-01T00:00:00Z").setUTCFullYear(value));
    for (const [expiresAt, sent] of [
      [year(0), "0000-01-01T00:00:00.000Z"],
      [year(9999), "9999-01-01T00:00:00.000Z"],
    ] as const) {
      const { client, fetch } = gcore([json({ tasks: ["t1"] })]);
      await client.uploadCertificate({ ...upload, expiresAt });
      expect(JSON.parse(fetch.bodies[0]!).expiration).toBe(sent);
    }
    for (const expiresAt of [year(10_000), year(-1), new Date(Number.NaN), "2027-01-01"]) {
      const error = await refused({ ...upload, expiresAt });
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        field: "expiresAt",
        operation: "uploadCertificate",
      });
    }
    const { client, fetch } = gcore([json({ tasks: ["t1"] })]);
    await client.uploadCertificate(upload);
    expect(JSON.parse(fetch.bodies[0]!)).not.toHaveProperty("expiration");
  });
});

describe("configuration", () => {
  it("sends the key as 'APIKey <key>', or as given when it has the prefix already", async () => {
    for (const [key, sent] of [
      ["k-1", "APIKey k-1"],
      ["APIKey k-2", "APIKey k-2"],
      ["apikey k-3", "apikey k-3"],
      ["APIKeyk-4", "APIKey APIKeyk-4"],
    ] as const) {
      const { client, fetch } = gcore([json(wire)], { apiKey: key });
      await client.getSecret(SECRET_ID);
      expect(fetch.requests[0]!.headers.get("authorization")).toBe(sent);
    }
    const { client, fetch } = gcore([json(wire)], { apiKey: "two\nlines" });
    const error = await failure(client.getSecret(SECRET_ID));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: ConfigurationError.code, provider: "gcore", operation: undefined });
    expect(fetch.requests).toHaveLength(0);
  });

  it("project and region: the option before the variable, each named when wrong", () => {
    const make = (options: Partial<GcoreClientOptions>, env: Record<string, string>) => () =>
      createGcoreClient({ apiKey: "k", env, ...options } as GcoreClientOptions);
    expect(make({ projectId: 0 }, {})).toThrow(ConfigurationError);
    expect(make({ regionId: 1.5 }, {})).toThrow(ConfigurationError);
    expect(make({}, { GCORE_CLOUD_REGION_ID: "-3" })).toThrow(ConfigurationError);
    expect(make({ projectId: 2 }, { GCORE_CLOUD_PROJECT_ID: "abc" })).not.toThrow();
    expect(make({}, { GCORE_CLOUD_PROJECT_ID: "", GCORE_CLOUD_REGION_ID: "" })).not.toThrow();
    expect(() => createGcoreClient({ apiKey: "", env: { GCORE_API_KEY: "k" } })).toThrow(ConfigurationError);
  });

  it("lists 1000 per page by default (the API's maximum) in the configured project and region", async () => {
    const { client, fetch } = gcore([json({ count: 0, results: [] })], { projectId: 3, regionId: 9 });
    for await (const _ of client.listSecrets()) throw new Error("no secret expected");
    expect(fetch.requests[0]!.url).toBe("https://gcore.test/cloud/v1/secrets/3/9?limit=1000&offset=0");
    const location = gcore([json({ count: 0, results: [] })]);
    await failure(first(location.client.listSecrets({ projectId: 4, regionId: 5 })));
    expect(new URL(location.fetch.requests[0]!.url).pathname).toBe("/cloud/v1/secrets/4/5");
    expect(() => gcore([]).client.listSecrets({ pageSize: 1000 })).not.toThrow();
  });

  it("client.api retries the reads and never the create or the delete", async () => {
    const { client, fetch } = gcore([text("unavailable", 503)], { maxRetries: 1 });
    const path = { project_id: 1, region_id: 76 };
    await client.api.GET("/cloud/v1/secrets/{project_id}/{region_id}", { params: { path } });
    await client.api.GET("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", { params: { path: { ...path, secret_id: SECRET_ID } } });
    await client.api.GET("/cloud/v1/tasks/{task_id}", { params: { path: { task_id: "t1" } } });
    await client.api.POST("/cloud/v2/secrets/{project_id}/{region_id}", { params: { path }, body: {} as never });
    await client.api.DELETE("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", {
      params: { path: { ...path, secret_id: SECRET_ID } },
    });
    expect(fetch.requests.map((request) => request.method)).toEqual(["GET", "GET", "GET", "GET", "GET", "GET", "POST", "DELETE"]);
  });

  it("shows its provider and address, and no key", () => {
    const { client } = gcore([], { apiKey: "gk-never-shown" });
    expect(inspect(client, { showHidden: true })).toBe(
      'GcoreClient { provider: "gcore", baseUrl: "https://gcore.test", transport: "fetch" }',
    );
    expect(JSON.stringify(client)).not.toContain("gk-never-shown");
  });
});

describe("classifyGcore, one answer at a time", () => {
  const details = { provider: "gcore", operation: "getSecret", subject: "secret s" };
  const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers(headers),
    body,
  });

  it.each([200, 201, 204, 299])("%i is fine", (status) => {
    expect(classifyGcore(answer(status), details)).toEqual({ kind: "ok" });
  });

  it.each([
    [100, "final"],
    [199, "final"],
    [300, "final"],
    [400, "final"],
    [404, "final"],
    [429, "rate-limited"],
    [500, "try-later"],
    [503, "try-later"],
  ] as const)("%i is an error, retried as %s", (status, retry) => {
    const classification = classifyGcore(answer(status), details);
    expect(classification).toMatchObject({ kind: "error", retry, error: { status, provider: "gcore", operation: "getSecret" } });
  });

  it("reads message, exception_class and request_id when they are non-empty strings, the header's id otherwise", () => {
    const body = { message: "no such secret", exception_class: "NotFound", request_id: "body-1" };
    expect(classifyGcore(answer(404, body, { "x-request-id": "hdr-1" }), details)).toMatchObject({
      error: { serverMessage: "no such secret", providerCode: "NotFound", requestId: "body-1" },
    });
    const empty = { message: "", exception_class: "", request_id: "" };
    expect(classifyGcore(answer(404, empty, { "x-request-id": "hdr-1" }), details)).toMatchObject({
      error: { serverMessage: undefined, providerCode: undefined, requestId: "hdr-1" },
    });
  });

  it("takes a body that is not an object (null, text, a number) as one without fields", () => {
    for (const body of [null, "bad gateway", 42, undefined])
      expect(classifyGcore(answer(502, body), details), String(body)).toMatchObject({
        kind: "error",
        retry: "try-later",
        error: { serverMessage: undefined, providerCode: undefined, requestId: undefined },
      });
  });
});
