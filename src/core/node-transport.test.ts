// The Node transport keeps every transport guarantee (the shared suite), and what is its own: its connections.
import { afterEach, describe, expect, it } from "vitest";
import { describeTransport } from "../testing/transport-suite.js";
import { type LoopbackServer, loopbackServer } from "../testing/loopback-server.js";
import { Cancellation } from "./cancellation.js";
import { createNodeTransport } from "./node-transport.js";

describeTransport("node:http", () => createNodeTransport());

describe("node:http connections", () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it("a cancellation after the answer has arrived leaves its connection to the next call", async () => {
    server = await loopbackServer((_request, response) => response.end("ok"));
    const transport = createNodeTransport();
    const send = (cancellation: Cancellation) =>
      transport({ method: "GET", url: server!.url, headers: {} }, { cancellation, maxResponseBytes: 1024 });
    const first = new Cancellation();
    expect((await send(first)).text).toBe("ok");
    first.cancel(new Error("too late"));
    expect((await send(new Cancellation())).text).toBe("ok");
    expect(server.connections()).toBe(1);
    transport.close();
  });
});
