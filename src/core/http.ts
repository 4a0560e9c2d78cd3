// What a transport is: it sends one request and reads its whole answer, within the attempt's signal and a byte cap.
// The fetch transport and the Node transport both implement it; everything above (credentials, retries, the
// vendor's verdict) is theirs to share.
import type { Cancellation } from "./cancellation.js";

/** Answer headers, read by (lower-case) name; `entries` for handing them on (`client.api`). */
export interface HeaderReader {
  get(name: string): string | null;
  entries(): IterableIterator<[string, string]>;
}

export interface WireRequest {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

export interface WireResponse {
  status: number;
  headers: HeaderReader;
  /** The whole body, decoded as UTF-8 (compressed bodies counted after decompression). */
  text: string;
}

export interface SendBounds {
  /** Ends the request and the body being read (the attempt's timeout or the caller's signal). */
  cancellation: Cancellation;
  /** A longer body (after decompression) is cancelled: the transport throws ResponseTooLargeError. */
  maxResponseBytes: number;
}

/** Sends one request, follows no redirect, and reads the whole body once. Network failures reject with their code. */
export type HttpTransport = (request: WireRequest, bounds: SendBounds) => Promise<WireResponse>;

/** The body passed `maxResponseBytes` (declared or read): it was cancelled. */
export class ResponseTooLargeError extends Error {
  readonly limit: number;
  readonly status: number;
  constructor(limit: number, status: number) {
    super(`the answer is larger than maxResponseBytes (${limit} bytes)`);
    this.name = "ResponseTooLargeError";
    this.limit = limit;
    this.status = status;
  }
}
