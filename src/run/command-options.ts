/**
 * What `runWithSecrets` and `watchWithSecrets` share: the command, its references, its environment, masking and
 * signals. Each adds its own clients and options (run-with-secrets.ts, run/watch.ts).
 */
import type { StdioOptions } from "node:child_process";
import type { ChildSignalPlan } from "./child-signals.js";

/** The command and how it runs, whichever way its references are resolved. */
export interface CommandWithSecretsOptions {
  command: string;
  args?: readonly string[];
  /** `variable → reference`; every value must be a reference. */
  references: Record<string, string>;
  /** The command's environment before the resolved variables are added. Default `process.env`. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Default `"inherit"`. Masking applies to the default only; other stdio settings are used as given. */
  stdio?: StdioOptions;
  /**
   * Mask the resolved values (those of 6 characters or more) in the command's stdout and stderr. Default true.
   * The command then writes to pipes, not to the terminal: programs that check for a terminal see none.
   */
  masking?: boolean;
  /** Where masked output goes. Default `process.stdout` / `process.stderr`. */
  output?: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  /** Called before the start with the variables whose values are too short to mask. */
  onUnmasked?: (variables: string[]) => void;
  /** Aborts resolving the references (before the first start); once the command runs, signals reach it instead. */
  signal?: AbortSignal;
  /** Where the command runs and which signals it gets from us. Default: decided from the terminal (run/child-signals.ts). */
  signalPlan?: ChildSignalPlan;
}
