// The emulators' shared server: the bounded request log, fault names checked when injected, and the faults that shape
// an answer's body (cut after the headers, or trickled), observed from a raw HTTP client.
import { describe, expect, it } from "vitest";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { rawRequest } from "../testing/raw-http.js";
import { boundedLog, type Reply, startEmulatorServer } from "./server.js";
import { startVoximplantEmulator } from "./voximplant.js";

type Op = "read" | "write";
const serve = emulatorPerTest((options: { requestLogSize?: number }) => startEmulatorServer<Op>(vendor(), options));
const voximplant = emulatorPerTest(startVoximplantEmulator);

const BODY = { value: "x".repeat(100) };
let writes = 0;
function vendor() {
  writes = 0;
  return {
    name: "Test",
    operations: ["read", "write"] as const,
    operation: (call: { rawPath: string }) =>
      (call.rawPath === "/read" ? "read" : call.rawPath === "/write" ? "write" : "unknown") as Op | "unknown",
    handle: (_call: unknown, operation: Op | "unknown"): Reply => {
      if (operation === "write") writes += 1;
      return { status: 200, json: { ...BODY, writes } };
    },
    rateLimited: (): Reply => ({ status: 429, text: "slow down" }),
    vendorError: (code: number | string): Reply => ({ status: 500, json: { code } }),
  };
}
async function start(options: { requestLogSize?: number } = {}) {
  return { server: await serve(options), writes: () => writes };
}

describe("the request log", () => {
  it("keeps the last requestLogSize arrivals, oldest dropped first", async () => {
    const { server } = await start({ requestLogSize: 3 });
    for (const path of ["/read", "/write", "/read", "/write", "/nothing"]) await rawRequest(server.url, path);
    expect(server.requests.map((arrival) => arrival.operation)).toEqual(["read", "write", "unknown"]);
  });

  it("keeps 1000 by default", { timeout: 60_000 }, async () => {
    const { server } = await start();
    // fetch keeps its connections alive: 1005 arrivals cost 1005 requests, not 1005 connections.
    const send = (path: string) => fetch(`${server.url}${path}`).then((response) => response.arrayBuffer());
    for (let batch = 0; batch < 10; batch += 1) await Promise.all(Array.from({ length: 100 }, () => send("/read")));
    for (let write = 0; write < 5; write += 1) await send("/write");
    expect(server.requests).toHaveLength(1000);
    expect(server.requests.slice(-5).map((arrival) => arrival.operation)).toEqual(Array(5).fill("write"));
  });

  it("is a ring: the last entries in arrival order, whatever the size (0 keeps none, Infinity all)", () => {
    for (const [size, pushes] of [
      [3, 10],
      [3, 2],
      [0, 5],
      [Number.POSITIVE_INFINITY, 7],
      [100_000, 300_000],
    ] as const) {
      const log = boundedLog<number>(size);
      for (let entry = 0; entry < pushes; entry += 1) log.push(entry);
      const kept = Math.min(size, pushes);
      const entries = log.entries();
      expect([entries.length, entries[0], entries.at(-1)]).toEqual([kept, kept ? pushes - kept : undefined, kept ? pushes - 1 : undefined]);
      expect(entries.every((entry, index) => index === 0 || entry === entries[index - 1]! + 1)).toBe(true);
    }
  });

  it("refuses a negative size", async () => {
    await expect(start({ requestLogSize: -1 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe("fault names", () => {
  it("an operation the emulator does not have throws, naming the valid ones", async () => {
    const { server } = await start();
    // @ts-expect-error "reed" is not an operation of this emulator: the faults are typed per vendor.
    expect(() => server.faults.inject("reed", { kind: "hang" })).toThrow(
      new TypeError('unknown operation "reed" for the Test emulator; valid: read, write, or "*"'),
    );
    expect(() => server.faults.inject("*", { kind: "hang" })).not.toThrow();
  });

  it("each vendor's emulator checks its own names (Voximplant's AddSecret, not addSecret)", async () => {
    const emulator = await voximplant({});
    // @ts-expect-error the Voximplant operation is AddSecret.
    expect(() => emulator.faults.inject("addSecret", { kind: "reset", when: "after" })).toThrow(
      /valid: AddSecret, GetSecrets, GetSecretValue/,
    );
    expect(() => emulator.faults.inject("AddSecret", { kind: "reset", when: "after" })).not.toThrow();
  });

  it("an unknown fault kind and a times below 1 throw", async () => {
    const { server } = await start();
    // @ts-expect-error no such kind.
    expect(() => server.faults.inject("read", { kind: "explode" })).toThrow(TypeError);
    expect(() => server.faults.inject("read", { kind: "hang" }, { times: 0 })).toThrow(RangeError);
  });
});

describe("body faults", () => {
  it("truncated-body: the write is applied, the headers promise the whole body, the connection closes after afterBytes", async () => {
    const { server, writes } = await start();
    server.faults.inject("write", { kind: "truncated-body", afterBytes: 10 });
    const answer = await rawRequest(server.url, "/write", { method: "POST" });
    const whole = JSON.stringify({ ...BODY, writes: 1 });
    expect([answer.status, answer.headers["content-length"], answer.body, answer.aborted]).toEqual([
      200,
      String(whole.length),
      whole.slice(0, 10),
      expect.any(String),
    ]);
    expect(writes()).toBe(1);
    expect(server.requests[0]).toMatchObject({ operation: "write", status: 200, fault: "truncated-body" });
  });

  it("truncated-body: half the body by default", async () => {
    const { server } = await start();
    server.faults.inject("read", { kind: "truncated-body" });
    const answer = await rawRequest(server.url, "/read");
    expect(answer.body.length).toBe(Math.floor(Number(answer.headers["content-length"]) / 2));
    expect(answer.aborted).toBeDefined();
  });

  it("slow-body: the whole body arrives, chunkBytes at a time", async () => {
    const { server } = await start();
    server.faults.inject("read", { kind: "slow-body", chunkBytes: 16, intervalMs: 1 });
    const chunks: number[] = [];
    const url = new URL(server.url);
    const { request } = await import("node:http");
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: url.hostname, port: url.port, path: "/read", agent: false }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk.length);
          text += chunk;
        });
        response.on("end", () => resolve(text));
      })
        .on("error", reject)
        .end();
    });
    expect(JSON.parse(body)).toEqual({ ...BODY, writes: 0 });
    expect(Math.max(...chunks)).toBeLessThanOrEqual(16);
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(body.length / 16));
  });

  it("slow-body: close() ends an answer still trickling", async () => {
    const { server } = await start();
    server.faults.inject("read", { kind: "slow-body", chunkBytes: 1, intervalMs: 1_000 });
    const pending = rawRequest(server.url, "/read");
    await expect.poll(() => server.requests.length).toBe(1);
    await server.close();
    const answer = await pending;
    expect(answer.aborted).toBeDefined();
    expect(answer.body.length).toBeLessThan(5);
  });
});
