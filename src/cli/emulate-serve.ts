// What `typed-secrets emulate` serves, in the foreground or from its background process: which emulators on which
// ports, starting them, and the `export` lines that point clients at them.
import { type Emulator, startDaprEmulator, startGcoreEmulator, startVoximplantEmulator } from "../emulator/index.js";
import { PROVIDER_NAMES, type ProviderName } from "../providers/names.js";
import { parsePositiveInteger } from "../core/validate.js";
import { UsageError } from "./exit-codes.js";

const START: Record<ProviderName, (port: number) => Promise<Emulator>> = {
  voximplant: (port) => startVoximplantEmulator({ port }),
  dapr: (port) => startDaprEmulator({ port }),
  gcore: (port) => startGcoreEmulator({ port }),
};

/** Which emulators, and the port of the first (0: free ports). */
export interface EmulatePlan {
  providers: ProviderName[];
  port: number;
}

/** One emulator as the `export` lines show it. */
export interface Served {
  provider: ProviderName;
  url: string;
  env: Record<string, string>;
}

/** An emulator could not listen (a taken port): the port and the system's code. */
export class ListenError extends Error {
  readonly port: number;
  readonly systemCode: string;
  constructor(port: number, systemCode: string) {
    super(`emulate: cannot listen on 127.0.0.1:${port} (${systemCode})`);
    this.name = "ListenError";
    this.port = port;
    this.systemCode = systemCode;
  }
}

export function emulatePlan(positionals: readonly string[], portText: string | undefined): EmulatePlan {
  const wanted = positionals.length === 0 ? [...PROVIDER_NAMES] : positionals;
  const providers: ProviderName[] = [];
  for (const name of wanted) {
    const provider = PROVIDER_NAMES.find((each) => each === name);
    if (!provider) throw new UsageError(`emulate: unknown provider (choose from ${PROVIDER_NAMES.join(", ")})`);
    if (!providers.includes(provider)) providers.push(provider);
  }
  const port = portText === undefined ? 0 : parsePositiveInteger(portText);
  if (port === undefined || port > 65_535 - providers.length) throw new UsageError("--port must be a port number (1-65535)");
  return { providers, port };
}

/** Starts the plan's emulators one after the other; on a failure the ones started are closed and a ListenError thrown. */
export async function startEmulators(plan: EmulatePlan): Promise<Emulator[]> {
  const running: Emulator[] = [];
  for (const [index, provider] of plan.providers.entries()) {
    const at = plan.port === 0 ? 0 : plan.port + index;
    try {
      running.push(await START[provider](at));
    } catch (error) {
      await Promise.all(running.map((emulator) => emulator.close()));
      throw new ListenError(at, (error as NodeJS.ErrnoException).code ?? "error");
    }
  }
  return running;
}

/** A value as a POSIX shell reads it back unchanged. */
export const shellQuote = (value: string) => (/^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);

/** `# <provider> emulator at <url>` and one `export NAME=value` line per variable, then the `extra` variables. */
export function exportLines(served: readonly Served[], extra: Record<string, string> = {}): string {
  const lines = served.flatMap(({ provider, url, env }) => [
    `# ${provider} emulator at ${url}`,
    ...Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
  ]);
  for (const [name, value] of Object.entries(extra)) lines.push(`export ${name}=${shellQuote(value)}`);
  return `${lines.join("\n")}\n`;
}
