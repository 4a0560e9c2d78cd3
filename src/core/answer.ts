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
  /** Why declared JSON was not read (`body` is then undefined): it does not parse, or it nests too deep. */
  malformed: string | undefined;
}

/** Deeper JSON is refused before it is parsed: no answer of these APIs nests past a few levels. */
export const MAX_JSON_DEPTH = 64;

/** JSON when the content type says so (undefined when empty or broken), else the text. */
export function parseBody<Body>(status: number, headers: HeaderReader, text: string): Answer<Body> {
  if (text.length === 0) return { status, headers, body: undefined, text, malformed: undefined };
  if (!headers.get("content-type")?.includes("json")) return { status, headers, body: text, text, malformed: undefined };
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    return { status, headers, body: undefined, text, malformed: `it nests deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    const body: Body = JSON.parse(text);
    return { status, headers, body, text, malformed: undefined };
  } catch {
    return { status, headers, body: undefined, text, malformed: "it is not valid JSON" };
  }
}

/** How deep arrays and objects nest in JSON text (brackets inside strings aside): one pass, no recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return deepest;
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
