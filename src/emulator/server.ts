// The emulators' common part: a node:http server on 127.0.0.1, a bounded body read, the log of arrivals, and
// per-operation faults applied around the vendor's handler (status, delay, hang, reset before or after the write
// is applied, rate limit, a vendor error code).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the emulator saw it. */
export interface Arrival {
  operation: string;
  method: string;
  /** Path and query as sent (percent-encoding kept). */
  path: string;
  /** The status answered; 0 when the connection was reset or the request hung until close. */
  status: number;
  fault?: Fault["kind"];
  startedAt: number;
  durationMs: number;
  /** Request headers (the emulator's own credentials are in them: never log them anywhere public). */
  headers: Record<string, string>;
}

export type Fault =
  /** Answer this HTTP status (with an empty JSON object, or `body`) instead of handling. */
  | { kind: "status"; status: number; body?: unknown }
  /** Wait before handling. */
  | { kind: "delay"; ms: number }
  /** Never answer (until the client gives up or the emulator closes). */
  | { kind: "hang" }
  /** Drop the connection: `before` the operation is applied, or `after` it (a lost answer to an applied write). */
  | { kind: "reset"; when: "before" | "after" }
  /** The vendor's rate-limit answer (Voximplant 340, Dapr and Gcore 429 with Retry-After). */
  | { kind: "rate-limit"; retryAfterSeconds?: number }
  /** The vendor's error answer with this code (a Voximplant code, a Dapr errorCode, a Gcore exception class). */
  | { kind: "vendor-error"; code: number | string; message?: string };

export interface Faults {
  /** Applies `fault` to the next `times` arrivals of `operation` (default 1; `Infinity` for all); `*` is any operation. */
  inject(operation: string, fault: Fault, options?: { times?: number }): void;
  clear(): void;
}

/** What a vendor's handler answers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export interface IncomingCall {
  method: string;
  /** The raw path, percent-encoding kept, without the query. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface Vendor {
  /** The operation name of a call (for the log and faults), or undefined when no route matches. */
  operation(call: IncomingCall): string;
  handle(call: IncomingCall, operation: string): Reply | Promise<Reply>;
  rateLimited(retryAfterSeconds: number | undefined): Reply;
  vendorError(code: number | string, message: string | undefined): Reply;
}

/** A running emulator, as each `start…Emulator` answers it. */
export interface Emulator {
  url: string;
  /** The variables that point the clients and the CLI at this emulator, credentials included. */
  env: Record<string, string>;
  /** Every arrival: operation, status, timing, fault applied. */
  requests: readonly Arrival[];
  faults: Faults;
  close(): Promise<void>;
}

export interface EmulatorServer {
  url: string;
  requests: readonly Arrival[];
  faults: Faults;
  close(): Promise<void>;
}

/** Bodies past this are refused with 413: every input is bounded. */
const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

function send(response: ServerResponse, reply: Reply): void {
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
  const type = reply.json !== undefined ? "application/json" : "text/plain; charset=utf-8";
  const noBody = reply.status === 204 || reply.status === 304;
  response.writeHead(reply.status, { ...(noBody ? {} : { "content-type": type }), ...reply.headers });
  response.end(noBody ? undefined : body);
}

export async function startEmulatorServer(vendor: Vendor, port = 0): Promise<EmulatorServer> {
  const requests: Arrival[] = [];
  const pending: Array<{ operation: string; fault: Fault; left: number }> = [];
  const sockets = new Set<Socket>();
  const takeFault = (operation: string): Fault | undefined => {
    const index = pending.findIndex((each) => each.operation === operation || each.operation === "*");
    if (index === -1) return undefined;
    const entry = pending[index]!;
    entry.left -= 1;
    if (entry.left <= 0) pending.splice(index, 1);
    return entry.fault;
  };

  const server = createServer(async (request, response) => {
    const startedAt = Date.now();
    const [rawPath = "/", search = ""] = (request.url ?? "/").split(/\?(.*)/s, 2);
    const body = await readBody(request).catch(() => Buffer.alloc(0));
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    const call: IncomingCall = {
      method: request.method ?? "GET",
      rawPath,
      query: new URLSearchParams(search),
      headers: request.headers,
      body: body ?? Buffer.alloc(0),
    };
    const operation = vendor.operation(call);
    const fault = takeFault(operation);
    const arrival: Arrival = {
      operation,
      method: call.method,
      path: request.url ?? "/",
      status: 0,
      startedAt,
      durationMs: 0,
      headers,
      ...(fault ? { fault: fault.kind } : {}),
    };
    requests.push(arrival);
    const finish = (reply: Reply | undefined) => {
      arrival.durationMs = Date.now() - startedAt;
      if (reply === undefined) return void request.socket.destroy();
      arrival.status = reply.status;
      send(response, reply);
    };
    if (body === undefined) return finish({ status: 413, text: "request body too large" });
    if (fault?.kind === "hang") return;
    if (fault?.kind === "reset" && fault.when === "before") return finish(undefined);
    if (fault?.kind === "status") return finish({ status: fault.status, json: fault.body ?? {} });
    if (fault?.kind === "rate-limit") return finish(vendor.rateLimited(fault.retryAfterSeconds));
    if (fault?.kind === "vendor-error") return finish(vendor.vendorError(fault.code, fault.message));
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    let reply: Reply;
    try {
      reply = await vendor.handle(call, operation);
    } catch {
      reply = { status: 500, text: "emulator error" };
    }
    finish(fault?.kind === "reset" ? undefined : reply);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    faults: {
      inject(operation, fault, { times = 1 } = {}) {
        if (!(times > 0)) throw new RangeError("times must be a positive number");
        pending.push({ operation, fault, left: times });
      },
      clear: () => void pending.splice(0),
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
