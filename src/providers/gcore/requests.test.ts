// Gcore requests in detail: where each goes, which configuration error each names, and what the lookup after a lost
// upload does with its own failures and options.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  ProviderApiError,
  ValidationError,
} from "../../core/errors.js";
import { fakePem, json, networkError, text } from "../../testing/observed-fetch.js";
import { failure, gcoreOn } from "../../testing/clients.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };
const task = (state: string) => json({ id: "t1", task_type: "create_secret", state });

const gcore = gcoreOn;

afterEach(() => {
  vi.useRealTimers();
});

describe("where requests go", () => {
  it("delete: DELETE of the secret in the project and region", async () => {
    const { client, calls } = gcore([json({ tasks: ["t1"] })]);
    expect(await client.startDeleteSecret(SECRET_ID, { projectId: 3, regionId: 4 })).toEqual({ taskIds: ["t1"] });
    expect(calls()).toEqual([`DELETE /cloud/v1/secrets/3/4/${SECRET_ID}`]);
  });

  it("a key that merely contains 'apikey ' still gets the prefix", async () => {
    const { client, fetch } = gcore([json({ tasks: [] })], { apiKey: "my-apikey x" });
    await client.startDeleteSecret(SECRET_ID);
    expect(fetch.requests[0]!.headers.get("authorization")).toBe("APIKey my-apikey x");
  });
});

describe("configuration errors name the operation", () => {
  it.each([
    ["listSecrets", (client: ReturnType<typeof gcore>["client"]) => client.listSecrets()[Symbol.asyncIterator]().next()],
    ["getSecret", (client: ReturnType<typeof gcore>["client"]) => client.getSecret(SECRET_ID)],
    ["uploadCertificate", (client: ReturnType<typeof gcore>["client"]) => client.uploadCertificate(upload)],
    ["deleteSecret", (client: ReturnType<typeof gcore>["client"]) => client.startDeleteSecret(SECRET_ID)],
  ] as Array<[string, (client: ReturnType<typeof gcore>["client"]) => Promise<unknown>]>)(
    "%s without a project or a region",
    async (operation, call) => {
      const noProject = gcore([json({})], { projectId: undefined as never });
      const error = await failure(Promise.resolve().then(() => call(noProject.client)));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({
        operation,
        message: `gcore ${operation}: no project: pass option projectId or set GCORE_CLOUD_PROJECT_ID`,
      });
      const noRegion = gcore([json({})], { regionId: undefined as never });
      expect(await failure(Promise.resolve().then(() => call(noRegion.client)))).toMatchObject({
        operation,
        message: `gcore ${operation}: no region: pass option regionId or set GCORE_CLOUD_REGION_ID`,
      });
      expect(noProject.fetch.requests).toHaveLength(0);
    },
  );

  it("a per-call location is checked, naming the field; a page size over 1000 names listSecrets", async () => {
    const { client } = gcore([json({})]);
    expect(await failure(client.getSecret(SECRET_ID, { regionId: 0 }))).toMatchObject({ field: "regionId", operation: "getSecret" });
    expect(() => client.listSecrets({ pageSize: 1001 })).toThrow(expect.objectContaining({ field: "pageSize", operation: "listSecrets" }));
    expect(await failure(client.uploadCertificate(undefined as never))).toMatchObject({ field: "name" });
  });
});

