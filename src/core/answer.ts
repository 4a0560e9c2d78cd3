// An answer as read once and parsed once, and how a failed request is described without what it carried.
import type { HeaderReader } from "./http.js";
import { networkErrorCode } from "./retry.js";

/**
 * An answer: its body parsed when the content type says JSON (`Body`, as the spec declares it: JSON.parse is where
 * the server's word meets the spec's, and the mappers check what they rely on), else its text; undefined when empty.
 */
export interface Answer<Body = unknown> {
  status: number;
  headers: HeaderReader;
  body: Body | string | undefined;
  /** The body as received (for `client.api`, which hands it on). */
  text: string;
  /** Declared JSON that does not parse (`body` is then undefined). */
  malformed: boolean;
}

/** JSON when the content type says so (undefined when empty or broken), else the text. */
export function parseBody<Body>(status: number, headers: HeaderReader, text: string): Answer<Body> {
  if (text.length === 0) return { status, headers, body: undefined, text, malformed: false };
  if (!headers.get("content-type")?.includes("json")) return { status, headers, body: text, text, malformed: false };
  try {
    const body: Body = JSON.parse(text);
    return { status, headers, body, text, malformed: false };
  } catch {
    return { status, headers, body: undefined, text, malformed: true };
  }
}

/**
 * `host:port` of a request, for messages: base URLs never hold credentials (requireUrl refuses them), and the path and query are left
 * out.
 */
export function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === "https:" ? "443" : "80")}`;
}

/** Keeps the network error's name and code, dropping anything else it may carry (URLs, headers). */
export function safeCause(error: unknown): Error {
  const code = networkErrorCode(error);
  if (code) return Object.assign(new Error(code), { code });
  return new Error(error instanceof Error ? error.name : "network error");
}
