// Benchmark only: what a Node-only transport would buy. A `fetch` for the clients' `fetch` option built on
// node:http with a keep-alive agent (as @dapr/dapr does through node-fetch). It honours the request's signal and
// collects the body before answering; it has no size cap and no redirects, so it is not shipped.
import { Agent, request as httpRequest } from "node:http";

export function createNodeHttpFetch(maxSockets = 64): (request: Request) => Promise<Response> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return async (request) => {
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
    return await new Promise<Response>((resolve, reject) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const outgoing = httpRequest(
        { agent, host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method, headers },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("error", reject);
          incoming.on("end", () => {
            request.signal.removeEventListener("abort", onAbort);
            const answerHeaders = new Headers();
            const raw = incoming.rawHeaders;
            for (let index = 0; index < raw.length; index += 2) answerHeaders.append(raw[index]!, raw[index + 1]!);
            resolve(
              new Response(chunks.length === 0 ? null : Buffer.concat(chunks), {
                status: incoming.statusCode ?? 0,
                headers: answerHeaders,
              }),
            );
          });
        },
      );
      const onAbort = () => outgoing.destroy(request.signal.reason instanceof Error ? request.signal.reason : new Error("aborted"));
      request.signal.addEventListener("abort", onAbort, { once: true });
      outgoing.on("error", (error) => {
        request.signal.removeEventListener("abort", onAbort);
        reject(error);
      });
      outgoing.end(body);
    });
  };
}
