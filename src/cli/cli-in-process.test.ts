// The CLI called as a function, for what needs no API: help on every level, argument errors, formatting, progress lines, test certificates.
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { COMMANDS, GROUPS, runCli } from "./cli.js";
import type { MockPool } from "./connect.js";
import { createOutput, formatTable, type CliIo } from "./output.js";
import { createTestCertificates } from "./self-signed.js";

const noMocks: MockPool = {
  url: () => Promise.reject(new Error("this test must not start a mock")),
  close: () => Promise.resolve(),
};

async function call(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: (chunk: string) => (stderr += chunk) }, stdin: (async function* () {})(), env: {} };
  const code = await runCli(argv, { io, mocks: noMocks });
  return { code, stdout, stderr };
}

describe("help", () => {
  it("is on every level, on stdout, with exit code 0", async () => {
    const top = await call(["--help"]);
    expect(top).toMatchObject({ code: 0, stderr: "" });
    for (const line of ["Usage: typed-secrets <provider> <command>", "voximplant list", "gcore upload-cert", "run ", "Exit codes:", "  3    not found"]) expect(top.stdout).toContain(line);
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
    for (const command of COMMANDS) expect((await call([command.name, "-h"])).stdout).toMatch(new RegExp(`^Usage: typed-secrets ${command.name}`));
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
    [["gcore", "frobnicate"], "unknown command gcore frobnicate (commands: list, get, upload-cert, delete, task)"],
    [["run", "--env-file", "x.env", "node"], "give the command after --"],
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

describe("output", () => {
  it("aligns table columns", () => {
    expect(formatTable(["id", "name", "note"], [[1, "apiKeyProd", undefined], [102, "db", new Date("2024-05-15T16:30:00Z")]])).toBe(
      "ID   NAME        NOTE\n1    apiKeyProd  -\n102  db          2024-05-15 16:30:00\n",
    );
  });

  it("draws progress lines on a terminal only", () => {
    const written = { tty: "", pipe: "" };
    const io = (kind: "tty" | "pipe"): CliIo => ({ stdout: { write: () => true }, stderr: { isTTY: kind === "tty", write: (chunk: string) => (written[kind] += chunk) }, stdin: (async function* () {})(), env: {} });
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
    expect(leaf.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });
});
