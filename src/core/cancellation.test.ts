// An attempt's cancellation: one listener at a time, the reason kept, a signal for fetch, a race for a credential step.
import { describe, expect, it, vi } from "vitest";
import { Cancellation } from "./cancellation.js";

describe("Cancellation", () => {
  it("calls the current listener once with the reason; a later cancel changes nothing", () => {
    const cancellation = new Cancellation();
    const first = vi.fn();
    const second = vi.fn();
    cancellation.onCancel(first);
    cancellation.onCancel(second);
    cancellation.cancel("timeout");
    cancellation.cancel("again");
    expect([first.mock.calls, second.mock.calls]).toEqual([[], [["timeout"]]]);
    expect([cancellation.cancelled, cancellation.reason]).toEqual([true, "timeout"]);
  });

  it("a listener set after the cancel runs at once; a removed one never", () => {
    const cancellation = new Cancellation();
    const removed = vi.fn();
    cancellation.onCancel(removed);
    cancellation.onCancel(undefined);
    cancellation.cancel("x");
    expect(removed).not.toHaveBeenCalled();
    const late = vi.fn();
    cancellation.onCancel(late);
    expect(late).toHaveBeenCalledWith("x");
  });

  it("signal() follows it, already aborted or later", () => {
    const early = new Cancellation();
    early.cancel("before");
    expect([early.signal().aborted, early.signal().reason]).toEqual([true, "before"]);
    const later = new Cancellation();
    const signal = later.signal();
    expect(signal.aborted).toBe(false);
    later.cancel("after");
    expect(signal.reason).toBe("after");
  });

  it("race settles with the work, or rejects with the reason at once; the listener goes either way", async () => {
    const done = new Cancellation();
    expect(await done.race(Promise.resolve(1))).toBe(1);
    done.cancel("late");
    await expect(done.race(new Promise(() => {}))).rejects.toBe("late");
    const waiting = new Cancellation();
    const raced = waiting.race(new Promise(() => {}));
    waiting.cancel("stop");
    await expect(raced).rejects.toBe("stop");
    const failed = new Error("work failed");
    await expect(new Cancellation().race(Promise.reject(failed))).rejects.toBe(failed);
  });

  it("a listener set right after a race resolves stays (the race's own is gone before the caller resumes)", async () => {
    const cancellation = new Cancellation();
    await cancellation.race(Promise.resolve("credentials"));
    const next = vi.fn();
    cancellation.onCancel(next);
    await new Promise((resolve) => setImmediate(resolve));
    cancellation.cancel("abort");
    expect(next).toHaveBeenCalledWith("abort");
  });
});
