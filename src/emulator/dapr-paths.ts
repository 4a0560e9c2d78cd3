// How daprd reads a request path, done the same way: Go's net/url decodes and re-encodes it (a malformed escape is
// refused before Dapr sees the request), the router cleans the escaped path and strips a trailing slash, matches
// routes on that, and unescapes the route parameters afterwards with url.QueryUnescape (`+` is a space).
// Sources: https://github.com/golang/go/blob/master/src/net/url/url.go (unescape, shouldEscape, validEncoded,
// EscapedPath) and https://github.com/dapr/dapr/blob/master/pkg/api/http/middlewares.go (CleanPathMiddleware,
// StripSlashesMiddleware), https://github.com/dapr/dapr/blob/master/pkg/api/http/server.go (the unescaping).
import path from "node:path";

const isHex = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
const isAlphanumeric = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** Go's shouldEscape(c, encodePath): what a path escapes. */
function shouldEscapeInPath(code: number): boolean {
  if (isAlphanumeric(code)) return false;
  return !"-_.~$&+,/:;=@".includes(String.fromCharCode(code));
}

/** Go's unescape(s, encodePath) as bytes (request lines are bytes: each char below 256 is one), or undefined when malformed. */
function unescapeBytes(raw: string, plusIsSpace: boolean): Buffer | undefined {
  const bytes: number[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const code = raw.charCodeAt(index);
    if (code === 0x25) {
      if (!isHex(raw.charCodeAt(index + 1)) || !isHex(raw.charCodeAt(index + 2))) return undefined;
      bytes.push(Number.parseInt(raw.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(plusIsSpace && code === 0x2b ? 0x20 : code & 0xff);
  }
  return Buffer.from(bytes);
}

/** Go's validEncoded(s, encodePath): the raw path may be kept as sent. */
function validEncoded(raw: string): boolean {
  for (let index = 0; index < raw.length; index += 1) {
    const code = raw.charCodeAt(index);
    if ("!$&'()*+,;=:@[]%".includes(raw[index]!)) continue;
    if (code > 0x7f || shouldEscapeInPath(code)) return false;
  }
  return true;
}

/** Go's escape(s, encodePath). */
function escapePath(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes)
    out += shouldEscapeInPath(byte) ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(byte);
  return out;
}

export interface ParsedPath {
  /** What routes match: the escaped path, cleaned, without a trailing slash. */
  routePath: string;
  /** The decoded path as Go's `r.URL.Path` (the token check's exemptions compare it). */
  decoded: string;
}

/** The route path of a raw request path, or undefined when Go's HTTP server would refuse it (400, malformed escape). */
export function parseRequestPath(raw: string): ParsedPath | undefined {
  const bytes = unescapeBytes(raw, false);
  if (bytes === undefined) return undefined;
  const escaped = validEncoded(raw) ? raw : escapePath(bytes);
  const cleaned = path.posix.normalize(escaped);
  // path.Clean drops any trailing slash; StripSlashesMiddleware then has nothing left to strip.
  const routePath = cleaned.length > 1 && cleaned.endsWith("/") ? cleaned.slice(0, -1) : cleaned;
  return { routePath, decoded: bytes.toString("latin1") };
}

/** url.QueryUnescape of a route parameter: `+` is a space; the bytes read as UTF-8. */
export function unescapeParameter(segment: string): string {
  return unescapeBytes(segment, true)?.toString("utf8") ?? segment;
}
