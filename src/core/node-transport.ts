// The transport on Node: node:http and node:https with a keep-alive agent per client, and no WHATWG Request or
// Response per call (measured by `npm run bench`). Loaded only on Node (provider-client.ts imports it on first use).
// Redirects are never followed (node:http does not), TLS is verified (node:https's default), and the body is counted
// after decompression, as the fetch transport counts it.
import { Agent as HttpAgent, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import {
  type HeaderReader,
  type HttpTransport,
  ResponseTooLargeError,
  type SendBounds,
  type WireRequest,
  type WireResponse,
} from "./http.js";

export interface NodeTransport extends HttpTransport {
  /** Closes the idle connections: nothing of the transport is left in the process. */
  close(): void;
}

export interface NodeTransportOptions {
  /** Connections per origin. Default 64. */
  maxSockets?: number;
}

export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const settings = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents = { http: new HttpAgent(settings), https: new HttpsAgent(settings) };
  const transport = (request: WireRequest, bounds: SendBounds) =>
    new Promise<WireResponse>((resolve, reject) => {
      const { origin, path } = splitUrl(request.url);
      const secure = origin.protocol === "https:";
      const body = typeof request.body === "string" ? Buffer.from(request.body) : request.body;
      const outgoing = (secure ? httpsRequest : httpRequest)(
        {
          agent: secure ? agents.https : agents.http,
          protocol: origin.protocol,
          hostname: origin.hostname,
          port: origin.port,
          path,
          method: request.method,
          // end(body) below sends the body's length in bytes as content-length (node:http does when it has it whole).
          headers: request.headers,
        },
        (incoming) => {
          readBody(incoming, bounds.maxResponseBytes).then((text) => {
            bounds.cancellation.onCancel(undefined);
            resolve({ status: incoming.statusCode ?? 0, headers: headerReader(incoming.headers), text });
          }, reject);
        },
      );
      outgoing.on("error", reject);
      // Cancelled (the attempt's timeout, the caller's abort): the request and the answer being read are destroyed.
      bounds.cancellation.onCancel((reason) => {
        reject(reason);
        outgoing.destroy();
      });
      outgoing.end(body);
    });
  return Object.assign(transport, {
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}

interface Origin {
  protocol: string;
  hostname: string;
  port: string;
}
/** Origins parsed once (a client talks to one or two): the rest of a URL is its path and query, as sent. */
const origins = new Map<string, Origin>();

/** `https://host:port/p?q` → the origin's parts and `/p?q`, parsing only an origin not seen before. */
function splitUrl(url: string): { origin: Origin; path: string } {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  const key = slash === -1 ? url : url.slice(0, slash);
  let origin = origins.get(key);
  if (!origin) {
    const parsed = new URL(key);
    origin = { protocol: parsed.protocol, hostname: parsed.hostname.replace(/^\[|\]$/g, ""), port: parsed.port };
    if (origins.size < 64) origins.set(key, origin);
  }
  return { origin, path: slash === -1 ? "/" : url.slice(slash) };
}

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The whole body, decoded (gzip, deflate, br), at most `max` bytes after decoding: a longer one ends the connection. */
function readBody(incoming: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const decode =
      // node:http strips the value's surrounding spaces.
      DECODERS[String(incoming.headers["content-encoding"] ?? "").toLowerCase()];
    const source = decode ? incoming.pipe(decode()) : incoming;
    const tooLarge = () => {
      // Rejected first: destroying the answer also reports it as cut short.
      reject(new ResponseTooLargeError(max, incoming.statusCode ?? 0));
      source.destroy();
      incoming.destroy();
    };
    if (!decode && Number(incoming.headers["content-length"]) > max) return tooLarge();
    const chunks: Buffer[] = [];
    let length = 0;
    source.on("data", (chunk: Buffer) => {
      length += chunk.byteLength;
      if (length > max) return tooLarge();
      chunks.push(chunk);
    });
    source.on("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, length).toString("utf8")));
    source.on("error", reject);
    // A body cut short (the connection reset, the attempt aborted) fails the read: node:http reports it as an error
    // (ECONNRESET) of the answer, which a decoder piped from it does not pass on.
    if (source !== incoming) incoming.on("error", reject);
  });
}

/** Node's headers (lower-case names; repeated ones as arrays) read as a HeaderReader. */
function headerReader(headers: IncomingHttpHeaders): HeaderReader {
  const value = (raw: string | string[] | undefined) => (raw === undefined ? null : Array.isArray(raw) ? raw.join(", ") : raw);
  return {
    get: (name) => value(headers[name.toLowerCase()]),
    *entries() {
      for (const [name, raw] of Object.entries(headers)) {
        const joined = value(raw);
        if (joined !== null) yield [name, joined];
      }
    },
  };
}
