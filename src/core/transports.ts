// The transport a client sends with: the Node transport (loaded on first use, so that no other runtime imports
// node:http), or fetch.
import { createFetchTransport } from "./fetch-transport.js";
import type { HttpTransport } from "./http.js";
import type { ResolvedClientOptions } from "./options.js";

export interface ClientTransport extends HttpTransport {
  /** Closes idle connections (the Node transport's keep-alive sockets); a later call opens new ones. */
  close(): void;
}

export function createClientTransport(resolved: Pick<ResolvedClientOptions, "transport" | "fetch">): ClientTransport {
  if (resolved.transport === "fetch") return Object.assign(createFetchTransport(resolved.fetch), { close: () => {} });
  let loaded: ClientTransport | undefined;
  let loading: Promise<ClientTransport> | undefined;
  const load = () => (loading ??= import("./node-transport.js").then((module) => (loaded = module.createNodeTransport())));
  const transport: HttpTransport = (request, bounds) => (loaded ? loaded(request, bounds) : load().then((node) => node(request, bounds)));
  return Object.assign(transport, { close: () => loaded?.close() });
}
