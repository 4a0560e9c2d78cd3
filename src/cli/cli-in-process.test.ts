// The CLI called as a function, for what needs no API: help on every level, argument errors, formatting, progress lines, test certificates.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS, GROUPS, runCli } from "./cli.js";
import type { MockPool } from "./connect.js";
import { InterruptedError } from "./exit-codes.js";
import { createOutput, formatTable, type CliIo } from "./output.js";
import { createTestCertificates } from "./self-signed.js";

const noMocks: MockPool = {
  emulator: () => Promise.reject(new Error("this test must not start an emulator")),
  close: () => Promise.resolve(),
};

async function call(
  argv: string[],
  options: { env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: (async function* () {})(),
    env: options.env ?? {},
  };
  const code = await runCli(argv, { io, mocks: noMocks, ...(options.signal ? { signal: options.signal } : {}) });
  return { code, stdout, stderr };
}

describe("help", () => {
  it("is on every level, on stdout, with exit code 0", async () => {
    const top = await call(["--help"]);
    expect(top).toMatchObject({ code: 0, stderr: "" });
    for (const line of [
      "Usage: typed-secrets <provider> <command>",
      "voximplant list",
      "gcore upload-cert",
      "run ",
      "Exit codes:",
      "  3    not found",
    ])
      expect(top.stdout).toContain(line);
    for (const group of GROUPS) {
      const help = await call([group.name, "--help"]);
      expect(help).toMatchObject({ code: 0, stderr: "" });
      expect(help.stdout).toContain(`Usage: typed-secrets ${group.name} <command>`);
      for (const command of group.commands) {
        const commandHelp = await call([group.name, command.name, "--help"]);
        expect(commandHelp).toMatchObject({ code: 0, stderr: "" });
        expect(commandHelp.stdout).toMatch(new RegExp(`^Usage: typed-secrets ${group.name} ${command.name}`));
        expect(commandHelp.stdout).toContain("Exit codes:");
      }
    }
    for (const command of COMMANDS)
      expect((await call([command.name, "-h"])).stdout).toMatch(new RegExp(`^Usage: typed-secrets ${command.name}`));
    expect((await call(["help", "gcore", "task"])).stdout).toMatch(/^Usage: typed-secrets gcore task TASK_ID/);
  });

  it("goes to stderr with exit code 2 when the command is missing", async () => {
    const none = await call([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("Usage: typed-secrets <provider> <command>");
    expect((await call(["dapr"])).code).toBe(2);
  });
});

describe("argument errors (exit code 2, before any API call)", () => {
  it.each([
    [["voximplant", "set", "apiKey", "--value", "hunter2"], "secret values are never taken from the command line"],
    [["voximplant", "add", "apiKey", "--value-file", "a", "--value-stdin"], "give one of --value-file or --value-stdin, not both"],
    [["voximplant", "get", "a", "--id", "1"], "give NAME or --id ID, not both"],
    [["voximplant", "delete", "--all"], "add --yes to confirm"],
    [["voximplant", "set", "apiKey", "hunter2"], "too many arguments (usage: typed-secrets voximplant set NAME"],
    [["voximplant", "update", "a"], "nothing to change"],
    [["dapr", "get", "vault"], "dapr get: missing argument"],
    [["dapr", "get", "vault", "db", "--metadata", "novalue"], "--metadata novalue: expected KEY=VALUE"],
    [["gcore", "upload-cert", "--name", "x"], "upload-cert needs --cert"],
    [["gcore", "list", "--project", "abc"], "--project must be a positive integer"],
    [["gcore", "frobnicate"], "gcore: unknown command (commands: list, get, upload-cert, delete, task)"],
    // An unknown command word is not echoed: it may be a value typed in the wrong place.
    [["gcore", "hunter2"], "gcore: unknown command (commands: list, get, upload-cert, delete, task)"],
    [["hunter2"], "typed-secrets: unknown command (providers: voximplant, dapr, gcore; commands: run, tour, emulate, read)"],
    [["run", "-f", "x.env", "node"], "give the command after --"],
    [["--bogus", "gcore", "list"], "unknown option --bogus"],
  ])("%j", async (argv, message) => {
    const result = await call(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stderr).toMatch(/Run 'typed-secrets .*--help' for usage\.\n$/);
  });

  it("reports errors as JSON on stderr with --json", async () => {
    const result = await call(["dapr", "get", "vault", "--json"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({ error: { name: "UsageError", message: expect.stringContaining("missing argument") } });
  });
});

describe("run", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "typed-secrets-run-in-process-"));
  const file = (name: string, content: string) => (writeFileSync(path.join(dir, name), content), path.join(dir, name));
  const marker = path.join(dir, "started");
  const writeMarker = [process.execPath, "-e", `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "started")`];
  // A Dapr sidecar whose secret holds a NUL byte (values that Node's spawn would quote in its error).
  const sidecar = createServer((_request, response) =>
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ db: "top\u0000secret-value" })),
  );
  let sidecarUrl = "";
  beforeAll(
    () =>
      new Promise<void>((listening) =>
        sidecar.listen(
          0,
          "127.0.0.1",
          () => ((sidecarUrl = `http://127.0.0.1:${(sidecar.address() as { port: number }).port}`), listening()),
        ),
      ),
  );
  afterAll(() => void sidecar.close());

  it("without credentials or --mock, a reference fails before the command starts, naming the variable and setting (exit 2)", async () => {
    const env = file("refs.env", "DB_PASSWORD=dapr://vault/db-secret\nAPI_KEY=voximplant://demo/apiKeyProd\n");
    // Dapr needs no settings (127.0.0.1:3500 by default); Voximplant needs its credentials, and an empty variable (what CI gives for a
    // missing secret) is missing.
    const missing =
      "typed-secrets: API_KEY: no credentials: set VOXIMPLANT_CREDENTIALS to the path of a service account's credentials.json, or " +
      "pass --mock (or TYPED_SECRETS_MOCK=1) for the embedded emulator\n";
    expect(await call(["run", "-f", env, "--", ...writeMarker])).toEqual({ code: 2, stdout: "", stderr: missing });
    expect(await call(["run", "-f", env, "--", ...writeMarker], { env: { VOXIMPLANT_CREDENTIALS: "", DAPR_HTTP_PORT: "3500" } })).toEqual({
      code: 2,
      stdout: "",
      stderr: missing,
    });
    const json = await call(["run", "--json", "-f", env, "--", ...writeMarker]);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: "ERR_SECRET_REFERENCE", causeCode: "ERR_CONFIGURATION", variable: "API_KEY", reason: "no-client" },
    });
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses a resolved value with a NUL byte before the command starts, naming the variable, never the value (exit 2)", async () => {
    const env = file("nul.env", "DB_PASSWORD=dapr://vault/db\n");
    const text = await call(["run", "-f", env, "--", ...writeMarker], { env: { DAPR_HTTP_ENDPOINT: sidecarUrl } });
    expect(text).toEqual({
      code: 2,
      stdout: "",
      stderr: "typed-secrets: DB_PASSWORD: the resolved value holds a NUL byte, which an environment variable cannot carry\n",
    });
    const json = await call(["run", "--json", "-f", env, "--", ...writeMarker], { env: { DAPR_HTTP_ENDPOINT: sidecarUrl } });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: "ERR_SECRET_REFERENCE", causeCode: "ERR_VALIDATION", variable: "DB_PASSWORD", reason: "invalid-value" },
    });
    expect(json.stderr).not.toContain("secret-value");
    // A literal of the env file with a NUL byte: named, not quoted.
    const literal = await call(["run", "-f", file("literal.env", "PLAIN='top\u0000secret-value'\n"), "--", ...writeMarker]);
    expect(literal).toEqual({
      code: 2,
      stdout: "",
      stderr: "typed-secrets: PLAIN: the value holds a NUL byte, which an environment variable cannot carry\n",
    });
    expect(existsSync(marker)).toBe(false);
  });

  it("exits with 128 + the number of the signal that aborted it", async () => {
    const env = file("plain.env", "MODE=test\n");
    for (const [reason, code] of [
      [new InterruptedError("SIGTERM"), 143],
      [new InterruptedError("SIGHUP"), 129],
      [new InterruptedError("SIGINT"), 130],
      [new Error("aborted"), 130],
    ] as const) {
      const controller = new AbortController();
      controller.abort(reason);
      expect(await call(["run", "-f", env, "--", ...writeMarker], { signal: controller.signal })).toMatchObject({ code, stdout: "" });
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe("output", () => {
  it("aligns table columns", () => {
    expect(
      formatTable(
        ["id", "name", "note"],
        [
          [1, "apiKeyProd", undefined],
          [102, "db", new Date("2024-05-15T16:30:00Z")],
        ],
      ),
    ).toBe("ID   NAME        NOTE\n1    apiKeyProd  -\n102  db          2024-05-15 16:30:00\n");
  });

  it("draws progress lines on a terminal only", () => {
    const written = { tty: "", pipe: "" };
    const io = (kind: "tty" | "pipe"): CliIo => ({
      stdout: { write: () => true },
      stderr: { isTTY: kind === "tty", write: (chunk: string) => (written[kind] += chunk) },
      stdin: (async function* () {})(),
      env: {},
    });
    for (const kind of ["tty", "pipe"] as const) {
      const out = createOutput(io(kind), false);
      out.progress("waiting (1 s)");
      out.progress("waiting (2 s)");
      out.done();
      out.note("done");
    }
    expect(written.tty).toBe("\r\x1b[2Kwaiting (1 s)\r\x1b[2Kwaiting (2 s)\r\x1b[2Kdone\n");
    expect(written.pipe).toBe("done\n");
  });
});

describe("test certificates", () => {
  it("are a CA and a leaf it signed, made at run time", async () => {
    const { ca, leaf } = await createTestCertificates("test.example.com");
    const caCertificate = new X509Certificate(ca.certificate);
    const leafCertificate = new X509Certificate(leaf.certificate);
    expect(leafCertificate.subject).toBe("CN=test.example.com");
    expect(leafCertificate.checkIssued(caCertificate)).toBe(true);
    expect(leafCertificate.verify(caCertificate.publicKey)).toBe(true);
    expect(leafCertificate.checkPrivateKey(leaf.key)).toBe(true);
    expect(leaf.privateKey).toMatch(/^-----BEGIN PRIVATE [K]EY-----\n/);
  });
});
