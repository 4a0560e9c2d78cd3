// How a failed attempt is reported: a lost write, a failing credential step.
import { describe, expect, it } from "vitest";
import { ConfigurationError, ConnectionError, NotFoundError, OutcomeUnknownError, ProviderApiError, TimeoutError } from "./errors.js";
import { authorizeSafely, outcomeUnknown } from "./attempt-failures.js";

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
    const gateway = outcomeUnknown(new ProviderApiError("gateway error", { ...details, status: 504 }), { ...details, subject: "x" });
    expect(gateway).toMatchObject({ status: 504, provider: "example", operation: "op" });
    expect(gateway.message).toMatch(/^example op: a gateway answered HTTP 504 after the request was sent/);
  });
});

describe("authorizeSafely", () => {
  it("passes a synchronous step through, and a promise's success", async () => {
    const headers: Record<string, string> = {};
    expect(authorizeSafely((h) => void (h.authorization = "k"), headers, context, details)).toBeUndefined();
    expect(headers.authorization).toBe("k");
    await authorizeSafely(async (h) => void (h.x = "y"), headers, context, details);
    expect(headers.x).toBe("y");
  });

  it("a foreign failure (thrown or rejected) becomes a ConfigurationError naming its class only; ours stay as they are", async () => {
    const leaky = () => {
      throw new TypeError("key sk-123 is invalid");
    };
    const thrown = await authorizeSafely(leaky, {}, context, details)!.catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect(thrown).toMatchObject({ message: "example op: could not set the credentials on the request (TypeError)" });
    const rejected = await authorizeSafely(() => Promise.reject("sk-456"), {}, context, details)!.catch((error: unknown) => error);
    expect((rejected as Error).message).toBe("example op: could not set the credentials on the request (error)");
    const ours = new NotFoundError("no key file", details);
    await expect(authorizeSafely(() => Promise.reject(ours), {}, context, details)).rejects.toBe(ours);
    await expect(
      authorizeSafely(
        () => {
          throw ours;
        },
        {},
        context,
        details,
      ),
    ).rejects.toBe(ours);
  });
});
