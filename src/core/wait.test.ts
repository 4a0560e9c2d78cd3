// Polling until a condition holds: the count of polls depends on the limits, never on how loaded the machine is.
import { describe, expect, it } from "vitest";
import { TimeoutError } from "./errors.js";
import { waitUntil } from "./wait.js";

const details = { provider: "example", operation: "probe", what: "the thing" };

describe("waitUntil", () => {
  it("a limit shorter than the interval polls exactly once, then ends at the limit", async () => {
    let polls = 0;
    const wait = waitUntil(async () => void (polls += 1), { intervalMs: 1_000, timeoutMs: 30 }, details);
    await expect(wait).rejects.toThrow(new TimeoutError("gave up waiting for the thing after 30 ms", details));
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
});
