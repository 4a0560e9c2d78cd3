// `typed-secrets emulate [voximplant|dapr|gcore …] [--port N]`: serves the embedded emulators for other programs
// (a test run, a script) and prints `export` lines for their variables; serves until SIGINT or SIGTERM.
import { type Emulator, startDaprEmulator, startGcoreEmulator, startVoximplantEmulator } from "../emulator/index.js";
import { PROVIDER_NAMES, type ProviderName } from "../providers/names.js";
import { parsePositiveInteger } from "../core/validate.js";
import { type CommandSpec, stringOption } from "./command.js";
import { UsageError } from "./exit-codes.js";

const START: Record<ProviderName, (port: number) => Promise<Emulator>> = {
  voximplant: (port) => startVoximplantEmulator({ port }),
  dapr: (port) => startDaprEmulator({ port }),
  gcore: (port) => startGcoreEmulator({ port }),
};

/** A value as a POSIX shell reads it back unchanged. */
const shellQuote = (value: string) => (/^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);

export const emulateCommand: CommandSpec = {
  name: "emulate",
  summary: "serve the embedded emulators and print `export` lines that point clients at them",
  usage: "[voximplant|dapr|gcore …] [--port N]",
  details: [
    "Starts the emulators named (all three by default) on 127.0.0.1, prints one `export NAME=value` line per",
    "variable on stdout (eval it in a shell, or source it), and serves until SIGINT or SIGTERM (exit 0).",
    "The Voximplant emulator makes a service account at start and writes its credentials.json (mode 600)",
    "to a temporary folder removed at exit; the Gcore emulator accepts the API key it prints.",
    "With --port N the first emulator listens on N, the next on N+1, and so on (default: free ports).",
  ],
  options: { port: { type: "string", value: "N", help: "port of the first emulator (default: a free port)" } },
  positionals: { min: 0, max: 3 },
  globals: { json: false, mock: false },
  async run(context, args) {
    const wanted = args.positionals.length === 0 ? [...PROVIDER_NAMES] : args.positionals;
    for (const name of wanted) {
      if (!(PROVIDER_NAMES as readonly string[]).includes(name))
        throw new UsageError(`emulate: unknown provider (choose from ${PROVIDER_NAMES.join(", ")})`);
    }
    const providers = [...new Set(wanted)] as ProviderName[];
    const portText = stringOption(args, "port");
    const port = portText === undefined ? 0 : parsePositiveInteger(portText);
    if (port === undefined || port > 65_535 - providers.length) throw new UsageError("--port must be a port number (1-65535)");
    const running: Emulator[] = [];
    try {
      for (const [index, provider] of providers.entries()) {
        const at = port === 0 ? 0 : port + index;
        running.push(
          await START[provider](at).catch((error: unknown) => {
            const code = (error as NodeJS.ErrnoException).code ?? "error";
            throw new UsageError(`emulate: cannot listen on 127.0.0.1:${at} (${code})`, { showHelp: false });
          }),
        );
      }
      for (const [index, emulator] of running.entries()) {
        context.io.stdout.write(`# ${providers[index]} emulator at ${emulator.url}\n`);
        for (const [name, value] of Object.entries(emulator.env)) context.io.stdout.write(`export ${name}=${shellQuote(value)}\n`);
      }
      context.out.note(`typed-secrets: serving ${providers.join(", ")}; stop with Ctrl-C (SIGINT) or SIGTERM`);
      await new Promise<void>((resolve) => {
        if (context.signal.aborted) return resolve();
        context.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      return 0;
    } finally {
      await Promise.all(running.map((emulator) => emulator.close()));
    }
  },
};
