// The real CLI as a process and signals: each reaches a `run` command exactly once, whether sent to the CLI or to its
// process group (what a terminal or a supervisor does); they abort the CLI's own work with 128 + the signal's number.
import { spawn, spawnSync } from "node:child_process";
import { createServer, type ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { cliCommand, ROUTES, runCliProcess, tempFiles } from "../testing/cli-process.js";

const TIMEOUT = 30_000;
const { file } = tempFiles("typed-secrets-cli-signals-");

/**
 * A command that counts the signals it gets. SIGUSR2, sent after the signal under test, asks for the count.
 * A duplicate forwarded before SIGUSR2 may be handled after it (the kernel delivers lower numbers first), so
 * the count is reported 200 ms later. The pause only makes a duplicate easier to see: a correct CLI passes
 * however long it is (and two identical signals pending at once merge into one, which no test can see).
 */
const COUNTER = `
const counts = {};
for (const name of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(name, () => {
  counts[name] = (counts[name] ?? 0) + 1;
  console.log("got " + name);
});
process.on("SIGUSR2", () => setTimeout(() => { console.log("counts " + JSON.stringify(counts)); process.exit(0); }, 200));
console.log("ready " + process.ppid);
setInterval(() => {}, 1000);
`;

describe.each(ROUTES)("route %s", (route) => {
  const cli = (args: string[], options: Parameters<typeof runCliProcess>[1] = {}) => runCliProcess(args, { route, ...options });

  describe.concurrent("a run command gets each signal exactly once", () => {
    it.each([
      ["SIGINT", "the CLI's pid"],
      ["SIGINT", "its process group (a terminal's Ctrl-C, a supervisor)"],
      ["SIGTERM", "the CLI's pid"],
      ["SIGTERM", "its process group (a terminal's Ctrl-C, a supervisor)"],
      ["SIGHUP", "the CLI's pid"],
      ["SIGHUP", "its process group (a terminal's Ctrl-C, a supervisor)"],
    ] as const)("%s sent to %s", { timeout: TIMEOUT }, async (signal, target) => {
      let step = 0;
      const result = await cli(["run", "--", process.execPath, "-e", COUNTER], {
        onStdout: (stdout, pid) => {
          if (step === 0 && stdout.includes("ready")) (step = 1), process.kill(target.startsWith("its") ? -pid : pid, signal);
          else if (step === 1 && stdout.includes(`got ${signal}`)) (step = 2), process.kill(pid, "SIGUSR2");
        },
      });
      expect(result).toMatchObject({ code: 0, signal: null, stderr: "" });
      expect(result.stdout).toContain(`counts ${JSON.stringify({ [signal]: 1 })}\n`);
    });
  });

  it("dies of the signal that killed the command (the shell sees 128 + N)", { timeout: TIMEOUT }, async () => {
    const script = "console.log('ready'); setInterval(() => {}, 1000);";
    let sent = false;
    const result = await cli(["run", "-f", file(`plain-${route}.env`, "MODE=test\n"), "--", process.execPath, "-e", script], {
      onStdout: (stdout, pid) => {
        if (!sent && stdout.includes("ready")) (sent = true), process.kill(pid, "SIGINT");
      },
    });
    expect(result).toMatchObject({ code: null, signal: "SIGINT", stdout: "ready\n" });
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)(
    "%s while a request is under way aborts it and exits with %i (128 + the signal's number)",
    { timeout: TIMEOUT },
    async (signal, code) => {
      // A Dapr sidecar that never answers: the signal is sent once the CLI's request has arrived.
      const held: ServerResponse[] = [];
      let pid = 0;
      const sidecar = createServer((_request, response) => {
        held.push(response);
        if (held.length === 1) process.kill(pid, signal);
      });
      await new Promise<void>((listening) => sidecar.listen(0, "127.0.0.1", listening));
      try {
        const endpoint = `http://127.0.0.1:${(sidecar.address() as { port: number }).port}`;
        const result = await cli(["dapr", "wait", "--timeout", "25"], {
          env: { DAPR_HTTP_ENDPOINT: endpoint },
          onSpawn: (started) => (pid = started),
        });
        expect(result).toMatchObject({ code, signal: null, stdout: "" });
        expect(result.stderr).toMatch(/^typed-secrets: dapr .*aborted/);
      } finally {
        sidecar.closeAllConnections();
        sidecar.close();
      }
    },
  );

  it("SIGINT while the CLI waits on a stdin that never ends: exit 130 at once", { timeout: TIMEOUT }, async () => {
    // Sent once the CLI has its handlers: Node itself catches SIGINT from the start, so the sign is SIGHUP's,
    // which main.ts catches in the same statement as SIGINT.
    const result = await cli(["voximplant", "set", "x", "--app", "demo", "--value-stdin", "--mock"], {
      keepStdinOpen: true,
      onSpawn: (pid) => void whenCatching(pid, "SIGHUP").then(() => process.kill(pid, "SIGINT")),
    });
    expect(result).toMatchObject({ code: 130, signal: null, stdout: "" });
  });
});

/** Resolves once the process has a handler for `signal` (Linux: the SigCgt mask of /proc/PID/status). */
async function whenCatching(pid: number, signal: NodeJS.Signals): Promise<void> {
  const { readFile } = await import("node:fs/promises");
  const { constants } = await import("node:os");
  const bit = 1n << BigInt(constants.signals[signal] - 1);
  for (;;) {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    if (mask && (BigInt(`0x${mask}`) & bit) !== 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// A real terminal: util-linux `script` gives the CLI a pseudo-terminal whose foreground group it leads.
const hasScript = spawnSync("script", ["--version"]).status === 0;
if (!hasScript) console.log("skipped: the terminal tests need util-linux `script`, which is not installed");

describe.skipIf(!hasScript)("on a terminal (script(1) pseudo-terminal)", () => {
  /** Runs the CLI on a pseudo-terminal; `type(text)` types keys; resolves with the terminal's output once it exits. */
  function onTerminal(
    args: string[],
    react: (screen: string, type: (text: string) => void) => void,
    env: Record<string, string> = {},
  ): Promise<string> {
    const [command, argv] = cliCommand("dist", args);
    const line = [command, ...argv].map((token) => `'${token.replace(/'/g, "'\\''")}'`).join(" ");
    return new Promise((resolve, reject) => {
      const terminal = spawn("script", ["-qfec", line, "/dev/null"], {
        env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/", TERM: "dumb", ...env },
      });
      let screen = "";
      terminal.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        screen += chunk;
        react(screen, (text) => terminal.stdin.write(text));
      });
      terminal.once("error", reject);
      terminal.once("close", () => resolve(screen));
    });
  }

  it("Ctrl-C reaches the command once (from the terminal, not again from the CLI)", { timeout: TIMEOUT }, async () => {
    let step = 0;
    const screen = await onTerminal(["run", "--", process.execPath, "-e", COUNTER], (output, type) => {
      const ready = /ready (\d+)/.exec(output);
      if (step === 0 && ready) (step = 1), type("\x03");
      else if (step === 1 && output.includes("got SIGINT")) (step = 2), process.kill(Number(ready![1]), "SIGUSR2");
    });
    expect(screen).toContain('counts {"SIGINT":1}');
  });

  it("--value-stdin reads the value without echoing it, after the mock notice", { timeout: TIMEOUT }, async () => {
    let typed = false;
    const screen = await onTerminal(["voximplant", "set", "apiKeyProd", "--app", "demo", "--value-stdin", "--mock"], (output, type) => {
      if (!typed && output.includes("press Enter")) (typed = true), type("typed-s3cret-value\r");
    });
    expect(screen).not.toContain("typed-s3cret-value");
    const notice = screen.indexOf("--mock: voximplant calls go to the embedded emulator");
    const prompt = screen.indexOf("type the value (it is not shown) and press Enter");
    expect(notice).toBeGreaterThanOrEqual(0);
    expect(prompt).toBeGreaterThan(notice);
    expect(screen).toContain("voximplant: updated secret apiKeyProd");
  });
});
