// upload-body.ts: the upload body checked before it is sent; PEM checks are linear in the input.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakePem, json } from "../../testing/observed-fetch.js";
import { failure, gcoreOn } from "../../testing/clients.js";
import { uploadBody } from "./upload-body.js";

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

describe("which text is a PEM block", () => {
  const context = { provider: "gcore", operation: "uploadCertificate" };
  const block = (label: string, body = "MIIB") => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
  const refusal = (field: "certificate" | "privateKey", value: string) => {
    try {
      uploadBody({ ...upload, [field]: value }, context);
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it.each([
    ["certificate", "after other text (openssl's Bag Attributes)", `Bag Attributes\n    localKeyID: 01\n${block("CERTIFICATE")}`],
    ["certificate", "after a block of another label", `${block("X509 CRL")}${block("CERTIFICATE")}`],
    ["privateKey", "PKCS#8", block("PRIVATE KEY")],
    ["privateKey", "with one word before PRIVATE KEY", block("RSA PRIVATE KEY")],
    ["privateKey", "a label of 40 characters", block(`${"A".repeat(28)} PRIVATE KEY`)],
  ] as const)("%s %s is taken", (field, _label, value) => {
    expect(refusal(field, value)).toBeUndefined();
  });

  it.each([
    ["certificate", "a BEGIN line that never closes", "-----BEGIN CERTIFICATE\nMIIB\n"],
    ["certificate", "a BEGIN line whose dashes are also the END's", "-----BEGIN CERTIFICATE-----END CERTIFICATE-----"],
    ["privateKey", "a label of 41 characters", block(`${"A".repeat(29)} PRIVATE KEY`)],
    ["privateKey", "lower case before PRIVATE KEY", block("rsa PRIVATE KEY")],
    ["privateKey", "words after PRIVATE KEY", block("PRIVATE KEY BLOB")],
    ["privateKey", "a public key", block("PUBLIC KEY")],
  ] as const)("%s %s is refused", (field, _label, value) => {
    expect(refusal(field, value)).toMatchObject({ code: "ERR_VALIDATION", field, operation: "uploadCertificate" });
  });

  it("an expiry must be a date of the years 0 to 9999; one given is sent as RFC 3339", () => {
    const expiresAt = new Date("2027-01-01T00:00:00Z");
    expect(uploadBody({ ...upload, expiresAt }, context).expiration).toBe("2027-01-01T00:00:00.000Z");
    for (const bad of [new Date(Number.NaN), new Date("+010000-01-01T00:00:00Z"), "2027-01-01"])
      expect(() => uploadBody({ ...upload, expiresAt: bad as Date }, context), String(bad)).toThrow(
        expect.objectContaining({ code: "ERR_VALIDATION", field: "expiresAt" }),
      );
  });
});
