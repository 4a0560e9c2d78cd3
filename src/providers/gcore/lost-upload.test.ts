// An upload whose answer was lost: the client looks for the certificate the upload made — proven by its name, type,
// creation time and expiry — before giving up, never takes another certificate for it, and never uploads twice.
import { afterEach, describe, expect, it, vi } from "vitest";
import { OutcomeUnknownError } from "../../core/errors.js";
import { fakePem, json, networkError, observedFetch, type Reply } from "../../testing/observed-fetch.js";
import { createGcoreClient } from "./client.js";
import { CLOCK_SKEW_MS, findLostUpload } from "./lost-upload.js";
import type { GcoreSecret } from "./wire.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const OLD_ID = "0b8c2f6e-0000-4000-8000-000000000001";
/** A certificate named lb-cert, created `ago` ms before now (the clock's when the fixture is made, before the upload). */
const certificate = (id: string, ago: number, extra: object = {}) => {
  const created = new Date(Date.now() - ago).toISOString();
  return () => ({ id, name: "lb-cert", secret_type: "certificate", status: "ACTIVE", created, ...extra });
};
const listed =
  (...secrets: Array<() => object>) =>
  () =>
    json({ count: secrets.length, results: secrets.map((each) => each()) });
const other = () => certificate("11111111-0000-4000-8000-000000000002", 0, { name: "lb-cert-2" })();
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };

function gcore(...replies: Reply[]) {
  const fetch = observedFetch(...replies);
  const client = createGcoreClient({ baseUrl: "https://gcore.test", apiKey: "key-1", projectId: 1, regionId: 76, fetch, env: {} });
  const calls = () => fetch.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
  return { client, calls };
}
const settled = async <T>(promise: Promise<T>) => {
  const outcome = promise.catch((caught: unknown) => caught);
  await vi.runAllTimersAsync();
  return await outcome;
};

afterEach(() => {
  vi.useRealTimers();
});

