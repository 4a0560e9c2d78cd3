// The guarantees every transport keeps, as one suite each transport's test file runs against real loopback servers:
// the whole body once, no redirect followed, the byte cap counted after decompression, the signal ending a body being
// read, network errors by code, and connection reuse.
import { createServer as createHttpsServer } from "node:https";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Cancellation } from "../core/cancellation.js";
import { type HttpTransport, ResponseTooLargeError, type WireRequest } from "../core/http.js";
import { networkErrorCode } from "../core/retry.js";
import { testCertificate } from "../emulator/index.js";
import { type Handler, type LoopbackServer, loopbackServer } from "./loopback-server.js";

const CAP = 1024 * 1024;
/** 16 MiB of zeros: about 16 KiB gzip-compressed, a few hundred bytes in brotli (made once, before the suite). */
const bombs = { gzip: Buffer.alloc(0), br: Buffer.alloc(0) };

export function describeTransport(name: string, make: () => HttpTransport): void {
  describe(`${name} transport`, () => {
    const servers: LoopbackServer[] = [];
    const serve = async (handler: Handler) => {
      const server = await loopbackServer(handler);
      servers.push(server);
      return server;
    };
    beforeAll(() => {
      if (bombs.gzip.length > 0) return;
      const zeros = Buffer.alloc(16 * CAP);
      bombs.gzip = gzipSync(zeros);
      bombs.br = brotliCompressSync(zeros);
    }, 60_000);
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => server.close()));
    });
    const send = (transport: HttpTransport, request: Partial<WireRequest> & { url: string }, cancellation = new Cancellation()) =>
      transport({ method: "GET", headers: {}, ...request }, { cancellation, maxResponseBytes: CAP });
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    it("sends the method, headers and body as given, and answers the status, headers and whole body", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(201, { "content-type": "application/json", "x-request-id": "r1" });
        response.end('{"a":"é"}');
      });
      const headers = { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer t" };
      const answer = await send(make(), { method: "POST", url: `${server.url}/AddSecret?x=1`, headers, body: "a=1&b=%C3%A9" });
      expect(answer.status).toBe(201);
      expect(answer.headers.get("x-request-id")).toBe("r1");
      expect(answer.text).toBe('{"a":"é"}');
      expect(server.requests).toMatchObject([{ method: "POST", path: "/AddSecret?x=1", headers, body: "a=1&b=%C3%A9" }]);
    });

    it("sends a text body's length in bytes, not characters", async () => {
      const server = await serve((_request, response) => response.end("{}"));
      await send(make(), { method: "POST", url: `${server.url}/w`, headers: { "content-type": "text/plain" }, body: "é€" });
      expect(server.requests[0]).toMatchObject({ body: "é€", headers: { "content-length": "5" } });
    });

    it("joins a body that arrives in pieces before reading it as UTF-8 (a character split between two pieces)", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        // "é" is C3 A9: its two bytes arrive apart.
        response.write(Buffer.from([0x22, 0xc3]), () => setTimeout(() => response.end(Buffer.from([0xa9, 0x22])), 20));
      });
      expect((await send(make(), { url: server.url })).text).toBe('"é"');
    });

    it.each([
      ["gzip", gzipSync],
      ["x-gzip", gzipSync],
      ["deflate", deflateSync],
      ["br", brotliCompressSync],
      [" GZip ", gzipSync],
    ] as const)("decodes a %j body", async (encoding, compress) => {
      const json = JSON.stringify({ value: "é".repeat(100) });
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
        response.end(compress(Buffer.from(json)));
      });
      expect((await send(make(), { url: server.url, headers: { "accept-encoding": "gzip, deflate, br" } })).text).toBe(json);
    });

    it("reads headers by any case, a repeated one joined with commas, and lists them", async () => {
      const server = await serve((_request, response) => {
        response.setHeader("x-multi", ["a", "b"]);
        response.setHeader("x-request-id", "r1");
        // node:http joins most repeated headers itself; set-cookie stays a list.
        response.setHeader("set-cookie", ["a=1", "b=2"]);
        response.end("{}");
      });
      const { headers } = await send(make(), { url: server.url });
      const read = ["X-Multi", "x-request-id", "Set-Cookie", "x-absent"].map((name) => headers.get(name));
      expect(read).toEqual(["a, b", "r1", "a=1, b=2", null]);
      expect(Object.fromEntries(headers.entries())).toMatchObject({ "x-multi": "a, b", "x-request-id": "r1" });
    });

    it("follows no redirect: a 3xx is the answer, and nothing goes to the location", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(307, { location: "/elsewhere" });
        response.end();
      });
      expect((await send(make(), { method: "POST", url: `${server.url}/write`, body: "{}" })).status).toBe(307);
      expect(server.requests.map((request) => request.path)).toEqual(["/write"]);
    });

    it("an empty answer is an empty text", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(204);
        response.end();
      });
      expect(await send(make(), { url: server.url })).toMatchObject({ status: 204, text: "" });
    });

    it.each(["declared length", "chunked"])("a body of exactly the cap is read whole (%s)", async (framing) => {
      const server = await serve((_request, response) => {
        if (framing === "chunked") response.writeHead(200, { "content-type": "text/plain" });
        else response.writeHead(200, { "content-length": String(CAP) });
        response.end(Buffer.alloc(CAP, 0x61));
      });
      expect((await send(make(), { url: server.url })).text).toHaveLength(CAP);
    });

    it.each(["identity", "gzip"])("a body cut short rejects with a network error code (%s)", async (encoding) => {
      const whole = gzipSync(Buffer.alloc(4096, 0x61));
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-length": String(whole.length), "content-encoding": encoding });
        response.write(whole.subarray(0, whole.length / 2), () => response.socket?.destroy());
      });
      expect(networkErrorCode(await failure(send(make(), { url: server.url })))).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
    });

    it("reaches an IPv6 address", async () => {
      const server = await loopbackServer((request, response) => response.end(request.url), "::1");
      servers.push(server);
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect((await send(make(), { url: `${server.url}/v6?x=1` })).text).toBe("/v6?x=1");
    });

    it("a declared length over the cap is refused", async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-length": String(CAP + 1) });
        response.end(Buffer.alloc(CAP + 1, 0x61));
      });
      expect(await failure(send(make(), { url: server.url }))).toMatchObject({ name: "ResponseTooLargeError", limit: CAP, status: 200 });
    });

    it("an endless body is cut at the cap and the connection closed: the server stops writing", { timeout: 30_000 }, async () => {
      let written = 0;
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = () => {
          while (!response.destroyed) {
            written += chunk.length;
            if (!response.write(chunk)) return void response.once("drain", pump);
          }
        };
        pump();
      });
      expect(await failure(send(make(), { url: server.url }))).toBeInstanceOf(ResponseTooLargeError);
      await server.requests[0]!.closed;
      // What the socket buffers held aside, the server wrote about the cap, not without end.
      expect(written).toBeLessThan(CAP * 8);
    });

    it.each([
      ["gzip", "declared length"],
      ["gzip", "chunked"],
      ["br", "declared length"],
      ["br", "chunked"],
    ] as const)("a %s bomb (%s) is counted after decompression", { timeout: 30_000 }, async (encoding, framing) => {
      const compressed = bombs[encoding];
      const server = await serve((_request, response) => {
        const length: Record<string, string> = framing === "chunked" ? {} : { "content-length": String(compressed.length) };
        response.writeHead(200, { "content-type": "application/json", "content-encoding": encoding, ...length });
        response.end(compressed);
      });
      expect(await failure(send(make(), { url: server.url, headers: { "accept-encoding": "gzip, br" } }))).toBeInstanceOf(
        ResponseTooLargeError,
      );
    });

    it("cancelling ends a body being read with the reason, and the connection closes", async () => {
      const cancellation = new Cancellation();
      const reason = new Error("caller");
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        // The first byte, then nothing: the attempt is cancelled while the body is being read.
        response.write("[", () => cancellation.cancel(reason));
      });
      expect(await failure(send(make(), { url: server.url }, cancellation))).toBe(reason);
      await server.requests[0]!.closed;
    });

    it("a refused connection rejects with its code", async () => {
      const server = await serve(() => {});
      const url = server.url;
      await server.close();
      expect(networkErrorCode(await failure(send(make(), { url })))).toBe("ECONNREFUSED");
    });

    it("verifies TLS: a server whose certificate no trusted CA signed is refused before anything is sent", {
      timeout: 30_000,
    }, async () => {
      // A leaf for 127.0.0.1 signed by a CA made here, which nothing trusts.
      const { certificate, privateKey } = await testCertificate({ hostname: "127.0.0.1" });
      const server = createHttpsServer({ key: privateKey, cert: certificate }, (_request, response) => response.end("{}"));
      const requests: string[] = [];
      server.on("request", (request: { url?: string }) => requests.push(request.url ?? ""));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const address = server.address();
        const port = typeof address === "object" && address ? address.port : 0;
        const error = await failure(send(make(), { method: "POST", url: `https://127.0.0.1:${port}/AddSecret`, body: "secret_value=x" }));
        expect(networkErrorCode(error)).toMatch(/CERT|SIGNATURE|SELF_SIGNED/);
        expect(requests).toEqual([]);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it("reuses its connections across calls", async () => {
      const server = await serve((_request, response) => response.end("ok"));
      const transport = make();
      for (let index = 0; index < 10; index += 1) expect((await send(transport, { url: server.url })).text).toBe("ok");
      // undici may open a spare connection at the first call; one per call would be no reuse at all.
      expect(server.connections()).toBeLessThanOrEqual(2);
    });
  });
}
