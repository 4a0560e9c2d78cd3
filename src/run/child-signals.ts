/**
 * How a command started by `run` gets each signal exactly once.
 *
 * A terminal sends Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT) and a hang-up (SIGHUP) to its whole foreground process
 * group, so a child in our group already has them: forwarding them again makes the child see two (the
 * "second Ctrl-C forces quit" path of many programs). A `kill <our pid>` reaches us only, and must be passed on.
 * Node cannot tell the two apart (no siginfo), so the child's place decides:
 * - on a terminal, where we are the foreground group, the child stays in our group (it can read the terminal)
 *   and the terminal's signals are left to the terminal; SIGTERM, SIGUSR2 are forwarded;
 * - anywhere else (CI, scripts, services, a background job) the child gets its own process group, so that a
 *   signal to our group reaches us alone, and every signal is forwarded once.
 * (uv settled on the same split after counting signals failed: astral-sh/uv#13925.)
 */
import { readFileSync } from "node:fs";

/** The signals a terminal delivers to its foreground process group. */
const TERMINAL_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(["SIGINT", "SIGQUIT", "SIGHUP"]);

export interface ChildSignalPlan {
  /** Start the child in a process group of its own. */
  ownProcessGroup: boolean;
  /** Should a signal we received be sent to the child? */
  forward(signal: NodeJS.Signals): boolean;
}

/**
 * Are we in the foreground process group of a controlling terminal? From /proc/self/stat on Linux (pgrp,
 * tty_nr and tpgid); elsewhere, whether any standard stream is a terminal.
 */
export function inTerminalForeground(): boolean {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // After the command name, which may hold spaces and parentheses: state ppid pgrp session tty_nr tpgid …
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [pgrp, ttyNumber, foregroundGroup] = [Number(fields[2]), Number(fields[4]), Number(fields[5])];
    return ttyNumber !== 0 && foregroundGroup === pgrp;
  } catch {
    return Boolean(process.stdin.isTTY || process.stdout.isTTY || process.stderr.isTTY);
  }
}

export function childSignalPlan(terminal: boolean = inTerminalForeground()): ChildSignalPlan {
  if (terminal) return { ownProcessGroup: false, forward: (signal) => !TERMINAL_SIGNALS.has(signal) };
  return { ownProcessGroup: true, forward: () => true };
}
