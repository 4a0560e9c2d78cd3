// How a failed attempt is reported: a lost write, a failing credential step.
import { describe, expect, it } from "vitest";
import { ConfigurationError, ConnectionError, NotFoundError, OutcomeUnknownError, ProviderApiError, TimeoutError } from "./errors.js";
import { authorizeSafely, outcomeUnknown } from "./attempt-failures.js";

const details = { provider: "example", operation: "op" };
const context = { refresh: false, operation: "op" };

describe("outcomeUnknown", () => {
  it("says what was lost and what to do, keeping the failure as the cause", () => {
    const late = new TimeoutError("late", details);
    expect(outcomeUnknown(late, details)).toMatchObject({ code: OutcomeUnknownError.code, operation: "op", cause: late });
    const broken = outcomeUnknown(new ConnectionError("reset", details), details);
    expect(broken).toBeInstanceOf(OutcomeUnknownError);
    expect(broken).toMatchObject({ provider: "example", operation: "op", status: undefined });
    const gateway = outcomeUnknown(new ProviderApiError("gateway error", { ...details, status: 504 }), { ...details, subject: "x" });
    expect(gateway).toMatchObject({ status: 504, provider: "example", operation: "op" });
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
    expect(thrown).toMatchObject({ provider: "example", operation: "op" });
    const rejected = await authorizeSafely(() => Promise.reject("sk-456"), {}, context, details)!.catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(ConfigurationError);
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
