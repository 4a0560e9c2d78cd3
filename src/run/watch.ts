/**
 * `run --watch`: the command runs with its references resolved, and every interval a change check (change-check.ts)
 * asks whether a value changed. On a change the new values are resolved first; then the command gets SIGTERM, up to
 * `graceMs` to exit, SIGKILL after that, and starts again with the new environment (old values stay masked: the new
 * command may still print them). A failed check never restarts it; it is reported once per streak of failures.
 * The watch ends when the command exits by itself (its code becomes ours, as `doppler run --watch` does) or when a
 * signal that ends a process reaches us: it is passed on as `run` does, the command gets `graceMs` to exit, and its
 * code or signal becomes ours.
 */
import type { ChildProcess } from "node:child_process";
import { AbortedError } from "../core/errors.js";
import { type ChangeCheck, createChangeCheck, type WatchClients } from "./change-check.js";
import { type ChildResult, DEFAULT_FORWARDED, forwardSignals, type RunningChild, startChild } from "./child-process.js";
import { childSignalPlan } from "./child-signals.js";
import type { CommandWithSecretsOptions } from "./command-options.js";
import { commandEnvironment, maskingPlan } from "./command-environment.js";
import { resolveSecretReferences } from "./secret-references.js";

/** Time as the watch sees it: injected so that tests drive it without waiting. */
export interface WatchClock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts; leaves no timer behind either way. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: WatchClock = {
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    }),
};

/** What the watch reports (never a value). */
export type WatchEvent =
  | { type: "check-failed"; error: unknown }
  | { type: "check-recovered" }
  | { type: "restarting"; variables: string[] }
  | { type: "killed"; pid: number | undefined }
  | { type: "started"; child: ChildProcess; generation: number };

/** What `watchWithSecrets` runs and watches: `runWithSecrets`' options, the check's interval and grace, a clock. */
export interface WatchWithSecretsOptions extends CommandWithSecretsOptions {
  clients: WatchClients;
  /** Time between checks. Default 60 000 ms. */
  intervalMs?: number;
  /** How long the command has to exit after SIGTERM (a restart) or a signal we passed on (a stop). Default 10 000 ms. */
  graceMs?: number;
  clock?: WatchClock;
  onEvent?: (event: WatchEvent) => void;
}

/** Signals that end a process by default: they end the watch (after reaching the command). */
const STOP_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"]);
/** Earlier values kept masked, at most (the oldest are dropped first): masking work grows with their number. */
export const RETIRED_VALUES_KEPT = 100;

/** Waits for the command to end; after `graceMs` it gets SIGKILL. */
async function endWithin(running: RunningChild, graceMs: number, clock: WatchClock, onEvent: WatchOptionsEvent): Promise<ChildResult> {
  const timeout = new AbortController();
  const ended = running.exited.finally(() => timeout.abort());
  await clock.sleep(graceMs, timeout.signal);
  if (!timeout.signal.aborted) {
    running.child.kill("SIGKILL");
    onEvent({ type: "killed", pid: running.child.pid });
  }
  return await ended;
}

type WatchOptionsEvent = (event: WatchEvent) => void;

/**
 * Runs the command with the references resolved, restarting it whenever a value changes; answers how the last
 * command ended. Failures before the first start are those of runWithSecrets.
 *
 * @example
 * ```ts
 * import { createVoximplantClient } from "typed-secrets";
 * import { watchWithSecrets } from "typed-secrets/run";
 *
 * const voximplant = createVoximplantClient();
 * const { exitCode } = await watchWithSecrets({
 *   command: "node",
 *   args: ["server.js"],
 *   references: { DB_PASSWORD: "voximplant://my-app/dbPassword" },
 *   clients: { voximplant },
 *   intervalMs: 60_000,
 * });
 * ```
 */
export async function watchWithSecrets(options: WatchWithSecretsOptions): Promise<ChildResult> {
  const clock = options.clock ?? systemClock;
  const onEvent: WatchOptionsEvent = options.onEvent ?? (() => {});
  const intervalMs = options.intervalMs ?? 60_000;
  const graceMs = options.graceMs ?? 10_000;
  const check: ChangeCheck = createChangeCheck(options.references, options.clients, clock.now);
  const base = options.env ?? process.env;
  let values = await resolveSecretReferences(options.references, options.clients, options.signal ? { signal: options.signal } : {});
  let env = commandEnvironment(base, values);
  if (options.signal?.aborted) throw new AbortedError("aborted before the command started", { cause: options.signal.reason });
  const plan = options.signalPlan ?? childSignalPlan();
  const retired: string[] = [];
  let generation = 0;
  // Aborted when the current command exits or a stop signal arrives: it ends a wait or a check at once.
  let interrupt = new AbortController();
  let stopped: NodeJS.Signals | undefined;
  const start = (): RunningChild => {
    const running = startChild({
      command: options.command,
      args: options.args ?? [],
      env,
      cwd: options.cwd,
      stdio: options.stdio ?? "inherit",
      masked: maskingPlan(options, values, retired),
      plan,
      output: options.output ?? { stdout: process.stdout, stderr: process.stderr },
      onStart: (child) => onEvent({ type: "started", child, generation }),
    });
    const current = interrupt;
    running.exited.then(
      () => current.abort(),
      () => current.abort(),
    );
    return running;
  };
  let running = start();
  const stopForwarding = forwardSignals(
    plan,
    DEFAULT_FORWARDED,
    () => running.child,
    (signal) => {
      if (!STOP_SIGNALS.has(signal) || stopped) return;
      stopped = signal;
      interrupt.abort();
    },
  );
  let failing = false;
  try {
    for (;;) {
      await clock.sleep(intervalMs, interrupt.signal);
      let changed: Record<string, string> | undefined;
      if (!interrupt.signal.aborted) {
        try {
          changed = await check.check(values, interrupt.signal);
          if (changed) env = commandEnvironment(base, changed);
          if (failing) onEvent({ type: "check-recovered" });
          failing = false;
        } catch (error) {
          changed = undefined;
          if (!interrupt.signal.aborted && !failing) onEvent({ type: "check-failed", error });
          if (!interrupt.signal.aborted) failing = true;
        }
      }
      // The command exited by itself, or a stop signal reached it: its end is the watch's.
      if (interrupt.signal.aborted) return await endWithin(running, graceMs, clock, onEvent);
      if (!changed) continue;
      onEvent({ type: "restarting", variables: Object.keys(changed).filter((variable) => changed[variable] !== values[variable]) });
      running.child.kill("SIGTERM");
      const ended = await endWithin(running, graceMs, clock, onEvent);
      if (stopped) return ended;
      const kept = new Set([...Object.values(changed), ...retired]);
      retired.unshift(...new Set(Object.values(values).filter((value) => !kept.has(value))));
      retired.splice(RETIRED_VALUES_KEPT);
      values = changed;
      generation += 1;
      interrupt = new AbortController();
      running = start();
    }
  } finally {
    stopForwarding();
  }
}
