// An upload whose answer was lost: the client looks the name up before giving up, and never uploads twice.
import { afterEach, describe, expect, it, vi } from "vitest";
import { OutcomeUnknownError } from "../../core/errors.js";
import { fakePem, json, networkError, observedFetch, type Reply } from "../../testing/observed-fetch.js";
import { createGcoreClient } from "./client.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const secret = { id: SECRET_ID, name: "lb-cert", secret_type: "certificate", status: "ACTIVE", created: "2026-03-23T20:00:00+00:00" };
const other = { ...secret, id: "0b8c2f6e-0000-4000-8000-000000000001", name: "lb-cert-old" };
const listed = (...results: object[]) => json({ count: results.length, results });
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };

function gcore(...replies: Reply[]) {
  const fetch = observedFetch(...replies);
  const client = createGcoreClient({ baseUrl: "https://gcore.test", apiKey: "key-1", projectId: 1, regionId: 76, fetch, env: {} });
  const calls = () => fetch.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
  return { client, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("an upload whose answer was lost", () => {
  it("is found by its name once its task has finished, and returned; the upload is sent once", async () => {
    vi.useFakeTimers();
    const { client, calls } = gcore(networkError("ECONNRESET"), listed(other), listed(other, secret), json(secret));
    const done = client.uploadCertificateAndWait(upload);
    await vi.runAllTimersAsync();
    expect((await done).id).toBe(SECRET_ID);
    expect(calls()).toEqual([
      "POST /cloud/v2/secrets/1/76",
      "GET /cloud/v1/secrets/1/76",
      "GET /cloud/v1/secrets/1/76",
      `GET /cloud/v1/secrets/1/76/${SECRET_ID}`,
    ]);
  });

  it("not listed within the lookup window: OutcomeUnknownError that says what to do", async () => {
    vi.useFakeTimers();
    const { client, calls } = gcore(networkError("ECONNRESET"), listed(other));
    const done = client.uploadCertificateAndWait(upload, { timeoutMs: 10_000 }).catch((caught: unknown) => caught);
    await vi.runAllTimersAsync();
    const error = await done;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toMatch(/certificate lb-cert was not listed within 10 s: .*list the secrets before uploading/);
    expect((error as Error).cause).toBeInstanceOf(OutcomeUnknownError);
    expect(calls().filter((call) => call.startsWith("POST"))).toHaveLength(1);
    // Every 3 s for 10 s: the first look at once, then at 3, 6 and 9 s.
    expect(calls().filter((call) => call === "GET /cloud/v1/secrets/1/76")).toHaveLength(4);
  });

  it("uploadCertificate alone reports the lost answer and does not look", async () => {
    const { client, calls } = gcore(networkError("ECONNRESET"));
    await expect(client.uploadCertificate(upload)).rejects.toMatchObject({ code: "ERR_OUTCOME_UNKNOWN" });
    expect(calls()).toEqual(["POST /cloud/v2/secrets/1/76"]);
  });
});
