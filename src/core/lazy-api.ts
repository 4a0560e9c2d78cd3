// `client.api`, the typed openapi-fetch client, made on its first use: importing a client loads no openapi-fetch
// (most programs use the facade only), and a bundle that splits code keeps it in a chunk of its own.
import type { Client, Middleware } from "openapi-fetch";

/** A Client<Paths> whose every method waits for the real one; middleware is registered in call order. */
export function lazyClient<Paths extends {}>(create: () => Promise<Client<Paths>>): Client<Paths> {
  let loaded: Promise<Client<Paths>> | undefined;
  const load = () => (loaded ??= create());
  return {
    request: async (method, url, ...init) => (await load()).request(method, url, ...init),
    GET: async (url, ...init) => (await load()).GET(url, ...init),
    PUT: async (url, ...init) => (await load()).PUT(url, ...init),
    POST: async (url, ...init) => (await load()).POST(url, ...init),
    DELETE: async (url, ...init) => (await load()).DELETE(url, ...init),
    OPTIONS: async (url, ...init) => (await load()).OPTIONS(url, ...init),
    HEAD: async (url, ...init) => (await load()).HEAD(url, ...init),
    PATCH: async (url, ...init) => (await load()).PATCH(url, ...init),
    TRACE: async (url, ...init) => (await load()).TRACE(url, ...init),
    use: (...middleware: Middleware[]) => void load().then((client) => client.use(...middleware)),
    eject: (...middleware: Middleware[]) => void load().then((client) => client.eject(...middleware)),
  };
}
