// upload-and-wait.ts: after an upload, what is looked up, where, how often, and what stands when the lookup fails.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AbortedError, AuthenticationError, ConflictError, ValidationError } from "../../core/errors.js";
import { fakePem, json, networkError, hang } from "../../testing/observed-fetch.js";
import { failure, gcoreOn } from "../../testing/clients.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };

const gcore = gcoreOn;

afterEach(() => {
  vi.useRealTimers();
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
    expect(error).toMatchObject({ code: "ERR_ABORTED", provider: "gcore", operation: "uploadCertificate" });
  });

  it("the caller's abort ends the lookup's listing in flight, and the reading back of the upload: aborted, not unknown", async () => {
    const finished = json({ id: "t1", task_type: "create_secret", state: "FINISHED", created_resources: { secrets: [SECRET_ID] } });
    for (const replies of [
      [networkError("ECONNRESET"), hang],
      [json({ tasks: ["t1"] }), finished, hang],
    ]) {
      const { client, calls } = gcore(replies);
      const controller = new AbortController();
      const waiting = failure(client.uploadCertificateAndWait(upload, { signal: controller.signal }));
      while (calls().length < replies.length) await new Promise((resolve) => setImmediate(resolve));
      controller.abort(new Error("enough"));
      expect(await waiting).toBeInstanceOf(AbortedError);
    }
  });

  it("an upload's refusal of its own fields happens before anything is sent", async () => {
    const { client, fetch } = gcore([json({ tasks: ["t1"] })]);
    expect(await failure(client.uploadCertificateAndWait({ ...upload, certificate: "x" }))).toBeInstanceOf(ValidationError);
    expect(fetch.requests).toHaveLength(0);
  });
});
