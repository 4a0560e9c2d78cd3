// Waiting on work that cannot be cancelled, for as long as a signal allows.
import { describe, expect, it } from "vitest";
import { untilAborted } from "./abort.js";

describe("untilAborted", () => {
  it("settles with the work, or rejects with the signal's reason as soon as it fires", async () => {
    expect(await untilAborted(Promise.resolve(1), new AbortController().signal)).toBe(1);
    const failed = new Error("work failed");
    await expect(untilAborted(Promise.reject(failed), new AbortController().signal)).rejects.toBe(failed);
    const reason = new Error("stop");
    await expect(untilAborted(new Promise(() => {}), AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const waiting = untilAborted(new Promise(() => {}), controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
