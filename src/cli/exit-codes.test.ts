// Exit codes (128 + the signal's number when interrupted) and failure messages that never quote an unexpected error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortedError, NotFoundError, OutcomeUnknownError } from "../core/errors.js";
import { type LoopbackServer, loopbackServer } from "../testing/loopback-server.js";
import { runCli } from "./cli.js";
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

describe("--json failures from a server that echoes the credential (issue 19.1)", () => {
  const GCORE_KEY = "9876$0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  const DAPR_TOKEN = "dapr-t0ken-4f3e2d1c0b";
  let server: LoopbackServer;
  beforeAll(async () => {
    // Whatever authenticated the request comes back in the request id header, the error code and the message.
    server = await loopbackServer((request, response) => {
      const credential = String(request.headers.authorization ?? request.headers["dapr-api-token"] ?? "");
      const gcore = request.headers.authorization !== undefined;
      const body = gcore
        ? { message: `invalid key ${credential}`, exception_class: credential }
        : { errorCode: credential, message: `token ${credential} (${encodeURIComponent(credential)}) refused` };
      response.writeHead(400, { "content-type": "application/json", "x-request-id": credential }).end(JSON.stringify(body));
    });
  });
  afterAll(() => server.close());

  async function call(argv: string[], env: Record<string, string>) {
    let stdout = "";
    let stderr = "";
    const code = await runCli(argv, {
      io: {
        stdout: { write: (chunk: string) => (stdout += chunk) },
        stderr: { write: (chunk: string) => (stderr += chunk) },
        stdin: (async function* () {})(),
        env,
      },
      mocks: { emulator: () => Promise.reject(new Error("no emulator here")), close: () => Promise.resolve() },
    });
    return { code, stdout, stderr };
  }

  it("gcore list --json: the API key is cut from requestId, providerCode and the message; the error's code and status show", async () => {
    const env = { GCORE_API_KEY: GCORE_KEY, GCORE_CLOUD_PROJECT_ID: "1", GCORE_CLOUD_REGION_ID: "1", GCORE_BASE_URL: server.url };
    const result = await call(["gcore", "list", "--json"], env);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`APIKey ${GCORE_KEY}`);
    expect(result.code).toBe(2);
    expect(`${result.stdout}${result.stderr}`).not.toContain(GCORE_KEY);
    expect(`${result.stdout}${result.stderr}`).not.toContain(encodeURIComponent(GCORE_KEY));
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: { code: "ERR_VALIDATION", provider: "gcore", status: 400, requestId: "[REDACTED]", providerCode: "[REDACTED]" },
    });
    // The whole header is one of the forms cut out (`APIKey KEY`, as the request carried it).
    expect(result.stderr).toContain("invalid key [REDACTED]");
    expect((await call(["gcore", "list"], env)).stderr).not.toContain(GCORE_KEY);
  });

  it("dapr get --json: the API token is cut from errorCode (providerCode) and the message", async () => {
    const env = { DAPR_API_TOKEN: DAPR_TOKEN, DAPR_HTTP_ENDPOINT: server.url };
    const result = await call(["dapr", "get", "vault", "db", "--json"], env);
    expect(server.requests.at(-1)?.headers["dapr-api-token"]).toBe(DAPR_TOKEN);
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).not.toContain(DAPR_TOKEN);
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: { code: "ERR_PROVIDER_API", provider: "dapr", status: 400, providerCode: "[REDACTED]" },
    });
    expect(result.stderr).toContain("token [REDACTED] ([REDACTED]) refused");
    expect((await call(["dapr", "get", "vault", "db"], env)).stderr).not.toContain(DAPR_TOKEN);
  });
});
