// TLS is verified on both transports: a server whose certificate no trusted CA signed is refused before anything is
// sent. (Here rather than in the shared transport suite of src/testing while the certificate generator lives with the
// CLI, which src/core and src/testing may not import.)
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createTestCertificates } from "./cli/self-signed.js";
import { Cancellation } from "./core/cancellation.js";
import { createFetchTransport } from "./core/fetch-transport.js";
import type { HttpTransport } from "./core/http.js";
import { createNodeTransport } from "./core/node-transport.js";
import { networkErrorCode } from "./core/retry.js";

describe.each([
  ["node:http", () => createNodeTransport()],
  ["fetch", () => createFetchTransport((request) => fetch(request))],
] as Array<[string, () => HttpTransport]>)("the %s transport", (_name, make) => {
  it("verifies TLS: a server whose certificate no trusted CA signed is refused before anything is sent", { timeout: 30_000 }, async () => {
    const { leaf } = await createTestCertificates("127.0.0.1");
    const server = createHttpsServer({ key: leaf.privateKey, cert: leaf.certificate }, (_request, response) => response.end("{}"));
    const requests: string[] = [];
    server.on("request", (request: { url?: string }) => requests.push(request.url ?? ""));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const request = { method: "POST", url: `https://127.0.0.1:${port}/AddSecret`, headers: {}, body: "secret_value=x" };
      const error = await make()(request, { cancellation: new Cancellation(), maxResponseBytes: 1024 }).catch((caught: unknown) => caught);
      expect(networkErrorCode(error)).toMatch(/CERT|SIGNATURE|SELF_SIGNED/);
      expect(requests).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
