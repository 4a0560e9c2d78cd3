// `typed-secrets emulate`: the README's script lines run as written in bash (set -> get -> stop across CLI calls, the
// emulators in a background process); a stale pid, a taken port and a second start are refused; --foreground serves
// until SIGTERM or SIGINT. Every test has its own TMPDIR, and fails (after killing it) when an emulator is left behind.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, runCliProcess } from "../testing/cli-process.js";
import { createSandbox, type Sandbox } from "../testing/cli-sandbox.js";
import { probe } from "./emulate-background.js";

const TIMEOUT = 60_000;
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
/** The README's script block: the one that starts the emulators with eval and stops them with a trap. */
const SCRIPT = [...README.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
  .map((match) => match[1]!)
  .find((block) => block.startsWith('eval "$(typed-secrets emulate)"') && block.includes("trap 'typed-secrets emulate stop' EXIT"));

/** A line of the README's CLI block, without its comment. */
const cliLine = (start: string) => new RegExp(`^(${start.replace(/[$()]/g, "\\$&")}.*?) +# `, "m").exec(README)?.[1];

let sandbox: Sandbox | undefined;
/** A sandbox for this test, removed (any emulator left in it killed) after it. */
function useSandbox(): Sandbox {
  sandbox = createSandbox();
  return sandbox;
}
afterEach(async () => {
  await sandbox?.remove(probe);
  sandbox = undefined;
});

/** The variables of `export NAME=value` lines (values as the CLI quotes them: plain, or in single quotes). */
function exported(stdout: string): Record<string, string> {
  const lines = [...stdout.matchAll(/^export ([A-Z_]+)=(.*)$/gm)];
  return Object.fromEntries(lines.map(([, name, value]) => [name!, value!.replace(/^'(.*)'$/s, "$1").replace(/'\\''/g, "'")]));
}

describe("typed-secrets emulate, for scripts (background)", () => {
  it("the README has the script block", () => {
    expect(SCRIPT).toBeDefined();
  });

  it.each(['eval "$(typed-secrets emulate)"', "source <(typed-secrets emulate)"])(
    "the README's script with `%s` (as emulate --help shows it): set, then get, then stop; nothing left",
    {
      timeout: TIMEOUT,
    },
    async (start) => {
      const { bash, leftovers } = useSandbox();
      const help = await runCliProcess(["emulate", "--help"], { route: "dist" });
      expect(help.stdout).toContain(`\n  ${start}\n`);
      const script = SCRIPT!.replace(/^.*\n/, `${start}\n`);
      const result = await bash(script);
      expect(result).toMatchObject({ code: 0, stdout: "rotated-value\nrotated-value\n" });
      const lines = result.stderr.split("\n");
      expect(lines[0]).toMatch(/^typed-secrets: serving voximplant, dapr, gcore in the background \(pid \d+\); stop with /);
      expect(lines).toContain("voximplant: updated secret apiKeyProd");
      expect(result.stderr).toMatch(/^typed-secrets: emulate stop: the emulator \(pid \d+\) has stopped$/m);
      // The state folder and the Voximplant credentials folder are gone: the emulators closed.
      expect(leftovers()).toEqual([]);
    },
  );

  it("the README's CLI lines for emulate and read, as written: the reference's value from the background emulators", {
    timeout: TIMEOUT,
  }, async () => {
    const { bash, leftovers } = useSandbox();
    const [start, read] = [cliLine('eval "$(typed-secrets emulate)"'), cliLine("typed-secrets read ")];
    expect([start, read]).toEqual(['eval "$(typed-secrets emulate)"', "typed-secrets read dapr://vault/api-keys#stripe"]);
    const result = await bash(`${start}\n${read}\ntyped-secrets emulate stop\n`);
    expect(result).toMatchObject({ code: 0, stdout: "demo-stripe-key\n" });
    expect(leftovers()).toEqual([]);
  });

  it("exports the emulators' variables (127.0.0.1 only) and its pid; a second start is refused; stop twice: exit 0 then 3", {
    timeout: TIMEOUT,
  }, async () => {
    const { env, tmp, leftovers } = useSandbox();
    const started = await runCliProcess(["emulate", "dapr"], { route: "dist", env });
    expect(started.code).toBe(0);
    const vars = exported(started.stdout);
    expect(Object.keys(vars).sort()).toEqual(
      ["DAPR_HTTP_ENDPOINT", "DAPR_HTTP_PORT", "TYPED_SECRETS_EMULATOR_PID", "TYPED_SECRETS_EMULATOR_STATE"].sort(),
    );
    expect(vars.DAPR_HTTP_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(path.dirname(vars.TYPED_SECRETS_EMULATOR_STATE!)).toBe(tmp);
    const withEmulator = { ...env, ...vars };
    expect(await runCliProcess(["dapr", "get", "vault", "db-secret"], { route: "dist", env: withEmulator })).toMatchObject({
      code: 0,
      stdout: "demo-db-secret-value\n",
      stderr: "",
    });
    const again = await runCliProcess(["emulate"], { route: "dist", env: withEmulator });
    expect(again).toMatchObject({ code: 2, stdout: "false\n" });
    expect(again.stderr).toContain(`the emulators of TYPED_SECRETS_EMULATOR_PID=${vars.TYPED_SECRETS_EMULATOR_PID} still run`);
    expect(await runCliProcess(["emulate", "stop"], { route: "dist", env: withEmulator })).toMatchObject({ code: 0, stdout: "" });
    const stale = await runCliProcess(["emulate", "stop"], { route: "dist", env: withEmulator });
    expect(stale).toMatchObject({ code: 3, stdout: "" });
    expect(stale.stderr).toContain("no emulator of ours runs as TYPED_SECRETS_EMULATOR_PID=");
    expect(leftovers()).toEqual([]);
  });

  it("a stale pid that is another live process's now is refused, never signalled (exit 3)", { timeout: TIMEOUT }, async () => {
    const { env, tmp, leftovers } = useSandbox();
    const stateDir = mkdtempSync(path.join(tmp, "typed-secrets-emulate-"));
    const result = await runCliProcess(["emulate", "stop"], {
      route: "dist",
      env: { ...env, TYPED_SECRETS_EMULATOR_PID: String(process.pid), TYPED_SECRETS_EMULATOR_STATE: stateDir },
    });
    expect(result).toMatchObject({ code: 3, stdout: "" });
    expect(result.stderr).toBe(
      `typed-secrets: emulate stop: no emulator of ours runs as TYPED_SECRETS_EMULATOR_PID=${process.pid} (it has stopped, or the pid ` +
        "is another process's now): nothing stopped\n",
    );
    // Nothing made, and the state folder given is left alone.
    expect(leftovers()).toEqual([path.basename(stateDir)]);
  });

  it("a state folder others can enter is not trusted: stop refuses (exit 3) until it is private again", { timeout: TIMEOUT }, async () => {
    const { env, leftovers } = useSandbox();
    const vars = exported((await runCliProcess(["emulate", "dapr"], { route: "dist", env })).stdout);
    const withEmulator = { ...env, ...vars };
    chmodSync(vars.TYPED_SECRETS_EMULATOR_STATE!, 0o755);
    expect(await runCliProcess(["emulate", "stop"], { route: "dist", env: withEmulator })).toMatchObject({ code: 3 });
    chmodSync(vars.TYPED_SECRETS_EMULATOR_STATE!, 0o700);
    expect(await runCliProcess(["emulate", "stop"], { route: "dist", env: withEmulator })).toMatchObject({ code: 0 });
    expect(leftovers()).toEqual([]);
  });

  it("stop without the variables: exit 2, saying where they come from", { timeout: TIMEOUT }, async () => {
    const { env } = useSandbox();
    const result = await runCliProcess(["emulate", "stop"], { route: "dist", env });
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain(
      'TYPED_SECRETS_EMULATOR_PID and TYPED_SECRETS_EMULATOR_STATE are not set (eval "$(typed-secrets emulate)"',
    );
  });

  it("a taken port: exit 2 naming it, no export line, the evaluating shell fails, nothing left running", { timeout: TIMEOUT }, async () => {
    const { env, bash, leftovers } = useSandbox();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await runCliProcess(["emulate", "gcore", "--port", String(port)], { route: "dist", env });
      expect(result).toEqual({
        code: 2,
        signal: null,
        stdout: "false\n",
        stderr: `typed-secrets: emulate: cannot listen on 127.0.0.1:${port} (EADDRINUSE)\n`,
      });
      // The shell that evals the output sees the failure: set -e stops the script.
      for (const start of [`eval "$(typed-secrets emulate gcore --port ${port})"`, `source <(typed-secrets emulate gcore --port ${port})`])
        expect(await bash(`set -e\n${start}\necho started\n`)).toMatchObject({ code: 1, stdout: "" });
      expect(leftovers()).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it("--ttl: the background emulators stop on their own", { timeout: TIMEOUT }, async () => {
    const { env, leftovers } = useSandbox();
    const started = await runCliProcess(["emulate", "dapr", "--ttl", "1"], { route: "dist", env });
    expect(started.stderr).toMatch(/\(pid \d+, for 1 s\)/);
    const stateDir = exported(started.stdout).TYPED_SECRETS_EMULATOR_STATE!;
    while (leftovers().length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await probe(stateDir)).toBeUndefined();
  });

  it("the state folder removed (a temp cleaner): the background emulators stop on their own", { timeout: TIMEOUT }, async () => {
    const { env } = useSandbox();
    const vars = exported((await runCliProcess(["emulate", "dapr"], { route: "dist", env })).stdout);
    rmSync(vars.TYPED_SECRETS_EMULATOR_STATE!, { recursive: true });
    const listening = () =>
      fetch(`${vars.DAPR_HTTP_ENDPOINT!}/v1.0/healthz`).then(
        () => true,
        () => false,
      );
    while (await listening()) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await listening()).toBe(false);
  });

  it("TYPED_SECRETS_MOCK=1 says that its state ends with the command, and points to emulate", { timeout: TIMEOUT }, async () => {
    const result = await runCliProcess(["dapr", "get", "vault", "db-secret"], { route: "dist", env: { TYPED_SECRETS_MOCK: "1" } });
    expect(result).toMatchObject({ code: 0, stdout: "demo-db-secret-value\n" });
    expect(result.stderr).toContain(
      "typed-secrets: TYPED_SECRETS_MOCK=1 starts fresh emulators for each command, and their state ends with it: " +
        'for state across a script\'s commands, eval "$(typed-secrets emulate)"\n',
    );
  });
});

describe("typed-secrets emulate --foreground", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "prints export lines another process can use, serves until %s, exits 0",
    { timeout: TIMEOUT },
    async (signal) => {
      let env: Record<string, string> = {};
      let reads: Promise<unknown> | undefined;
      const served = await runCliProcess(["emulate", "--foreground", "voximplant", "dapr", "gcore"], {
        route: "dist",
        onStdout(stdout, pid) {
          if (reads || !stdout.includes("GCORE_CLOUD_REGION_ID")) return;
          env = exported(stdout);
          reads = Promise.all([
            runCliProcess(["voximplant", "get", "apiKeyProd"], { route: "dist", env }),
            runCliProcess(["dapr", "get", "vault", "db-secret"], { route: "dist", env }),
            runCliProcess(["gcore", "list", "--json"], { route: "dist", env }),
          ]).finally(() => process.kill(pid, signal));
        },
      });
      const [voximplant, dapr, gcore] = (await reads) as Array<{ code: number; stdout: string; stderr: string }>;
      expect(served).toMatchObject({ code: 0, signal: null });
      expect(Object.keys(env).sort()).toEqual(
        [
          "DAPR_HTTP_ENDPOINT",
          "DAPR_HTTP_PORT",
          "GCORE_API_KEY",
          "GCORE_BASE_URL",
          "GCORE_CLOUD_PROJECT_ID",
          "GCORE_CLOUD_REGION_ID",
          "VOXIMPLANT_APPLICATION_ID",
          "VOXIMPLANT_BASE_URL",
          "VOXIMPLANT_CREDENTIALS",
        ].sort(),
      );
      expect(voximplant).toMatchObject({ code: 0, stdout: "demo-api-key-value\n", stderr: "" });
      expect(dapr).toMatchObject({ code: 0, stdout: "demo-db-secret-value\n", stderr: "" });
      expect(JSON.parse(gcore!.stdout).map((secret: { name: string }) => secret.name)).toEqual(["lb-cert"]);
    },
  );

  it("ends when its parent does (a script killed without passing the signal on): the port is closed again", {
    timeout: TIMEOUT,
  }, async () => {
    const { bash } = useSandbox();
    // The script waits until the emulator listens, prints where, and ends: the emulator's parent is gone.
    const script =
      "typed-secrets emulate --foreground dapr > out 2>/dev/null &\n" +
      "until grep -q DAPR_HTTP_ENDPOINT out 2>/dev/null; do sleep 0.1; done\ngrep DAPR_HTTP_ENDPOINT out\n";
    const result = await bash(script);
    const endpoint = exported(result.stdout).DAPR_HTTP_ENDPOINT!;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const listening = () =>
      fetch(`${endpoint}/v1.0/healthz`).then(
        () => true,
        () => false,
      );
    while (await listening()) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await listening()).toBe(false);
  });

  it("refuses an unknown provider, --json, --ttl with --foreground and stop with arguments (exit 2)", { timeout: TIMEOUT }, async () => {
    expect(await runCliProcess(["emulate", "aws"], { route: "dist" })).toMatchObject({
      code: 2,
      stdout: "false\n",
      stderr: expect.stringContaining("emulate: unknown provider (choose from voximplant, dapr, gcore)"),
    });
    for (const argv of [
      ["emulate", "--json"],
      ["emulate", "--foreground", "--ttl", "5"],
      ["emulate", "stop", "dapr"],
      ["emulate", "--ttl", "0"],
    ])
      expect((await runCliProcess(argv, { route: "dist" })).code).toBe(2);
  });
});