describe("an upload whose answer was lost", () => {
  it("is found once its task has finished, made after the upload started, and returned; the upload is sent once", async () => {
    vi.useFakeTimers();
    const made = certificate(SECRET_ID, 0);
    const { client, calls } = gcore(networkError("ECONNRESET"), listed(other), listed(other, made), () => json(made()));
    expect(await settled(client.uploadCertificateAndWait(upload))).toMatchObject({ id: SECRET_ID });
    expect(calls()).toEqual([
      "POST /cloud/v2/secrets/1/76",
      "GET /cloud/v1/secrets/1/76",
      "GET /cloud/v1/secrets/1/76",
      `GET /cloud/v1/secrets/1/76/${SECRET_ID}`,
    ]);
  });

  it("never takes a certificate of that name made before the upload (the name was taken): outcome unknown, saying so", async () => {
    vi.useFakeTimers();
    const taken = certificate(OLD_ID, 2 * 365 * 86_400_000);
    const { client, calls } = gcore(networkError("ECONNRESET"), listed(taken));
    const error = await settled(client.uploadCertificateAndWait(upload, { timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ operation: "uploadCertificate", cause: expect.any(OutcomeUnknownError) });
    // What was found is named, so that the caller can tell it is not theirs.
    expect((error as Error).message).toContain(OLD_ID);
    expect(calls().some((call) => call.endsWith(OLD_ID))).toBe(false);
  });

  it("a certificate made within the clock-skew margin is the upload; one made just before it is not", async () => {
    vi.useFakeTimers();
    const inside = gcore(networkError("ECONNRESET"), listed(certificate(SECRET_ID, CLOCK_SKEW_MS - 1_000)), () =>
      json(certificate(SECRET_ID, 0)()),
    );
    expect(await settled(inside.client.uploadCertificateAndWait(upload))).toMatchObject({ id: SECRET_ID });
    const outside = gcore(networkError("ECONNRESET"), listed(certificate(OLD_ID, CLOCK_SKEW_MS + 1_000)));
    expect(await settled(outside.client.uploadCertificateAndWait(upload, { timeoutMs: 5_000 }))).toBeInstanceOf(OutcomeUnknownError);
  });

  it("an expiry other than the upload's is not the upload; two candidates are outcome unknown at once", async () => {
    vi.useFakeTimers();
    const expiresAt = new Date("2030-01-01T00:00:00Z");
    const wrongExpiry = gcore(networkError("ECONNRESET"), listed(certificate(SECRET_ID, 0, { expiration: "2031-01-01T00:00:00Z" })));
    expect(await settled(wrongExpiry.client.uploadCertificateAndWait({ ...upload, expiresAt }, { timeoutMs: 5_000 }))).toBeInstanceOf(
      OutcomeUnknownError,
    );
    const twice = gcore(networkError("ECONNRESET"), listed(certificate(SECRET_ID, 0), certificate(OLD_ID, 0)));
    const error = await settled(twice.client.uploadCertificateAndWait(upload));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(twice.calls().filter((call) => call === "GET /cloud/v1/secrets/1/76")).toHaveLength(1);
  });

  it("not listed within the lookup window: OutcomeUnknownError, the lookup every 3 s", async () => {
    vi.useFakeTimers();
    const { client, calls } = gcore(networkError("ECONNRESET"), listed(other));
    const error = await settled(client.uploadCertificateAndWait(upload, { timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
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

describe("an accepted write whose task cannot be read", () => {
  it("is an OutcomeUnknownError naming the task, for an upload and a deletion; the task's own failure stays TaskFailedError", async () => {
    const accepted = json({ tasks: ["t-9"] });
    const upload_ = gcore(accepted, networkError("ECONNRESET"));
    const lostPoll = await upload_.client.uploadCertificateAndWait(upload).catch((caught: unknown) => caught);
    expect(lostPoll).toMatchObject({ code: "ERR_OUTCOME_UNKNOWN", operation: "waitForTask", cause: { code: "ERR_CONNECTION" } });
    expect((lostPoll as Error).message).toContain("t-9");
    const deletion = gcore(accepted, json({ message: "gone" }, { status: 500 }));
    expect(await deletion.client.deleteSecret(SECRET_ID, { intervalMs: 1_000 }).catch((caught: unknown) => caught)).toMatchObject({
      code: "ERR_OUTCOME_UNKNOWN",
    });
    const failed = gcore(
      accepted,
      json({ id: "t-9", state: "ERROR", task_type: "create_secret", user_id: 1, created_on: null, error: "bad" }),
    );
    expect(await failed.client.uploadCertificateAndWait(upload).catch((caught: unknown) => caught)).toMatchObject({
      code: "ERR_TASK_FAILED",
    });
  });
});

describe("findLostUpload: which listed secret is the upload", () => {
  const STARTED = Date.parse("2026-12-03T10:00:00Z");
  const lost = new OutcomeUnknownError("answer lost", { provider: "gcore", operation: "uploadCertificate" });
  const secret = (id: string, extra: Partial<GcoreSecret> = {}): GcoreSecret => ({
    id,
    key: id,
    name: "lb-cert",
    type: "certificate",
    status: "ACTIVE",
    createdAt: new Date(STARTED + 1_000),
    ...extra,
  });
  /** Looks once (a timeout shorter than the interval) through a list that answers `secrets`. */
  const find = (secrets: GcoreSecret[], upload: { expiresAt?: Date } = {}) =>
    findLostUpload(
      async function* () {
        yield* secrets;
      },
      { name: "lb-cert", startedAt: STARTED, ...upload },
      lost,
      { intervalMs: 1_000, timeoutMs: 1 },
    ).catch((error: unknown) => error);

  it("takes the certificate of that name created after the upload started, or up to the clock-skew margin before", async () => {
    expect(await find([secret("a")])).toMatchObject({ id: "a" });
    expect(await find([secret("edge", { createdAt: new Date(STARTED - CLOCK_SKEW_MS) })])).toMatchObject({ id: "edge" });
  });

  it("takes it with the expiry the upload asked for, and only with it", async () => {
    const expiresAt = new Date("2027-01-01T00:00:00Z");
    expect(await find([secret("a", { expiresAt: new Date(expiresAt) })], { expiresAt })).toMatchObject({ id: "a" });
    for (const listedExpiry of [undefined, new Date("2028-01-01T00:00:00Z")]) {
      const found = await find([secret("a", { expiresAt: listedExpiry })], { expiresAt });
      expect(found, String(listedExpiry)).toBeInstanceOf(OutcomeUnknownError);
      expect((found as Error).message).toContain("a (created 2026-12-03T10:00:01.000Z)");
    }
  });

  it("never takes one created earlier than the margin, one without a creation time, or a secret of another type", async () => {
    for (const listed of [
      secret("old", { createdAt: new Date(STARTED - CLOCK_SKEW_MS - 1) }),
      secret("undated", { createdAt: undefined }),
      secret("opaque", { type: "opaque" }),
    ]) {
      const found = await find([listed]);
      expect(found, listed.id).toMatchObject({ code: "ERR_OUTCOME_UNKNOWN", operation: "uploadCertificate", cause: lost });
    }
    // What was found is named, with its time, so that the caller can tell it is not theirs; a secret of another type is not.
    expect(((await find([secret("undated", { createdAt: undefined })])) as Error).message).toContain(
      "undated (created at an unknown time)",
    );
    expect(((await find([secret("opaque", { type: "opaque" })])) as Error).message).not.toContain("opaque");
  });

  it("two made since the start cannot be told apart: neither is taken", async () => {
    expect(await find([secret("a"), secret("b")])).toMatchObject({ code: "ERR_OUTCOME_UNKNOWN", cause: lost });
  });
});
