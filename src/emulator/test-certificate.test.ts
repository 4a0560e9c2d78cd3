// testCertificate(): a key, a certificate and its chain that match, made at call time, usable for a Gcore upload and
// for TLS (OpenSSL accepts the CA as an issuer; Node checks the leaf's names).
import { createPrivateKey, X509Certificate } from "node:crypto";
import { createServer, request } from "node:https";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createTestCertificates, testCertificate } from "./test-certificate.js";

describe("testCertificate", () => {
  it("makes a key, a certificate and a chain that match", async () => {
    const made = await testCertificate({ hostname: "shop.example" });
    const leaf = new X509Certificate(made.certificate);
    const ca = new X509Certificate(made.certificateChain);
    expect(leaf.checkPrivateKey(createPrivateKey(made.privateKey))).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect([ca.ca, leaf.ca]).toEqual([true, false]);
    expect([leaf.checkHost("shop.example"), leaf.checkIP("127.0.0.1")]).toEqual(["shop.example", "127.0.0.1"]);
    // PKCS#8 PEM: exported again as PKCS#8, it is the same text.
    expect(createPrivateKey(made.privateKey).export({ type: "pkcs8", format: "pem" })).toBe(made.privateKey);
  });

  it("makes new keys on every call, valid from now for the days asked", async () => {
    const [first, second] = await Promise.all([testCertificate(), testCertificate({ days: 2 })]);
    expect(first.privateKey).not.toBe(second.privateKey);
    const leaf = new X509Certificate(second.certificate);
    expect(Date.parse(leaf.validTo) - Date.now()).toBeGreaterThan(86_400_000);
    expect(Date.parse(leaf.validTo) - Date.now()).toBeLessThanOrEqual(2 * 86_400_000);
    expect(Date.parse(leaf.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(new X509Certificate(first.certificate).checkHost("localhost")).toBe("localhost");
  });

  it("serves TLS: a client that trusts the chain connects to 127.0.0.1", async () => {
    const made = await testCertificate();
    const server = createServer({ key: made.privateKey, cert: made.certificate }, (_request, response) => response.end("hello"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        request({ host: "127.0.0.1", port, ca: made.certificateChain, agent: false }, (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk));
          response.on("end", () => resolve(text));
        })
          .on("error", reject)
          .end();
      });
      expect(body).toBe("hello");
    } finally {
      server.close();
    }
  });

  it("keeps the CLI's createTestCertificates shape (a CA and a leaf with KeyObjects)", async () => {
    const { ca, leaf } = await createTestCertificates("cli.example.com");
    expect(new X509Certificate(leaf.certificate).checkPrivateKey(leaf.key)).toBe(true);
    expect(new X509Certificate(ca.certificate).subject).toBe("CN=cli.example.com test CA");
  });
});
