// Exit codes (128 + the signal's number when interrupted) and failure messages that never quote an unexpected error.
import { describe, expect, it } from "vitest";
import { AbortedError, NotFoundError, OutcomeUnknownError } from "../core/errors.js";
import { describeFailure, exitCodeFor, InterruptedError, UsageError } from "./exit-codes.js";

describe("exitCodeFor", () => {
  it("maps an abort to 128 + the number of the signal that caused it, 130 when unknown", () => {
    const aborted = new AbortedError("aborted by the caller", { provider: "dapr" });
    expect(exitCodeFor(aborted, new InterruptedError("SIGINT"))).toBe(130);
    expect(exitCodeFor(aborted, new InterruptedError("SIGTERM"))).toBe(143);
    expect(exitCodeFor(aborted, new InterruptedError("SIGHUP"))).toBe(129);
    expect(exitCodeFor(aborted, new Error("some other reason"))).toBe(130);
    expect(exitCodeFor(aborted)).toBe(130);
    // A wait that rejects with the signal's reason itself.
    expect(exitCodeFor(new InterruptedError("SIGTERM"))).toBe(143);
  });

  it("keeps the other codes", () => {
    expect(exitCodeFor(new UsageError("x"))).toBe(2);
    expect(exitCodeFor(new NotFoundError("x"))).toBe(3);
    expect(exitCodeFor(new OutcomeUnknownError("x"))).toBe(5);
    expect(exitCodeFor(new TypeError("x"), new InterruptedError("SIGTERM"))).toBe(1);
  });
});

describe("describeFailure", () => {
  // What child_process.spawn throws for an environment value with a NUL byte.
  const leaky = Object.assign(
    new TypeError("The property 'options.env['X']' must be a string without null bytes. Received 'top\x00secret-value'"),
    { code: "ERR_INVALID_ARG_VALUE" },
  );

  it("names an unexpected error by class and code only, in text and JSON", () => {
    const text = describeFailure(leaky, { json: false, debug: false });
    expect(text).toBe(
      "typed-secrets: unexpected error: TypeError ERR_INVALID_ARG_VALUE (message withheld, as it may quote a secret value; " +
        "TYPED_SECRETS_DEBUG=1 prints it)",
    );
    const json = describeFailure(leaky, { json: true, debug: false });
    expect(JSON.parse(json)).toEqual({
      error: {
        name: "TypeError",
        code: "ERR_INVALID_ARG_VALUE",
        message: expect.stringMatching(/^unexpected error: TypeError ERR_INVALID_ARG_VALUE /),
      },
    });
    expect(json).not.toContain("secret-value");
    expect(describeFailure("a thrown string", { json: false, debug: false })).toBe(
      "typed-secrets: unexpected error: Error (message withheld, as it may quote a secret value; TYPED_SECRETS_DEBUG=1 prints it)",
    );
  });

  it("prints the message and stack of an unexpected error with TYPED_SECRETS_DEBUG", () => {
    const text = describeFailure(leaky, { json: false, debug: true });
    expect(text).toMatch(/^typed-secrets: The property 'options\.env\['X'\]' must be a string without null bytes\. .*\nTypeError: /s);
  });

  it("prints the messages of the library's and the CLI's own errors", () => {
    expect(describeFailure(new UsageError("dapr get: missing argument"), { json: false, debug: false })).toBe(
      "typed-secrets: dapr get: missing argument",
    );
    expect(
      describeFailure(new NotFoundError("secret x", { provider: "dapr", operation: "getSecret" }), { json: false, debug: false }),
    ).toBe("typed-secrets: dapr getSecret: secret x");
    expect(JSON.parse(describeFailure(new InterruptedError("SIGTERM"), { json: true, debug: false }))).toEqual({
      error: { name: "InterruptedError", message: "interrupted by SIGTERM" },
    });
  });
});
