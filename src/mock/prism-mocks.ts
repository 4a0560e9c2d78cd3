/**
 * In-process Prism mocks of the generated specs, on free loopback ports. Used by the contract tests
 * and the CLI's embedded mode. Prism is a development dependency: without it this throws a clear error.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ProviderName } from "../providers/names.js";

export interface MockServer {
  provider: ProviderName;
  url: string;
  close(): Promise<void>;
}

export interface MockOptions {
  /** Also validate answers against the spec and turn violations into 500s (Prism `--errors`). */
  errors?: boolean;
  /** Proxy to this upstream instead of mocking (Prism `proxy`), validating its answers. */
  upstream?: string;
}

/** The package's generated/ directory, from src/ (tsx) or dist/src/ (built). */
export function generatedDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)), up = 0; up < 5; up += 1, dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "generated", "voximplant.yaml"))) return path.join(dir, "generated");
  }
  throw new Error("typed-secrets: cannot find generated/*.yaml beside the package");
}

const PRISM_PACKAGES = ["@stoplight/prism-http", "@stoplight/prism-http-server", "@stoplight/prism-core"] as const;

/** Are the mocks' packages (development dependencies) installed? Resolves them without loading them. */
export function mocksInstalled(): boolean {
  if (typeof import.meta.resolve !== "function") return true;
  try {
    for (const name of PRISM_PACKAGES) import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}

async function loadPrism() {
  try {
    const [http, server, core] = await Promise.all([
      import("@stoplight/prism-http"),
      import("@stoplight/prism-http-server"),
      import("@stoplight/prism-core"),
    ]);
    return {
      getHttpOperationsFromSpec: http.getHttpOperationsFromSpec,
      createServer: server.createServer,
      createLogger: core.createLogger,
    };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND";
    throw new Error(
      missing
        ? "this installation has no development dependencies, and the mocks run on Prism (@stoplight/prism-http), one of them: use a " +
            "checkout of typed-secrets after `npm ci`, or the real API"
        : `Prism failed to load (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`,
    );
  }
}

export async function startMock(provider: ProviderName, options: MockOptions = {}): Promise<MockServer> {
  const prism = await loadPrism();
  const operations = await prism.getHttpOperationsFromSpec(path.join(generatedDir(), `${provider}.yaml`));
  const logger = prism.createLogger(`mock-${provider}`, { level: "silent" } as Parameters<typeof prism.createLogger>[1]);
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.errors ?? false,
    mock: { dynamic: false },
  };
  const config = options.upstream
    ? { ...shared, isProxy: true as const, upstream: new URL(options.upstream), upstreamProxy: undefined }
    : { ...shared, isProxy: false as const };
  const server = prism.createServer(operations, {
    cors: false,
    components: { logger },
    config: config as Parameters<typeof prism.createServer>[1]["config"],
  });
  const url = await server.listen(0, "127.0.0.1");
  return { provider, url, close: () => server.close() };
}

/** One mock per provider; `close()` closes them all. */
export async function startMocks(
  providers: readonly ProviderName[] = ["voximplant", "dapr", "gcore"],
  options: MockOptions = {},
): Promise<{ urls: Record<ProviderName, string>; close(): Promise<void> }> {
  const servers = await Promise.all(providers.map((provider) => startMock(provider, options)));
  return {
    urls: Object.fromEntries(servers.map((server) => [server.provider, server.url])) as Record<ProviderName, string>,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
