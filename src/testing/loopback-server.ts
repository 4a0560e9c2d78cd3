// Test helper: a real HTTP server on 127.0.0.1 whose handler a test writes, counting connections and requests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface LoopbackServer {
  url: string;
  /** Connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  connections: () => number;
  /** Each request's method, path, headers and body, in order of arrival, and when its connection closed. */
  requests: { method: string; path: string; headers: IncomingMessage["headers"]; body: string; closed: Promise<void> }[];
  close: () => Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A server on `host` (127.0.0.1 unless given; `::1` for IPv6) at a free port. */
export async function loopbackServer(handler: Handler, host = "127.0.0.1"): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const requests: LoopbackServer["requests"] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    const socket = request.socket;
    const closed = new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve())));
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body, closed });
      handler(request, response, body);
    });
  });
  server.on("connection", (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Idle connections stay open for a minute (Node's default is 5 s): only the client's side ends them.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    connections: () => accepted,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
