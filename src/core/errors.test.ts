// The error model: one code per class, from one list, so `instanceof` and `code` never disagree.
import { describe, expect, it } from "vitest";
import * as everything from "../index.js";
import { SECRETS_ERROR_CODES, SecretsError } from "./errors.js";

const classes = Object.values(everything).filter(
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
