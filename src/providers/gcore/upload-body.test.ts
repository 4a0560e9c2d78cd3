// upload-body.ts: the upload body checked before it is sent; PEM checks are linear in the input.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakePem, json } from "../../testing/observed-fetch.js";
import { failure, gcoreOn } from "../../testing/clients.js";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };

const gcore = gcoreOn;

afterEach(() => {
  vi.useRealTimers();
});

describe("PEM checks are linear in the input", () => {
  it("a megabyte of BEGIN lines without an END is refused after one pass, as is every label but the right one", async () => {
    const { client, fetch } = gcore([json({ tasks: ["t"] })]);
    // The backtracking pattern this replaces did not finish on it (40,000 BEGINs × a megabyte each).
    const hostile = "-----BEGIN CERTIFICATE-----\n".repeat(40_000);
    expect(await failure(client.uploadCertificate({ ...upload, certificate: hostile }))).toMatchObject({ field: "certificate" });
    for (const [field, value] of [
      ["certificate", "-----BEGIN X509 CERTIFICATE-----\nA\n-----END X509 CERTIFICATE-----"],
      ["privateKey", fakePem("PRIVATE", "A").replace("END PRIVATE", "END RSA PRIVATE")], // the END names another label
      ["certificateChain", "-----BEGIN CERTIFICATE-----\nA"],
    ] as const)
      expect(await failure(client.uploadCertificate({ ...upload, [field]: value })), field).toMatchObject({ field });
    expect(await client.uploadCertificate({ ...upload, privateKey: fakePem("PRIVATE", "A").replaceAll("PRIVATE", "EC PRIVATE") })).toEqual({
      taskIds: ["t"],
    });
    expect(fetch.requests).toHaveLength(1);
  });
});
