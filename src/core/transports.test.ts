// The transport a client sends with: node:http loaded on first use (or fetch), its idle connections closed on
// request, and nothing left that keeps the process alive after the last call.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { Cancellation } from "./cancellation.js";
import { createClientTransport } from "./transports.js";
import { ROOT } from "../testing/cli-process.js";
import { type LoopbackServer, loopbackServer } from "../testing/loopback-server.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
});
const bounds = () => ({ cancellation: new Cancellation(), maxResponseBytes: 1024 });

describe("createClientTransport", () => {
  it("the Node transport: loaded at the first call, close() ends its idle connections", async () => {
    server = await loopbackServer((_request, response) => response.end("ok"));
    const transport = createClientTransport({ transport: "node", fetch: () => Promise.reject(new Error("not fetch")) });
    expect((await transport({ method: "GET", url: server.url, headers: {} }, bounds())).text).toBe("ok");
    expect((await transport({ method: "GET", url: server.url, headers: {} }, bounds())).text).toBe("ok");
    expect(server.connections()).toBe(1);
    transport.close();
    await server.requests[0]!.closed;
  });

  it("the fetch transport uses the fetch it is given", async () => {
    const transport = createClientTransport({ transport: "fetch", fetch: async () => new Response("given") });
    expect((await transport({ method: "GET", url: "https://api.test/", headers: {} }, bounds())).text).toBe("given");
    expect(() => transport.close()).not.toThrow();
  });

  it("a process whose client made a call exits by itself: no socket or timer is left", { timeout: 60_000 }, async () => {
    server = await loopbackServer((_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end('{"db":"v"}'),
    );
    // The server keeps idle connections open for a minute: only the client's side can let the process end.
    // A client core on its default transport (node:http, on Node), through the whole request path.
    const script = [
      'const { createProviderClient } = await import("./src/core/provider-client.ts");',
      "const client = createProviderClient({",
      `  provider: "example", options: {}, baseUrl: { value: ${JSON.stringify(server.url)}, from: "test" },`,
      '  operations: { read: { method: "get", path: "/read", repeatable: true } }, classify: () => ({ kind: "ok" }),',
      "});",
      'console.log(JSON.stringify(await client.call("read", {}, {}, (answer) => answer.body)));',
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], { cwd: ROOT });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect([code, output.trim()]).toEqual([0, '{"db":"v"}']);
    expect(server.connections()).toBe(1);
  });
});
