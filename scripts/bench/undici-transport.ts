// Benchmark only: the candidate that lost to node:http (see `npm run bench`, "transport choice"). An HttpTransport on
// the npm package undici's Pool and request() — the dependency the Node transport would have needed — with the same
// body cap, so the two are compared doing the same work.
import { Pool } from "undici";
import { type HttpTransport, ResponseTooLargeError } from "../../src/core/http.js";

export function createUndiciTransport(origin: string, connections = 64): HttpTransport & { close(): Promise<void> } {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const transport: HttpTransport = async (request, bounds) => {
    const url = new URL(request.url);
    const answer = await pool.request({
      path: `${url.pathname}${url.search}`,
      method: request.method === "POST" ? "POST" : request.method === "DELETE" ? "DELETE" : "GET",
      headers: request.headers,
      body: request.body ?? null,
      signal: bounds.cancellation.signal(),
    });
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of answer.body) {
      length += chunk.length;
      if (length > bounds.maxResponseBytes) {
        answer.body.destroy();
        throw new ResponseTooLargeError(bounds.maxResponseBytes, answer.statusCode);
      }
      chunks.push(chunk);
    }
    const headers = new Map(
      Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value ?? "")]),
    );
    return {
      status: answer.statusCode,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null, entries: () => headers.entries() },
      text: Buffer.concat(chunks, length).toString("utf8"),
    };
  };
  return Object.assign(transport, { close: () => pool.close() });
}
