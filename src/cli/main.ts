#!/usr/bin/env -S node --
// The `typed-secrets` executable: the CLI on the process's streams; Ctrl-C aborts, a `run` child's fate becomes ours.
import { constants } from "node:os";
import type { CliState } from "./command.js";
import { runCli } from "./cli.js";
import { InterruptedError } from "./exit-codes.js";

const controller = new AbortController();
const state: CliState = { childRunning: false };
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  // While `run` has a command running, the signal is the command's (run passes it on).
  if (state.childRunning) return;
  // A second Ctrl-C does not wait for the abort to take effect.
  if (controller.signal.aborted) process.exit(128 + (constants.signals[signal] ?? 0));
  // The reason names the signal: the exit code becomes 128 + its number (130 SIGINT, 143 SIGTERM, 129 SIGHUP).
  controller.abort(new InterruptedError(signal));
}
for (const signal of SIGNALS) process.on(signal, onSignal);
// `typed-secrets … | head -1`: a reader that went away is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

let stdinUsed = false;
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  get stdin() {
    stdinUsed = true;
    return process.stdin;
  },
  env: process.env,
};
const code = await runCli(process.argv.slice(2), { io, signal: controller.signal, state });
for (const signal of SIGNALS) process.off(signal, onSignal);
// A read interrupted by a signal leaves stdin open: it must not keep the process alive.
if (stdinUsed) process.stdin.destroy();
process.exitCode = code;
// The command died of a signal: so do we, so that the shell sees it.
if (state.exitSignal) process.kill(process.pid, state.exitSignal);
