// `typed-secrets emulate` for scripts: the emulators served from a detached background process (its own process group,
// no inherited stdio, so `$(…)` returns), reported ready over IPC; `emulate stop` finds it through the control socket
// in its private (0700) state folder, so a stale or reused pid is refused, never signalled.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { Environment } from "../core/options.js";
import { parsePositiveInteger } from "../core/validate.js";
import { type EmulatePlan, ListenError, type Served } from "./emulate-serve.js";
import { EXIT, UsageError } from "./exit-codes.js";
import type { Output } from "./output.js";

export const PID_VARIABLE = "TYPED_SECRETS_EMULATOR_PID";
export const STATE_VARIABLE = "TYPED_SECRETS_EMULATOR_STATE";
/** The background process's control socket, in its state folder: it answers `{"pid": N}` to whoever connects. */
export const CONTROL_SOCKET = "control.sock";
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const PROBE_TIMEOUT_MS = 2_000;

/** What the background process tells its parent, once. */
export type DaemonMessage = { kind: "ready"; served: Served[] } | { kind: "failed"; port: number; systemCode: string };

export interface Background {
  pid: number;
  stateDir: string;
  served: Served[];
}

/** The daemon's first message, or an error when it exits first, the wait exceeds START_TIMEOUT_MS, or `signal` aborts. */
function firstMessage(child: ChildProcess, signal: AbortSignal): Promise<DaemonMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`emulate: the background emulators did not report listening within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      settle();
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    child.once("message", (message: DaemonMessage) => {
      settle();
      resolve(message);
    });
    child.once("error", (error) => {
      settle();
      reject(error);
    });
    child.once("exit", (code, exitSignal) => {
      settle();
      reject(new Error(`emulate: the background emulator process ended (${exitSignal ?? `exit code ${code}`}) before it listened`));
    });
  });
}

/** Starts the daemon and waits (bounded) until its emulators listen; it then serves on, detached from this process. */
export async function startInBackground(plan: EmulatePlan, ttlSeconds: number, env: Environment, signal: AbortSignal): Promise<Background> {
  const stateDir = await mkdtemp(path.join(tmpdir(), "typed-secrets-emulate-"));
  // The daemon beside this file, as built (.js) or from a checkout (.ts, with the same tsx loader in execArgv).
  const here = fileURLToPath(import.meta.url);
  const script = path.join(path.dirname(here), `emulate-daemon${path.extname(here)}`);
  const argv = [...process.execArgv, script, stateDir, String(plan.port), String(ttlSeconds), ...plan.providers];
  const child = spawn(process.execPath, argv, { detached: true, stdio: ["ignore", "ignore", "ignore", "ipc"], env });
  try {
    const message = await firstMessage(child, signal);
    if (message.kind === "failed") throw new UsageError(new ListenError(message.port, message.systemCode).message, { showHelp: false });
    return { pid: child.pid!, stateDir, served: message.served };
  } catch (error) {
    child.kill("SIGKILL");
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (child.connected) child.disconnect();
    child.unref();
  }
}

/** The pid the control socket in `stateDir` answers, or undefined when nothing of ours listens there. */
export function probe(stateDir: string): Promise<number | undefined> {
  if (!path.isAbsolute(stateDir)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let answer = "";
    const socket = createConnection(path.join(stateDir, CONTROL_SOCKET));
    const done = (pid: number | undefined) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(undefined));
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
      if (answer.length > 256) done(undefined);
    });
    socket.on("end", () => {
      const match = /^\{"pid":(\d+)\}\n$/.exec(answer);
      done(match ? Number(match[1]) : undefined);
    });
    socket.on("error", () => done(undefined));
  });
}

/** Waits (bounded) until the daemon has removed its state folder, which it does after closing the emulators. */
async function stopped(stateDir: string, pid: number): Promise<boolean> {
  for (let waited = 0; waited < STOP_TIMEOUT_MS; waited += 50) {
    if (!existsSync(stateDir)) return true;
    try {
      process.kill(pid, 0);
    } catch {
      await rm(stateDir, { recursive: true, force: true });
      return true;
    }
    await delay(50);
  }
  return false;
}

/** Is `dir` a folder only this user can enter, as mkdtemp makes it (a socket elsewhere could name any pid)? */
function isPrivateFolder(dir: string): boolean {
  try {
    const stats = statSync(dir);
    return stats.isDirectory() && (stats.mode & 0o077) === 0 && (process.getuid === undefined || stats.uid === process.getuid());
  } catch {
    return false;
  }
}

/** An emulator this environment started that still runs: its pid. */
export async function runningEmulator(env: Environment): Promise<number | undefined> {
  const stateDir = env[STATE_VARIABLE];
  const pid = parsePositiveInteger(env[PID_VARIABLE]);
  if (!stateDir || pid === undefined || !path.isAbsolute(stateDir) || !isPrivateFolder(stateDir)) return undefined;
  return (await probe(stateDir)) === pid ? pid : undefined;
}

/** `emulate stop`: SIGTERM to the emulator the environment names, once its control socket confirms the pid. */
export async function stopBackground(env: Environment, out: Output): Promise<number> {
  const stateDir = env[STATE_VARIABLE];
  const pidText = env[PID_VARIABLE];
  if (!stateDir || !pidText)
    throw new UsageError(
      `emulate stop: no background emulator to stop: ${PID_VARIABLE} and ${STATE_VARIABLE} are not set ` +
        `(eval "$(typed-secrets emulate)" sets them)`,
      { showHelp: false },
    );
  const pid = await runningEmulator(env);
  if (pid === undefined) {
    out.note(
      `typed-secrets: emulate stop: no emulator of ours runs as ${PID_VARIABLE}=${pidText} (it has stopped, or the pid is ` +
        "another process's now): nothing stopped",
    );
    return EXIT.notFound;
  }
  process.kill(pid, "SIGTERM");
  if (!(await stopped(stateDir, pid))) {
    out.note(`typed-secrets: emulate stop: the emulator (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
    return EXIT.failure;
  }
  out.note(`typed-secrets: emulate stop: the emulator (pid ${pid}) has stopped`);
  return EXIT.ok;
}
