// tasks.ts: task polling, and answers that are not what they should be (an upload without a task list, a task as text).
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProviderApiError } from "../../core/errors.js";
import { fakePem, json, hang, text } from "../../testing/observed-fetch.js";
import { failure, gcoreOn } from "../../testing/clients.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };

const task = (state: string) => json({ id: "t1", task_type: "create_secret", state });

const gcore = gcoreOn;

afterEach(() => {
  vi.useRealTimers();
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
      code: ProviderApiError.code,
      status: 500,
      serverMessage: undefined,
    });
  });

  it("a task answered as text is an error, not a task still running", async () => {
    expect(await failure(gcore([text("FINISHED", 200)]).client.waitForTask("t1"))).toMatchObject({
      code: ProviderApiError.code,
      operation: "waitForTask",
      status: 200,
    });
  });

  it("the caller's abort ends a poll in flight, not only the wait between polls", async () => {
    const { client } = gcore([hang]);
    const controller = new AbortController();
    const waiting = failure(client.waitForTask("t1", { signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("enough"));
    expect(await waiting).toMatchObject({ code: "ERR_ABORTED", operation: "waitForTask" });
  });

  it("the client's taskPolling timeout bounds a wait, and the message names the task", async () => {
    vi.useFakeTimers();
    const { client } = gcore([task("RUNNING")], { taskPolling: { intervalMs: 1_000, timeoutMs: 10_000 } });
    const waiting = failure(client.waitForTask("t1"));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await waiting).toMatchObject({ name: "TimeoutError", code: "ERR_TIMEOUT", provider: "gcore", operation: "waitForTask" });
  });
});
