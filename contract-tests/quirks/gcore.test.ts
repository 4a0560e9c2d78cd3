// Gcore quirks on the mock: asynchronous tasks (FINISHED, RUNNING, ERROR, `{tasks: []}`), error bodies
// with exception_class and request_id (404, 409), and 429 with Retry-After.
import { describe, expect, it } from "vitest";
import type { SecretsError } from "../../src/core/errors.js";
import type { GcoreTask } from "../../src/index.js";
import { gcoreClient, pem } from "../support/clients.js";
import { mockUrl } from "../support/context.js";
import { exampleOf } from "../support/specs.js";
import { checkedFetches, type Prefer } from "../support/strict-fetch.js";

const strict = checkedFetches("gcore");
const client = (prefer?: Prefer, maxRetries = 0) => {
  const fetch = strict({ prefer });
  return { fetch, gcore: gcoreClient({ baseUrl: mockUrl("gcore"), fetch, maxRetries }) };
};
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as SecretsError,
  );
const upload = () => ({ name: "lb-cert", certificate: pem.certificate, privateKey: pem.privateKey, certificateChain: pem.certificate });
const secretId = (exampleOf("gcore", "SecretViewSet.get", "200", "certificate") as { id: string }).id;
const failedTask = exampleOf("gcore", "TaskInstanceViewSet.get", "200", "error") as { id: string; error: string };

describe("tasks", () => {
  it("FINISHED: the upload answers the created secret after one poll", async () => {
    const { fetch, gcore } = client();
    expect(await gcore.uploadCertificateAndWait(upload())).toMatchObject({ id: secretId, type: "certificate" });
    expect(fetch.operations()).toEqual(["SecretsViewSetV2.post", "TaskInstanceViewSet.get", "SecretViewSet.get"]);
    expect(JSON.parse(fetch.exchanges[0]!.requestBody)).toMatchObject({
      name: "lb-cert",
      payload: { certificate: expect.stringContaining("BEGIN CERTIFICATE") },
    });
  });

  it("RUNNING, then FINISHED: polled again after the interval, progress reported", async () => {
    const { fetch, gcore } = client((operation, index) =>
      operation === "TaskInstanceViewSet.get" && index === 0 ? "example=running" : undefined,
    );
    const progress: GcoreTask[] = [];
    const task = await gcore.waitForTask(failedTask.id, { intervalMs: 1_000, onProgress: (seen) => progress.push(seen) });
    expect(task.state).toBe("FINISHED");
    expect(progress.map((seen) => seen.state)).toEqual(["RUNNING"]);
    expect(fetch.operations()).toEqual(["TaskInstanceViewSet.get", "TaskInstanceViewSet.get"]);
  });

  it("ERROR: TaskFailedError with the task's id and reason", async () => {
    const { gcore } = client({ "TaskInstanceViewSet.get": "example=error" });
    const error = await caught(gcore.uploadCertificateAndWait(upload()));
    expect(error).toMatchObject({ name: "TaskFailedError", code: "ERR_TASK_FAILED", taskId: failedTask.id });
    expect(error?.message).toContain(failedTask.error);
  });

  it("{tasks: []}: deleting with nothing to do polls no task", async () => {
    const { fetch, gcore } = client("example=nothingToDo");
    await gcore.deleteSecret(secretId);
    expect(fetch.operations()).toEqual(["SecretViewSet.delete"]);
    expect(JSON.parse(fetch.exchanges[0]!.responseBody)).toEqual({ tasks: [] });
  });
});

describe("error answers", () => {
  it("404: NotFoundError with exception_class and request_id", async () => {
    const { fetch, gcore } = client("code=404, example=notFound");
    const error = await caught(gcore.getSecret(secretId));
    const body = JSON.parse(fetch.exchanges[0]!.responseBody) as { exception_class: string; request_id: string; message: string };
    expect(error).toMatchObject({ name: "NotFoundError", status: 404, providerCode: body.exception_class, requestId: body.request_id });
    expect(error?.message).toContain(body.message);
  });

  it("409 on upload: ConflictError, not retried (a create may have happened)", async () => {
    const { fetch, gcore } = client("code=409, example=exists", 2);
    expect(await caught(gcore.uploadCertificate(upload()))).toMatchObject({
      name: "ConflictError",
      code: "ERR_CONFLICT",
      status: 409,
      providerCode: "ConflictError",
    });
    expect(fetch.exchanges).toHaveLength(1);
  });

  it("429: RateLimitedError carrying the Retry-After delay", async () => {
    const { fetch, gcore } = client("code=429, example=rateLimited");
    const error = (await caught(gcore.getSecret(secretId))) as SecretsError & { retryAfterMs?: number };
    const retryAfter = fetch.exchanges[0]!.responseHeaders.get("retry-after");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(error).toMatchObject({ name: "RateLimitedError", status: 429, providerCode: "TooManyRequests" });
    expect(error.retryAfterMs).toBe(Number(retryAfter) * 1000);
  });

  it("the API key travels as 'APIKey <token>'", async () => {
    const { fetch, gcore } = client();
    await gcore.getSecret(secretId);
    expect(fetch.exchanges[0]!.requestHeaders.get("authorization")).toBe("APIKey contract-test");
  });
});
