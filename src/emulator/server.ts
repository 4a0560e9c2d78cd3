// The emulators' common part: a node:http (or node:https) server on 127.0.0.1, a bounded body read, a bounded log of
// arrivals, and per-operation faults applied around the vendor's handler (status, delay, hang, reset before or after
// the write is applied, rate limit, a vendor error code, a truncated or slow answer body).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { createFaults, type Fault, type Faults } from "./faults.js";

export type { Fault, Faults } from "./faults.js";

/**
 * One request as the emulator saw it.
 *
 * @example
 * ```ts
 * const adds = emulator.requests.filter((arrival) => arrival.operation === "AddSecret");
 * expect(adds.map((arrival) => arrival.status)).toEqual([200]);
 * ```
 */
export interface Arrival<Operation extends string = string> {
  /** The operation it was routed to; `unknown` when it matched none. */
  operation: Operation | "unknown";
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
  /** The query merged with a urlencoded or multipart form body (body fields win), parsed once on first use. */
  form(): Promise<URLSearchParams>;
}

export interface Vendor<Operation extends string> {
  /** For messages: "Voximplant", "Dapr", "Gcore". */
  name: string;
  operations: readonly Operation[];
  /** The operation of a call (for the log and faults), or `unknown` when no route matches. */
  operation(call: IncomingCall): Operation | "unknown" | Promise<Operation | "unknown">;
  handle(call: IncomingCall, operation: Operation | "unknown"): Reply | Promise<Reply>;
  rateLimited(retryAfterSeconds: number | undefined): Reply;
  vendorError(code: number | string, message: string | undefined): Reply;
}

/**
 * A running emulator, as each `start…Emulator` answers it. `Operation` is the union of its operation names.
 *
 * @example
 * ```ts
 * const emulator: VoximplantEmulator = await startVoximplantEmulator();
 * const client = createVoximplantClient({ env: emulator.env });
 * await emulator.close();
 * ```
 */
export interface Emulator<Operation extends string = string> {
  /**
   * Where it listens: `http://127.0.0.1:<port>` (`https://` with the Voximplant emulator's `tls` option).
   *
   * @example
   * ```ts
   * await fetch(`${dapr.url}/v1.0/healthz/outbound`); // 204
   * ```
   */
  url: string;
  /**
   * The variables that point the clients and the CLI at this emulator, credentials included.
   *
   * @example
   * ```ts
   * const client = createDaprClient({ env: dapr.env, store: "vault" });
   * ```
   */
  env: Record<string, string>;
  /**
   * The last arrivals (at most the `requestLogSize` option, default 1000; oldest dropped first): operation, status,
   * timing, fault applied, headers. Each read is a new array, in arrival order.
   *
   * @example
   * ```ts
   * expect(emulator.requests.filter((arrival) => arrival.operation === "AddSecret")).toHaveLength(1);
   * ```
   */
  requests: readonly Arrival<Operation>[];
  /**
   * Failures to inject into the next arrivals of an operation.
   *
   * @example
   * ```ts
   * emulator.faults.inject("AddSecret", { kind: "reset", when: "after" });
   * ```
   */
  faults: Faults<Operation>;
  /**
   * Stops listening, drops open connections (hanging and slow answers included) and removes any file it wrote.
   *
   * @example
   * ```ts
   * afterAll(() => emulator.close());
   * ```
   */
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number | undefined;
  /** How many arrivals `requests` keeps (oldest dropped first). Default 1000; `Infinity` keeps all. */
  requestLogSize?: number | undefined;
  /** Serve HTTPS with this key and certificate (PEM; the certificate may be followed by its chain). */
  tls?: { privateKey: string; certificate: string } | undefined;
}

/** Bodies past this are refused with 413: every input is bounded. */
const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_LOG_SIZE = 1000;

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

async function parseForm(query: URLSearchParams, headers: IncomingMessage["headers"], body: Buffer): Promise<URLSearchParams> {
  const params = new URLSearchParams(query);
  const type = String(headers["content-type"] ?? "");
  if (body.length === 0 || !/urlencoded|multipart\/form-data/i.test(type)) return params;
  try {
    const form = await new Response(body, { headers: { "content-type": type } }).formData();
    for (const [name, value] of form) if (typeof value === "string") params.set(name, value);
  } catch {
    // A body that does not parse as the form it claims carries no parameters.
  }
  return params;
}