describe("answers that are not what they should be", () => {
  it("an empty 200 to an upload has no task list; an empty or failed list page is an error", async () => {
    expect(await failure(gcore([new Response(null, { status: 200 })]).client.uploadCertificate(upload))).toMatchObject({
      code: ProviderApiError.code,
      operation: "uploadCertificate",
      status: 200,
    });
    const empty = gcore([new Response(null, { status: 200 })]).client.listSecrets();
    expect(await failure(empty[Symbol.asyncIterator]().next())).toMatchObject({
      code: ProviderApiError.code,
      operation: "listSecrets",
      status: 200,
    });
    const failed = gcore([json({ count: 0, results: [] }, { status: 503 })]).client.listSecrets();
    expect(await failure(failed[Symbol.asyncIterator]().next())).toBeInstanceOf(ProviderApiError);
    expect(await failure(gcore([json({ message: 42 }, { status: 500 })]).client.getSecret(SECRET_ID))).toMatchObject({
      message: `gcore getSecret: secret ${SECRET_ID} failed (HTTP 500)`,
    });
  });

  it("a task answered as text is an error, not a task still running", async () => {
    expect(await failure(gcore([text("FINISHED", 200)]).client.waitForTask("t1"))).toMatchObject({
      code: ProviderApiError.code,
      operation: "waitForTask",
      status: 200,
    });
  });

  it("the client's taskPolling timeout bounds a wait, and the message names the task", async () => {
    vi.useFakeTimers();
    const { client } = gcore([task("RUNNING")], { taskPolling: { intervalMs: 1_000, timeoutMs: 10_000 } });
    const waiting = failure(client.waitForTask("t1"));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await waiting).toMatchObject({ name: "TimeoutError", message: "gcore waitForTask: gave up waiting for task t1 after 10 s" });
  });
});

describe("after an upload", () => {
  it("a refused upload is not looked up: the refusal stands, one request", async () => {
    const { client, calls } = gcore([json({ message: "name taken" }, { status: 409 })]);
    expect(await failure(client.uploadCertificateAndWait(upload))).toBeInstanceOf(ConflictError);
    expect(calls()).toEqual(["POST /cloud/v2/secrets/1/76"]);
  });

  it("the lookup after a lost answer lists in the wait's project and region, and a failure of its own stands", async () => {
    const { client, calls } = gcore([networkError("ECONNRESET"), json({ message: "bad key" }, { status: 401 })]);
    const error = await failure(client.uploadCertificateAndWait(upload, { projectId: 5, regionId: 6 }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(calls()).toEqual(["POST /cloud/v2/secrets/5/6", "GET /cloud/v1/secrets/5/6?limit=1000&offset=0"]);
  });

  it("the lookup polls at the client's taskPolling interval and stops on the caller's abort, naming what it waited for", async () => {
    vi.useFakeTimers();
    const { client, calls } = gcore([networkError("ECONNRESET"), json({ count: 0, results: [] })], { taskPolling: { intervalMs: 2_000 } });
    const controller = new AbortController();
    const waiting = failure(client.uploadCertificateAndWait(upload, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls()).toHaveLength(3);
    controller.abort(new Error("enough"));
    const error = await waiting;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ message: "gcore uploadCertificate: aborted while waiting for certificate lb-cert to be listed" });
  });

  it("an upload's refusal of its own fields happens before anything is sent", async () => {
    const { client, fetch } = gcore([json({ tasks: ["t1"] })]);
    expect(await failure(client.uploadCertificateAndWait({ ...upload, certificate: "x" }))).toBeInstanceOf(ValidationError);
    expect(fetch.requests).toHaveLength(0);
  });
});

describe("PEM checks are linear in the input", () => {
  it("a megabyte of BEGIN lines without an END is refused after one pass, as is every label but the right one", async () => {
    const { client, fetch } = gcore([json({ tasks: ["t"] })]);
    // The backtracking pattern this replaces did not finish on it (40,000 BEGINs × a megabyte each).
    const hostile = "-----BEGIN CERTIFICATE-----\n".repeat(40_000);
    expect(await failure(client.uploadCertificate({ ...upload, certificate: hostile }))).toMatchObject({ field: "certificate" });
    for (const [field, value] of [
      ["certificate", "-----BEGIN X509 CERTIFICATE-----\nA\n-----END X509 CERTIFICATE-----"],
      ["privateKey", "-----BEGIN PRIVATE KEY-----\nA\n-----END RSA PRIVATE KEY-----"],
      ["certificateChain", "-----BEGIN CERTIFICATE-----\nA"],
    ] as const)
      expect(await failure(client.uploadCertificate({ ...upload, [field]: value })), field).toMatchObject({ field });
    expect(await client.uploadCertificate({ ...upload, privateKey: fakePem("PRIVATE", "A").replaceAll("PRIVATE", "EC PRIVATE") })).toEqual({
      taskIds: ["t"],
    });
    expect(fetch.requests).toHaveLength(1);
  });
});
