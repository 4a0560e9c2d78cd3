// The real CLI as a process and signals: passed on to a `run` command, or aborting the CLI with 128 + the signal's number.
import { createServer, type ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { runCliProcess, tempFiles } from "../testing/cli-process.js";

const TIMEOUT = 30_000;
const { file } = tempFiles("typed-secrets-cli-signals-");
const cli = runCliProcess;

describe.concurrent("signals", () => {
  it("passes a signal to the command and its exit code back", { timeout: TIMEOUT }, async () => {
    const script = "process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(42); }); console.log('ready'); setInterval(() => {}, 1000);";
    let sent = false;
    const result = await cli(["run", "-f", file("plain.env", "MODE=test\n"), "--", process.execPath, "-e", script], {
      onStdout: (stdout, pid) => {
        if (!sent && stdout.includes("ready")) (sent = true), process.kill(pid, "SIGTERM");
      },
    });
    expect(result).toMatchObject({ code: 42, stdout: "ready\ngot SIGTERM\n", stderr: "" });
  });

  it("dies of the signal that killed the command", { timeout: TIMEOUT }, async () => {
    const script = "console.log('ready'); setInterval(() => {}, 1000);";
    let sent = false;
    const result = await cli(["run", "-f", file("plain2.env", "MODE=test\n"), "--", process.execPath, "-e", script], {
      onStdout: (stdout, pid) => {
        if (!sent && stdout.includes("ready")) (sent = true), process.kill(pid, "SIGINT");
      },
    });
    expect(result).toMatchObject({ code: null, signal: "SIGINT", stdout: "ready\n" });
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s while a request is under way aborts it and exits with %i (128 + the signal's number)", { timeout: TIMEOUT }, async (signal, code) => {
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
      const result = await cli(["dapr", "wait", "--timeout", "25"], { env: { DAPR_HTTP_ENDPOINT: endpoint }, onSpawn: (started) => (pid = started) });
      expect(result).toMatchObject({ code, signal: null, stdout: "" });
      expect(result.stderr).toMatch(/^typed-secrets: dapr .*aborted/);
    } finally {
      sidecar.closeAllConnections();
      sidecar.close();
    }
  });
});
