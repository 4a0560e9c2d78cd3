// Secret references in environment variables (`voximplant://APP/NAME`, `dapr://STORE/NAME#KEY`),
// resolved just before a command starts and handed to it in its environment only: the resolved
// values are never logged, put in an error, or written anywhere else.
import type { ChildProcess } from "node:child_process";
import { AbortedError } from "./core/errors.js";
import { type ChildResult, DEFAULT_FORWARDED, forwardSignals, startChild } from "./run/child-process.js";
import { childSignalPlan } from "./run/child-signals.js";
import type { CommandWithSecretsOptions } from "./run/command-options.js";
import { commandEnvironment, maskingPlan } from "./run/command-environment.js";
import { resolveSecretReferences, type SecretReferenceClients } from "./run/secret-references.js";

export * from "./run/secret-references.js";
export { CommandStartError } from "./run/child-process.js";
export type { CommandWithSecretsOptions } from "./run/command-options.js";
export type { WatchClients } from "./run/change-check.js";
export { type WatchClock, type WatchEvent, type WatchWithSecretsOptions, watchWithSecrets } from "./run/watch.js";

/** What `runWithSecrets` runs: the command, its references and the clients that resolve them, masking and signals. */
export interface RunWithSecretsOptions extends CommandWithSecretsOptions {
  clients: SecretReferenceClients;
  /** Signals passed on to the command while it runs (see run/child-signals.ts). Default SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR2. */
  forwardSignals?: readonly NodeJS.Signals[];
  /** Called once the command has started. */
  onStart?: (child: ChildProcess) => void;
}

/** How the command ended: its exit code, or the signal that ended it. */
export type RunWithSecretsResult = ChildResult;

/**
 * Resolves the references (nothing starts if one fails), then runs the command with them in its environment,
 * their values masked in its output (unless `masking: false`), and each signal delivered to it once.
 * A failure to start is a CommandStartError (`code` ENOENT when the command is not found); a variable
 * holding a NUL byte fails before the start (SecretReferenceError `invalid-value` for a resolved one).
 *
 * @example
 * ```ts
 * import { createDaprClient, createVoximplantClient } from "typed-secrets";
 * import { runWithSecrets } from "typed-secrets/run";
 *
 * const { exitCode, signal } = await runWithSecrets({
 *   command: "node",
 *   args: ["server.js"],
 *   references: { DB_PASSWORD: "voximplant://my-app/dbPassword", API_KEY: "dapr://vault/api#key" },
 *   clients: { voximplant: createVoximplantClient(), dapr: () => createDaprClient() },
 * });
 * ```
 */
export async function runWithSecrets(options: RunWithSecretsOptions): Promise<RunWithSecretsResult> {
  const resolved = await resolveSecretReferences(options.references, options.clients, options.signal ? { signal: options.signal } : {});
  const env = commandEnvironment(options.env ?? process.env, resolved);
  if (options.signal?.aborted) throw new AbortedError("aborted before the command started", { cause: options.signal.reason });
  const masked = maskingPlan(options, resolved);
  const plan = options.signalPlan ?? childSignalPlan();
  const forwarded = (options.forwardSignals ?? DEFAULT_FORWARDED).filter((signal) => plan.forward(signal));
  const running = startChild({
    command: options.command,
    args: options.args ?? [],
    env,
    cwd: options.cwd,
    stdio: options.stdio ?? "inherit",
    masked,
    plan,
    output: options.output ?? { stdout: process.stdout, stderr: process.stderr },
    onStart: options.onStart,
  });
  const stopForwarding = forwardSignals(plan, forwarded, () => running.child);
  try {
    return await running.exited;
  } finally {
    stopForwarding();
  }
}
