// `run --watch` through the CLI: its options refused where they make no sense, and the real CLI as a process against
// the Voximplant emulator: a rotation restarts the command (the test waits for the restart's output, never a fixed
// time), SIGTERM to the CLI stops the watch with the command's fate as the exit status, and a command that exits by
// itself ends the watch with its code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startVoximplantEmulator } from "../emulator/index.js";
import { createVoximplantClient } from "../providers/voximplant/client.js";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { ROOT, runCliProcess } from "../testing/cli-process.js";
import { runCli } from "./cli.js";
import type { MockPool } from "./connect.js";
import type { CliIo } from "./output.js";

const startEmulator = emulatorPerTest(startVoximplantEmulator);
const noMocks: MockPool = {
  emulator: () => Promise.reject(new Error("this test must not start an emulator")),
  close: () => Promise.resolve(),
};

async function call(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: (async function* () {})(),
    env: {},
  };
  const code = await runCli(argv, { io, mocks: noMocks });
  return { code, stdout, stderr };
}

describe("run --watch options", () => {
  it.each([
    [["--watch", "--interval", "4"], "run: --interval takes whole seconds from 5 to 86400"],
    [["--watch", "--interval", "1.5"], "run: --interval takes whole seconds from 5 to 86400"],
    [["--watch", "--grace", "3601"], "run: --grace takes whole seconds from 0 to 3600"],
    [["--interval", "30"], "run: --interval needs --watch"],
    [["--grace", "5"], "run: --grace needs --watch"],
  ])("%j is a usage error (exit 2) before anything runs", async (flags, message) => {
    const result = await call(["run", ...flags, "--", "node", "-e", ""]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr.split("\n")[0]).toBe(`typed-secrets: ${message}`);
  });

  it("run --help documents --watch, its checks, and the exit status when it is stopped", async () => {
    const help = await call(["run", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("[--watch [--interval S] [--grace S]]");
    expect(help.stdout).toContain("--interval S");
    const text = help.stdout.replace(/\n/g, " ");
    for (const claim of [
      "one GetSecrets listing per application",
      "Dapr has no change feed",
      "A failed check never restarts it",
      "The watch ends when the command exits by itself, with its exit code",
      "128 + N when signal N ended it",
    ])
      expect(text).toContain(claim);
  });

  it("the README's run section documents --watch and the exit status when it is stopped, as the help does", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("**Watching**");
    const paragraph = readme.slice(start, readme.indexOf("\n\n", start)).replace(/\n/g, " ");
    for (const claim of [
      "`--interval` seconds (default 60, at least 5)",
      "`--grace` seconds (default 10)",
      "A failed check never restarts the command",
      "The watch ends when the command exits by itself, with its exit code",
      "128 + N: 130 Ctrl-C, 143 SIGTERM, 137 SIGKILL",
    ])
      expect(paragraph).toContain(claim);
  });
});

/** Prints which value it got (its length: the value itself is masked), then waits. */
const SERVER = `
console.log("started with " + process.env.DB_PASSWORD.length + " characters: " + process.env.DB_PASSWORD);
setInterval(() => {}, 1000);
`;

describe("run --watch against the emulator (the CLI as a process)", () => {
  it("restarts the command after a rotation; SIGTERM to the CLI reaches the command and its death is the CLI's", {
    timeout: 30_000,
  }, async () => {
    const emulator = await startEmulator({});
    const client = createVoximplantClient({ env: emulator.env, application: { name: "demo" }, retryDelayMs: 0 });
    let step = 0;
    const result = await runCliProcess(["run", "--watch", "--interval", "5", "--", process.execPath, "-e", SERVER], {
      env: { ...emulator.env, DB_PASSWORD: "voximplant://demo/dbPassword" },
      onStdout: (stdout, pid) => {
        if (step === 0 && stdout.includes("started with 16")) {
          step = 1;
          void client.setSecret("dbPassword", "rotated-password-2");
        } else if (step === 1 && stdout.includes("started with 18")) {
          step = 2;
          process.kill(pid, "SIGTERM");
        }
      },
    });
    const masked = "<concealed by typed-secrets>";
    expect(result).toEqual({
      code: null,
      signal: "SIGTERM",
      stdout: `started with 16 characters: ${masked}\nstarted with 18 characters: ${masked}\n`,
      stderr: "typed-secrets: watch: DB_PASSWORD changed: restarting the command (SIGTERM, SIGKILL after 10 s)\n",
    });
  });

  it("a command that ignores the SIGTERM passed on gets SIGKILL after --grace, and so does the CLI (the shell sees 137)", {
    timeout: 30_000,
  }, async () => {
    const emulator = await startEmulator({});
    const stubborn = `process.on("SIGTERM", () => console.log("ignoring SIGTERM"));${SERVER}`;
    let sent = false;
    const result = await runCliProcess(["run", "--watch", "--grace", "0", "--", process.execPath, "-e", stubborn], {
      env: { ...emulator.env, DB_PASSWORD: "voximplant://demo/dbPassword" },
      onStdout: (stdout, pid) => {
        if (!sent && stdout.includes("started with")) (sent = true), process.kill(pid, "SIGTERM");
      },
    });
    expect(result).toMatchObject({
      code: null,
      signal: "SIGKILL",
      stderr: "typed-secrets: watch: the command did not exit within 0 s: SIGKILL sent\n",
    });
    // With --grace 0 the SIGKILL may land before the command's handler has printed: its line is optional.
    expect(result.stdout).toMatch(/^started with 16 characters: <concealed by typed-secrets>\n(ignoring SIGTERM\n)?$/);
  });

  it("SIGINT (Ctrl-C) stops it: the command dies of it, and so does the CLI (the shell sees 130)", { timeout: 30_000 }, async () => {
    const emulator = await startEmulator({});
    let sent = false;
    const result = await runCliProcess(["run", "--watch", "--", process.execPath, "-e", SERVER], {
      env: { ...emulator.env, DB_PASSWORD: "voximplant://demo/dbPassword" },
      onStdout: (stdout, pid) => {
        if (!sent && stdout.includes("started with")) (sent = true), process.kill(pid, "SIGINT");
      },
    });
    expect(result).toEqual({
      code: null,
      signal: "SIGINT",
      stdout: "started with 16 characters: <concealed by typed-secrets>\n",
      stderr: "",
    });
  });

  it("a command that exits by itself ends the watch with its exit code", { timeout: 30_000 }, async () => {
    const emulator = await startEmulator({});
    const result = await runCliProcess(["run", "--watch", "--", process.execPath, "-e", "process.exit(4)"], {
      env: { ...emulator.env, DB_PASSWORD: "voximplant://demo/dbPassword" },
    });
    expect(result).toEqual({ code: 4, signal: null, stdout: "", stderr: "" });
  });
});
