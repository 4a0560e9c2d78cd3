// Polling until a condition holds: the count of polls depends on the limits, never on how loaded the machine is.
import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { AbortedError, TimeoutError } from "./errors.js";
import { waitUntil } from "./wait.js";

const details = { provider: "example", operation: "probe", what: "the thing" };

describe("waitUntil", () => {
  it("a limit shorter than the interval polls exactly once, then ends at the limit", async () => {
    let polls = 0;
    const wait = waitUntil(async () => void (polls += 1), { intervalMs: 1_000, timeoutMs: 30 }, details);
    await expect(wait).rejects.toMatchObject({ code: TimeoutError.code, provider: "example", operation: "probe" });
    expect(polls).toBe(1);
  });

  it("the sleep that reaches the limit is the last thing it does: no poll is started only to be cut off", async () => {
    let polls = 0;
    // Polls at 0 and 20 ms; the next sleep (capped at the limit) ends the wait.
    const wait = waitUntil(async () => void (polls += 1), { intervalMs: 20, timeoutMs: 35 }, details);
    await expect(wait).rejects.toBeInstanceOf(TimeoutError);
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(polls).toBeLessThanOrEqual(2);
  });

  it("returns the first defined result, passing on each progress a poll reported with the time elapsed", async () => {
    const seen: Array<[unknown, number]> = [];
    let polls = 0;
    const result = await waitUntil<string, string>(
      async (_signal, report) => {
        polls += 1;
        if (polls === 1) report("NEW");
        return polls === 3 ? "done" : undefined;
      },
      { intervalMs: 1, timeoutMs: 60_000, onProgress: (progress, elapsed) => seen.push([progress, elapsed]) },
      details,
    );
    expect(result).toBe("done");
    expect(seen.map(([progress]) => progress)).toEqual(["NEW"]);
    for (const [, elapsed] of seen) expect(elapsed).toBeGreaterThanOrEqual(0);
    // A falsy result is a result: only undefined means "not yet".
    expect(await waitUntil(async () => 0, { intervalMs: 1, timeoutMs: 1_000 }, details)).toBe(0);
    expect(await waitUntil(async () => false, { intervalMs: 1, timeoutMs: 1_000 }, details)).toBe(false);
  });

  it("says its limit in seconds from 10 s up (fake clock)", async () => {
    vi.useFakeTimers();
    try {
      for (const [timeoutMs, says] of [
        [9_999, "9999 ms"],
        [10_000, "10 s"],
        [90_400, "90 s"],
      ] as const) {
        const wait = waitUntil(async () => undefined, { intervalMs: 120_000, timeoutMs }, details).catch((error: unknown) => error);
        await vi.advanceTimersByTimeAsync(timeoutMs);
        expect(await wait).toMatchObject({ name: "TimeoutError", message: `example probe: gave up waiting for the thing after ${says}` });
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("a poll's own error ends the wait unchanged; an abort (before, between, during polls) is an AbortedError", async () => {
    const broken = new Error("poll failed");
    await expect(waitUntil(async () => Promise.reject(broken), { intervalMs: 1, timeoutMs: 1_000 }, details)).rejects.toBe(broken);

    const before = AbortSignal.abort(new Error("early"));
    let polled = false;
    const early = await waitUntil(async () => void (polled = true), { intervalMs: 1, timeoutMs: 1_000, signal: before }, details).catch(
      (error: unknown) => error,
    );
    expect(early).toBeInstanceOf(AbortedError);
    expect(early).toMatchObject({ operation: "probe", cause: before.reason });
    expect(polled).toBe(false);

    const between = new AbortController();
    const sleeping = waitUntil(
      async () => void between.abort(new Error("between")),
      { intervalMs: 60_000, timeoutMs: 120_000, signal: between.signal },
      details,
    );
    await expect(sleeping).rejects.toBeInstanceOf(AbortedError);

    const during = new AbortController();
    const polling = waitUntil(
      (signal) =>
        new Promise<undefined>((_, reject) => {
          signal?.addEventListener("abort", () => reject(new Error("cut off")));
          during.abort(new Error("during"));
        }),
      { intervalMs: 1, timeoutMs: 120_000, signal: during.signal },
      details,
    );
    await expect(polling).rejects.toMatchObject({ name: "AbortedError", cause: during.signal.reason });
  });

  it("a poll cut off by the deadline is a TimeoutError that states the limit", async () => {
    const hanging = (signal: AbortSignal | undefined) =>
      new Promise<undefined>((_, reject) => signal?.addEventListener("abort", () => reject(new Error("cut off"))));
    await expect(waitUntil(hanging, { intervalMs: 1, timeoutMs: 20 }, details)).rejects.toBeInstanceOf(TimeoutError);
  });

  it("an abort while it sleeps between polls ends the wait at once (fake clock)", async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      let settled = false;
      const wait = waitUntil(async () => undefined, { intervalMs: 60_000, timeoutMs: 120_000, signal: controller.signal }, details)
        .catch((error: unknown) => error)
        .finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(10);
      controller.abort(new Error("stop"));
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      expect(await wait).toBeInstanceOf(AbortedError);
    } finally {
      vi.useRealTimers();
    }
  });

  it("when the time left equals the interval, that sleep is the last: no poll at the deadline (fake clock)", async () => {
    vi.useFakeTimers();
    try {
      let polls = 0;
      const wait = waitUntil(async () => void (polls += 1), { intervalMs: 1_000, timeoutMs: 2_000 }, details).catch(
        (error: unknown) => error,
      );
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await wait).toBeInstanceOf(TimeoutError);
      expect(polls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a poll gets the time left, not a sliver of it: a 30 ms poll within a 5 s limit finishes", async () => {
    let polls = 0;
    const result = await waitUntil(
      async (signal) => {
        polls += 1;
        if (polls === 1) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (signal?.aborted) throw new Error("cut off");
        return "ready";
      },
      { intervalMs: 1, timeoutMs: 5_000 },
      details,
    );
    expect(result).toBe("ready");
  });

  it("each poll is cut off at the time left of the whole limit (fake Date: the first poll takes 250 of 300 ms)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const timeout = vi.spyOn(AbortSignal, "timeout");
    try {
      let polls = 0;
      const poll = async () => {
        polls += 1;
        if (polls === 1) vi.setSystemTime(Date.now() + 250);
        return polls === 2 ? "ready" : undefined;
      };
      expect(await waitUntil(poll, { intervalMs: 1, timeoutMs: 300 }, details)).toBe("ready");
      expect(timeout.mock.calls.map(([ms]) => ms)).toEqual([300, 50]);
    } finally {
      timeout.mockRestore();
      vi.useRealTimers();
    }
  });

  it("leaves no listener on the caller's signal once it has slept and returned", async () => {
    const controller = new AbortController();
    let polls = 0;
    const poll = async () => ((polls += 1) === 3 ? "ready" : undefined);
    expect(await waitUntil(poll, { intervalMs: 1, timeoutMs: 60_000, signal: controller.signal }, details)).toBe("ready");
    expect(getEventListeners(controller.signal, "abort")).toEqual([]);
  });
});