function encode(reply: Reply): { head: Record<string, string>; body: Buffer } {
  const noBody = reply.status === 204 || reply.status === 304;
  const text = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
  const type = reply.json !== undefined ? "application/json" : "text/plain; charset=utf-8";
  const body = noBody ? Buffer.alloc(0) : Buffer.from(text, "utf8");
  const head = { ...(noBody ? {} : { "content-type": type, "content-length": String(body.length) }), ...reply.headers };
  return { head, body };
}

/** Writes an answer as the fault says: whole, cut after some bytes, or trickled. */
function send(response: ServerResponse, reply: Reply, fault: Fault | undefined): void {
  const { head, body } = encode(reply);
  response.writeHead(reply.status, head);
  if (fault?.kind === "truncated-body") {
    const cut = Math.min(body.length, Math.max(0, fault.afterBytes ?? Math.floor(body.length / 2)));
    response.write(body.subarray(0, cut), () => response.socket?.destroy());
    return;
  }
  if (fault?.kind !== "slow-body") return void response.end(body);
  response.flushHeaders();
  const size = Math.max(1, fault.chunkBytes ?? 8);
  let offset = 0;
  const timer = setInterval(() => {
    const chunk = body.subarray(offset, offset + size);
    offset += size;
    if (offset >= body.length) {
      clearInterval(timer);
      response.end(chunk);
    } else response.write(chunk);
  }, fault.intervalMs ?? 50);
  response.on("close", () => clearInterval(timer));
}

/**
 * A ring that keeps the last `size` entries: O(1) per arrival whatever the size (Array#shift is a copy of the whole
 * array once it is large: 200k arrivals past a full 100k log took 73 s), read as an array in arrival order.
 */
export function boundedLog<T>(size: number): { push(entry: T): void; entries(): T[] } {
  if (!(size >= 0)) throw new RangeError("requestLogSize must be 0 or more");
  const ring: T[] = [];
  let next = 0;
  return {
    push(entry) {
      if (size === 0) return;
      if (ring.length < size) ring.push(entry);
      else ring[next] = entry;
      next = (next + 1) % (Number.isFinite(size) ? size : Number.MAX_SAFE_INTEGER);
    },
    entries: () => (ring.length < size ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)]),
  };
}

/** A started server as an Emulator: `requests` stays a live view of the log (a getter, never copied at start). */
export function asEmulator<Operation extends string>(
  server: EmulatorServer<Operation>,
  env: Record<string, string>,
  close: () => Promise<void> = server.close,
): Emulator<Operation> {
  return {
    url: server.url,
    env,
    get requests() {
      return server.requests;
    },
    faults: server.faults,
    close,
  };
}

export type EmulatorServer<Operation extends string> = Omit<Emulator<Operation>, "env">;

export async function startEmulatorServer<Operation extends string>(
  vendor: Vendor<Operation>,
  options: ServerOptions = {},
): Promise<EmulatorServer<Operation>> {
  const log = boundedLog<Arrival<Operation>>(options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE);
  const faults = createFaults(vendor.name, vendor.operations);
  const sockets = new Set<Socket>();

  const listener = async (request: IncomingMessage, response: ServerResponse) => {
    const startedAt = Date.now();
    const [rawPath = "/", search = ""] = (request.url ?? "/").split(/\?(.*)/s, 2);
    const body = await readBody(request).catch(() => Buffer.alloc(0));
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    const query = new URLSearchParams(search);
    let form: Promise<URLSearchParams> | undefined;
    const call: IncomingCall = {
      method: request.method ?? "GET",
      rawPath,
      query,
      headers: request.headers,
      body: body ?? Buffer.alloc(0),
      form: () => (form ??= parseForm(query, request.headers, body ?? Buffer.alloc(0))),
    };
    const operation = await vendor.operation(call);
    const fault = faults.take(operation);
    const arrival: Arrival<Operation> = {
      operation,
      method: call.method,
      path: request.url ?? "/",
      status: 0,
      startedAt,
      durationMs: 0,
      headers,
      ...(fault ? { fault: fault.kind } : {}),
    };
    log.push(arrival);
    const finish = (reply: Reply | undefined, bodyFault?: Fault) => {
      arrival.durationMs = Date.now() - startedAt;
      if (reply === undefined) return void request.socket.destroy();
      arrival.status = reply.status;
      send(response, reply, bodyFault);
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
    finish(fault?.kind === "reset" ? undefined : reply, fault);
  };
  const server = options.tls
    ? createHttpsServer({ key: options.tls.privateKey, cert: options.tls.certificate }, listener)
    : createHttpServer(listener);
  // The TCP socket, also for TLS: one still in its handshake must be dropped on close too.
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${address.port}`,
    get requests() {
      return log.entries();
    },
    faults: { inject: faults.inject, clear: faults.clear },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
