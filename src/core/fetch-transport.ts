// The transport over WHATWG fetch (the global one, or the `fetch` option): every runtime has it. Redirects are never
// followed (a 3xx to another origin would carry the body and credentials), and the body is counted as it is decoded.
import { type HttpTransport, ResponseTooLargeError } from "./http.js";

export type FetchFunction = (request: Request) => Promise<Response>;

export function createFetchTransport(fetch: FetchFunction): HttpTransport {
  return async (request, bounds) => {
    const response = await fetch(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal: bounds.cancellation.signal(),
        redirect: "manual",
      }),
    );
    return { status: response.status, headers: response.headers, text: await readBounded(response, bounds.maxResponseBytes) };
  };
}

/**
 * The whole body as text, at most `max` bytes as decoded: fetch decompresses gzip and br transparently, so a declared
 * Content-Length says nothing of the size in memory. A longer body is cancelled.
 */
export async function readBounded(response: Response, max: number): Promise<string> {
  const tooLarge = () => new ResponseTooLargeError(max, response.status);
  // Cancelled without waiting: cancelling one branch of a teed (cloned) body waits for the other.
  if (Number(response.headers.get("content-length")) > max && !response.headers.has("content-encoding")) {
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > max) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length));
}
