// What `run --watch` says on stderr about its checks and restarts: variable names and counts, never a value.
import type { WatchEvent } from "../run/watch.js";
import { describeFailure } from "./exit-codes.js";
import type { Output } from "./output.js";
import { seconds } from "./output.js";

const PREFIX = "typed-secrets: ";

/** The line (or nothing) for one watch event. */
export function watchNote(event: WatchEvent, graceMs: number, out: Output): void {
  if (event.type === "check-failed") {
    const failure = describeFailure(event.error, { json: out.json, debug: false });
    const said = "watch: check failed; the command keeps running with the values it has (said once until a check succeeds): ";
    // Sanitised already: written as it is.
    out.note(out.json ? failure : `${PREFIX}${said}${failure.slice(PREFIX.length)}`);
  } else if (event.type === "check-recovered") {
    out.note(`${PREFIX}watch: checks succeed again`);
  } else if (event.type === "restarting") {
    out.note(`${PREFIX}watch: ${event.variables.join(", ")} changed: restarting the command (SIGTERM, SIGKILL after ${seconds(graceMs)})`);
  } else if (event.type === "killed") {
    out.note(`${PREFIX}watch: the command did not exit within ${seconds(graceMs)}: SIGKILL sent`);
  }
}
