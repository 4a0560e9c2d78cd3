// How a failed attempt is reported: a lost write, a failing credential step.
import { describe, expect, it } from "vitest";
import { ConfigurationError, ConnectionError, NotFoundError, OutcomeUnknownError, TimeoutError } from "./errors.js";
import { authorizeSafely, outcomeUnknown } from "./attempt-failures.js";
import { untilAborted } from "./abort.js";

const details = { provider: "example", operation: "op" };
const context = { refresh: false, operation: "op" };

describe("outcomeUnknown", () => {
  it("says what was lost and what to do, keeping the failure as the cause", () => {
    const late = new TimeoutError("late", details);
    expect(outcomeUnknown(late, details)).toMatchObject({
      message:
        "example op: no answer in time after the request was sent: it may have been applied; " +
        "read the current state before sending it again",
      cause: late,
    });
    const broken = outcomeUnknown(new ConnectionError("reset", details), details);
    expect(broken).toBeInstanceOf(OutcomeUnknownError);
    expect(broken.message).toBe(
      "example op: the connection failed after the request was sent: it may have been applied; " +
        "read the current state before sending it again",
    );
  });
});

describe("authorizeSafely", () => {
  it("passes a synchronous step through, and a promise's success", async () => {
    const headers = new Headers();
    expect(authorizeSafely((h) => void h.set("authorization", "k"), headers, context, details)).toBeUndefined();
    expect(headers.get("authorization")).toBe("k");
    await authorizeSafely(async (h) => void h.set("x", "y"), headers, context, details);
    expect(headers.get("x")).toBe("y");
  });

  it("a foreign failure (thrown or rejected) becomes a ConfigurationError naming its class only; ours stay as they are", async () => {
    const leaky = () => {
      throw new TypeError("key sk-123 is invalid");
    };
    const thrown = await authorizeSafely(leaky, new Headers(), context, details)!.catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect(thrown).toMatchObject({ message: "example op: could not set the credentials on the request (TypeError)" });
    const rejected = await authorizeSafely(() => Promise.reject("sk-456"), new Headers(), context, details)!.catch(
      (error: unknown) => error,
    );
    expect((rejected as Error).message).toBe("example op: could not set the credentials on the request (error)");
    const ours = new NotFoundError("no key file", details);
    await expect(authorizeSafely(() => Promise.reject(ours), new Headers(), context, details)).rejects.toBe(ours);
    await expect(
      authorizeSafely(
        () => {
          throw ours;
        },
        new Headers(),
        context,
        details,
      ),
    ).rejects.toBe(ours);
  });
});

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
