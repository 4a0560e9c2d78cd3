// The clients behind the commands: the real APIs, or the embedded emulators when (and only when) the user asks
// for them with --mock or TYPED_SECRETS_MOCK=1. A provider without its credentials is an error, never a mock.
import { ConfigurationError } from "../core/errors.js";
import { type Emulator, startDaprEmulator, startGcoreEmulator, startVoximplantEmulator } from "../emulator/index.js";
import type { ProviderName } from "../providers/names.js";
import { createDaprClient, type DaprClient } from "../providers/dapr/client.js";
import { createGcoreClient, type GcoreClient } from "../providers/gcore/client.js";
import { createVoximplantClient, type VoximplantApplication, type VoximplantClient } from "../providers/voximplant/client.js";
import { parsePositiveInteger } from "../core/validate.js";
import { UsageError } from "./exit-codes.js";
import type { CliIo, Output } from "./output.js";

/** The emulators of one CLI run (or of the whole tour), each started once, on a free loopback port. */
export interface MockPool {
  emulator(provider: ProviderName): Promise<Emulator>;
  close(): Promise<void>;
}

const START: Record<ProviderName, () => Promise<Emulator>> = {
  voximplant: () => startVoximplantEmulator(),
  dapr: () => startDaprEmulator(),
  gcore: () => startGcoreEmulator(),
};

export function createMockPool(onStart: (provider: ProviderName, url: string) => void = () => {}): MockPool {
  const servers = new Map<ProviderName, Promise<Emulator>>();
  return {
    async emulator(provider) {
      let server = servers.get(provider);
      if (!server) {
        server = START[provider]().catch((error: unknown) => {
          const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : "error";
          throw new ConfigurationError(`the embedded emulator cannot start (${reason})`, { provider });
        });
        servers.set(provider, server);
        onStart(provider, (await server).url);
      }
      return await server;
    },
    async close() {
      const started = await Promise.allSettled(servers.values());
      servers.clear();
      await Promise.all(started.map((each) => (each.status === "fulfilled" ? each.value.close() : undefined)));
    },
  };
}

/**
 * What a provider needs before a real call, as the line that says so. Dapr needs nothing: like the library
 * and the official SDK it talks to DAPR_HTTP_ENDPOINT, else 127.0.0.1:DAPR_HTTP_PORT, else 127.0.0.1:3500.
 */
const REQUIRED_SETTINGS: Partial<Record<ProviderName, { variable: string; what: string }>> = {
  voximplant: {
    variable: "VOXIMPLANT_CREDENTIALS",
    what: "set VOXIMPLANT_CREDENTIALS to the path of a service account's credentials.json",
  },
  gcore: { variable: "GCORE_API_KEY", what: "set GCORE_API_KEY (with GCORE_CLOUD_PROJECT_ID and GCORE_CLOUD_REGION_ID)" },
};

/** Why the provider's real API cannot be used (a missing or empty credential), or undefined when it can. */
export function missingSettings(provider: ProviderName, env: CliIo["env"]): string | undefined {
  const required = REQUIRED_SETTINGS[provider];
  if (!required || env[required.variable]?.trim()) return undefined;
  // An empty variable is what CI gives for a missing secret: it is missing, not a request for a mock.
  return `no credentials: ${required.what}, or pass --mock (or TYPED_SECRETS_MOCK=1) for the embedded emulator`;
}

export interface ConnectContext {
  io: CliIo;
  out: Output;
  mocks: MockPool;
  /** --mock or TYPED_SECRETS_MOCK=1: the embedded emulators, whatever is configured. */
  forceMock: boolean;
}

/** The real API, or a ConfigurationError (exit 2) naming the variable to set and the --mock switch. */
function useMock(provider: ProviderName, context: ConnectContext): boolean {
  if (context.forceMock) return true;
  const missing = missingSettings(provider, context.io.env);
  if (missing) throw new ConfigurationError(missing, { provider });
  return false;
}

/** The line printed when an emulator starts. */
export function mockNotice(provider: ProviderName, url: string, why: string): string {
  return `typed-secrets: ${why}: ${provider} calls go to the embedded emulator at ${url} (demo data, kept in memory)`;
}

/** Said once per command under TYPED_SECRETS_MOCK=1: a script's commands do not share an emulator that way. */
export const MOCK_ENV_STATE_NOTE =
  "typed-secrets: TYPED_SECRETS_MOCK=1 starts fresh emulators for each command, and their state ends with it: " +
  'for state across a script\'s commands, eval "$(typed-secrets emulate)"';

/** `--app` value: digits are an application id, anything else a name. */
export function parseApplication(value: string): VoximplantApplication {
  if (/^\d+$/.test(value)) {
    const id = parsePositiveInteger(value);
    if (id === undefined) throw new UsageError(`--app ${value}: an application id must be a positive integer`);
    return { id };
  }
  if (!value.trim()) throw new UsageError("--app must not be empty");
  return { name: value };
}

export async function connectVoximplant(
  context: ConnectContext,
  app: string | undefined,
  { needsApplication = true } = {},
): Promise<VoximplantClient> {
  const env = context.io.env;
  const given = app === undefined ? undefined : parseApplication(app);
  if (useMock("voximplant", context)) {
    // The emulator's env names its service account's credentials file and its demo application.
    const { env: emulated } = await context.mocks.emulator("voximplant");
    return createVoximplantClient({ env: emulated, ...(given ? { application: given } : {}) });
  }
  if (needsApplication && !given && !env.VOXIMPLANT_APPLICATION_ID && !env.VOXIMPLANT_APPLICATION_NAME) {
    throw new UsageError("voximplant: no application: pass --app NAME|ID or set VOXIMPLANT_APPLICATION_NAME or VOXIMPLANT_APPLICATION_ID");
  }
  return createVoximplantClient({ env, ...(given ? { application: given } : {}) });
}

export async function connectDapr(context: ConnectContext): Promise<DaprClient> {
  if (useMock("dapr", context)) return createDaprClient({ env: (await context.mocks.emulator("dapr")).env });
  return createDaprClient({ env: context.io.env });
}

export interface GcoreLocationArgs {
  project?: string | undefined;
  region?: string | undefined;
}

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = parsePositiveInteger(value);
  if (number === undefined) throw new UsageError(`${option} must be a positive integer`);
  return number;
}

export async function connectGcore(
  context: ConnectContext,
  location: GcoreLocationArgs,
  { needsLocation = true } = {},
): Promise<GcoreClient> {
  const env = context.io.env;
  const projectId = positiveInteger(location.project, "--project");
  const regionId = positiveInteger(location.region, "--region");
  if (useMock("gcore", context)) {
    const { env: emulated } = await context.mocks.emulator("gcore");
    return createGcoreClient({
      env: emulated,
      ...(projectId === undefined ? {} : { projectId }),
      ...(regionId === undefined ? {} : { regionId }),
      taskPolling: { intervalMs: 1_000 },
    });
  }
  if (needsLocation && projectId === undefined && !env.GCORE_CLOUD_PROJECT_ID)
    throw new UsageError("gcore: no project: pass --project ID or set GCORE_CLOUD_PROJECT_ID");
  if (needsLocation && regionId === undefined && !env.GCORE_CLOUD_REGION_ID)
    throw new UsageError("gcore: no region: pass --region ID or set GCORE_CLOUD_REGION_ID");
  return createGcoreClient({ env, ...(projectId === undefined ? {} : { projectId }), ...(regionId === undefined ? {} : { regionId }) });
}
