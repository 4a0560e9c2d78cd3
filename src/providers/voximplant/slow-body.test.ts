// A Voximplant answer whose headers arrive but whose body never ends: the call ends in TimeoutError at timeoutMs
// (real fetch, real loopback server), not in a ProviderApiError wrapping undici's TypeError.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { TimeoutError } from "../../core/errors.js";
import { testRsaKey } from "../../testing/observed-fetch.js";
import { createVoximplantClient } from "./client.js";

describe("a slow Voximplant body", () => {
  it("ends in TimeoutError for a read, and in OutcomeUnknownError (cause TimeoutError) for a write", async () => {
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"result":');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createVoximplantClient({
        baseUrl: `http://127.0.0.1:${port}/platform_api`,
        credentials: { accountId: 1, keyId: "k", privateKey: testRsaKey().privateKeyPem },
        application: { id: 1 },
        timeoutMs: 300,
        maxRetries: 0,
        env: {},
      });
      const read = await client.getSecret({ id: 10 }).catch((caught: unknown) => caught);
      expect(read).toBeInstanceOf(TimeoutError);
      expect((read as Error).message).toBe("voximplant GetSecretValue: no complete answer within 300 ms");
      const write = await client.addSecret({ name: "a", value: "b" }).catch((caught: unknown) => caught);
      expect(write).toMatchObject({ code: "ERR_OUTCOME_UNKNOWN" });
      expect((write as Error).cause).toBeInstanceOf(TimeoutError);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
