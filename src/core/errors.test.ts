// The error model: one code per class, from one list, so `instanceof` and `code` never disagree.
import { describe, expect, it } from "vitest";
import * as root from "../index.js";
import * as run from "../run.js";
import { inspect } from "node:util";
import {
  ConnectionError,
  isSecretsError,
  ProviderApiError,
  RateLimitedError,
  SECRETS_ERROR_CODES,
  SecretsError,
  TaskFailedError,
  TimeoutError,
  ValidationError,
} from "./errors.js";

// Every entry's error classes: the root's, and typed-secrets/run's (references and commands).
const classes = [...new Set([...Object.values(root), ...Object.values(run)])].filter(
  (value): value is typeof SecretsError & { code: string } => typeof value === "function" && value.prototype instanceof SecretsError,
);

describe("error classes", () => {
  it("each exported class has its own static code, and together they are exactly the code list", () => {
    const codes = classes.map((each) => each.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...SECRETS_ERROR_CODES].sort());
  });

  it("an instance's code is its class's, so an instanceof check and a code check agree", () => {
    for (const Class of classes) {
      const error = new (Class as unknown as new (...args: unknown[]) => SecretsError)(
        ...(Class.name === "SecretReferenceError"
          ? ["X", "malformed", "ERR_VALIDATION", "detail"]
          : Class.name === "CommandStartError"
            ? ["cmd", "ENOENT"]
            : ["detail", { taskId: "t" }]),
      );
      expect(error.code).toBe(Class.code);
      for (const Other of classes) expect(error instanceof Other, `${Class.name} instanceof ${Other.name}`).toBe(Other === Class);
    }
  });
});

describe("isSecretsError", () => {
  it("is true of every class of ours, and of nothing else", () => {
    for (const Class of classes) expect(isSecretsError(Object.create(Class.prototype)), Class.name).toBe(true);
    for (const other of [new Error("x"), new TypeError("x"), { code: "ERR_NOT_FOUND" }, null, undefined, "ERR_NOT_FOUND"])
      expect(isSecretsError(other), String(other)).toBe(false);
  });
});

describe("what an error says and shows", () => {
  it("keeps the cause only when there is one, and the name of its class", () => {
    const cause = new Error("underneath");
    const error = new ConnectionError("reset", { cause });
    expect(error.cause).toBe(cause);
    expect(error.name).toBe("ConnectionError");
    expect("cause" in new ConnectionError("reset")).toBe(false);
  });

  it("JSON holds the safe fields that are set, and each class's own extra field", () => {
    const full = {
      provider: "vendor",
      operation: "getSecret",
      status: 500,
      providerCode: "ERR_X",
      requestId: "r-1",
      cause: new Error("c"),
    };
    const failed = new ProviderApiError("failed", full);
    expect(failed.toJSON()).toEqual({
      name: "ProviderApiError",
      code: "ERR_PROVIDER_API",
      message: failed.message,
      provider: "vendor",
      operation: "getSecret",
      status: 500,
      providerCode: "ERR_X",
      requestId: "r-1",
    });
    const late = new TimeoutError("late");
    expect(late.toJSON()).toEqual({ name: "TimeoutError", code: "ERR_TIMEOUT", message: late.message });
    expect(new RateLimitedError("slow", { retryAfterMs: 0 }).toJSON()).toMatchObject({ retryAfterMs: 0 });
    expect(new RateLimitedError("slow").toJSON()).not.toHaveProperty("retryAfterMs");
    expect(new ValidationError("bad", { field: "name" }).toJSON()).toMatchObject({ field: "name" });
    expect(new ValidationError("bad").toJSON()).not.toHaveProperty("field");
    expect(new TaskFailedError("failed", { taskId: "t-1" }).toJSON()).toMatchObject({ taskId: "t-1", code: "ERR_TASK_FAILED" });
  });

  it("inspect shows the stack, then the safe fields on one line", () => {
    const error = new ProviderApiError("failed", { provider: "vendor", status: 500 });
    const shown = inspect(error);
    expect(shown.startsWith(`${error.stack}\n  `)).toBe(true);
    expect(
      shown.endsWith(
        "{ name: 'ProviderApiError', code: 'ERR_PROVIDER_API', message: 'vendor: failed (HTTP 500)', provider: 'vendor', status: 500 }",
      ),
    ).toBe(true);
    const stackless = new ProviderApiError("failed");
    delete (stackless as { stack?: string }).stack;
    expect(inspect(stackless).startsWith("ProviderApiError: failed\n  {")).toBe(true);
  });
});
