// Test helper: one HTTP request with the path exactly as given (fetch would normalise `..`, `//` and escapes) and the
// answer read whole, or how the connection ended when it ended early.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when the connection closed before the body was whole (the error's code or message). */
  aborted?: string;
}

export function rawRequest(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path, method: init.method ?? "GET", headers: init.headers ?? {}, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        const done = (aborted?: string) =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            ...(aborted ? { aborted } : {}),
          });
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => done());
        response.on("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
        response.on("aborted", () => done("aborted"));
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}
