// Every shell block of the README is run as written, or names why it cannot run here (printed): a block added without
// either fails the first test. The CLI block is a script: it starts the emulators, runs each line against them, and
// stops them; its files (pw.txt, the PEMs, app.env, server.js) are made first, as its comments assume.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probe } from "./cli/emulate-background.js";
import { testCertificate } from "./emulator/index.js";
import { BIN, ROOT } from "./testing/cli-process.js";
import { createSandbox } from "./testing/cli-sandbox.js";

const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const BLOCKS = [...README.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
const TIMEOUT = 120_000;

/** Blocks that cannot run in a test, by their first line, with the reason (printed when the suite runs). */
const NOT_RUN: Record<string, string> = {
  "CONTRACT_TARGET=live \\": "live mode needs real accounts; the same suite runs in npm test against Prism and the emulators",
};
/** Blocks run elsewhere, by their first line: the test that runs them as written. */
const RUN_ELSEWHERE: Record<string, string> = {
  'eval "$(typed-secrets emulate)"          # returns once they listen; exports their variables and TYPED_SECRETS_EMULATOR_PID':
    "src/cli/emulate.test.ts (with eval and with source)",
};
const RUN_HERE = ["npm install typed-secrets", "npm ci && npm start", 'eval "$(typed-secrets emulate)"    '];

/** The commands the README's prose names in inline code (`npm …`, `npx …`), each once. */
const INLINE = [...new Set([...README.matchAll(/`((?:npm|npx) [^`\n]+)`/g)].map((match) => match[1]!))];
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const CI = readFileSync(path.join(ROOT, ".ci/run"), "utf8");
/** Inline commands run by a test below, as written. */
const INLINE_RUN_HERE = ["npm run cli -- --help", "npm run specs:diff", "npx typed-secrets --help"];
/** Inline commands another command runs: checked here to be in that command, as written. */
const INLINE_INSIDE: Record<string, [where: string, text: string]> = {
  "npm test": ["CI (.ci/run)", CI],
  "npm run test:runtimes": ["CI (.ci/run)", CI],
  "npm run lint": ["npm test", PACKAGE.scripts.test!],
  "npm run generate -- --check": ["npm test", PACKAGE.scripts.test!],
};
/** Inline commands not run by a test, each with why (printed when the suite runs). */
const INLINE_NOT_RUN: Record<string, string> = {
  "npm install typed-secrets": "needs the published package; the install block's test lays the package out as npm would",
  "npm run test:contract": "the contract project of the vitest run in npm test",
  "npm run generate": "rewrites generated/; npm test's first step checks that it would write nothing (--check)",
  "npm run format": "rewrites files; npm run lint (in npm test) runs the same Biome check without --write",
  "npm run docs:fidelity": "rewrites the README; scripts/fidelity-table.test.ts runs the script on a copy",
  "npm run specs:pull": "downloads the vendors' pages (no network in CI)",
  "npm run specs:pull && npm run specs:diff && npm run generate": "downloads the vendors' pages (no network in CI)",
  "npm run bench": "a measurement for a quiet machine (minutes): speed is measured, never asserted in tests",
  "npm run bench:cache": "a measurement for a quiet machine: speed is measured, never asserted in tests",
  "npm run bench:masking": "a measurement for a quiet machine: speed is measured, never asserted in tests",
  "npm run test:mutation [-- group…]": "Stryker over src/core and src/providers: hours on two cores",
  "npm run test:runtimes -- --full": "every suite on Node 22 and 24: CI runs the smoke and unit+contract form",
  "npm run test:chaos -- --runs 10000": "minutes; npm test runs the same model test for a few hundred runs",
};

const sandbox = createSandbox();
afterAll(() => sandbox.remove(probe));

/** Runs `command` with `args` in `cwd` (npm and npx on PATH), answering its exit code and output. */
function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The developer's PATH (npm, npx) and TMPDIR (tsx's cache), nothing else of theirs: no credentials.
    const env = { HOME: sandbox.env.HOME!, PATH: process.env.PATH ?? "", TMPDIR: tmpdir() };
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the README's shell blocks", () => {
  it("each is run here, run by another test, or says why it cannot run", () => {
    const first = (block: string) => block.split("\n")[0]!;
    const undecided = BLOCKS.filter((block) => {
      const line = first(block);
      return !NOT_RUN[line] && !RUN_ELSEWHERE[line] && !RUN_HERE.some((start) => line.startsWith(start));
    });
    expect(undecided).toEqual([]);
    for (const [line, why] of Object.entries(NOT_RUN)) console.log(`README block not run here: ${line.trim()} — ${why}`);
    for (const [line, where] of Object.entries(RUN_ELSEWHERE)) console.log(`README block run by ${where}: ${line.split("#")[0]!.trim()}`);
  });

  it("from npm: npx typed-secrets tour, in a project that has the package installed", { timeout: TIMEOUT }, async () => {
    const block = BLOCKS.find((each) => each.startsWith("npm install typed-secrets"))!;
    // `npm install typed-secrets` needs the published package (no registry here): the project is laid out as it leaves
    // it, node_modules/typed-secrets and its bin link; `npm run test:package` checks what npm would install.
    const project = path.join(sandbox.dir, "project");
    mkdirSync(path.join(project, "node_modules", ".bin"), { recursive: true });
    writeFileSync(path.join(project, "package.json"), '{ "name": "app", "private": true }\n');
    symlinkSync(ROOT, path.join(project, "node_modules", "typed-secrets"));
    symlinkSync(BIN, path.join(project, "node_modules", ".bin", "typed-secrets"));
    const line = block.split("\n")[1]!;
    expect(line).toMatch(/^npx typed-secrets tour +#/);
    const result = await run("bash", ["-c", line], project);
    expect(result, result.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^typed-secrets tour/) });
    // The prose's `npx typed-secrets --help`, in the same installed layout.
    const help = await run("bash", ["-c", "npx typed-secrets --help"], project);
    expect(help, help.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/\nUsage: typed-secrets/) });
  });

  it("from a clone: npm start runs the tour from the sources (npm ci is CI's own first step)", { timeout: TIMEOUT }, async () => {
    const block = BLOCKS.find((each) => each.startsWith("npm ci && npm start"))!;
    expect(block.split("\n")[1]).toMatch(/^npm test +#/); // the command CI runs (.ci/run), not run from inside itself
    const result = await run("npm", ["start"], ROOT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("typed-secrets tour");
  });

  it("the CLI block, as a script against the emulators it starts and stops", { timeout: TIMEOUT }, async () => {
    const block = BLOCKS.find((each) => each.startsWith('eval "$(typed-secrets emulate)"    '))!;
    const { certificate, privateKey, certificateChain } = await testCertificate();
    const files = {
      "pw.txt": "rotated-db-password",
      "c.pem": certificate,
      "k.pem": privateKey,
      "ca.pem": certificateChain,
      "app.env": "DB_PASSWORD=voximplant://demo/dbPassword\n",
      "server.js": 'console.log("server: DB_PASSWORD has " + process.env.DB_PASSWORD.length + " characters");\n',
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(sandbox.dir, name), content);
    const result = await sandbox.bash(`set -e -o pipefail\n${block}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("dbPassword"); // the list
    expect(result.stdout).toContain("demo-db-password\n"); // get, before the set
    expect(result.stdout).toContain(`server: DB_PASSWORD has ${files["pw.txt"].length} characters\n`); // run, after it
    expect(result.stdout.match(/^demo-stripe-key$/gm)).toHaveLength(2); // dapr get and read
    expect(result.stderr).toContain("has stopped");
    expect(sandbox.leftovers()).toEqual([]);
  });
});

describe("the README's inline commands", () => {
  it("each is run here, checked to be inside the command that runs it, or says why it is not run", () => {
    const undecided = INLINE.filter((command) => !INLINE_RUN_HERE.includes(command) && !INLINE_INSIDE[command] && !INLINE_NOT_RUN[command]);
    expect(undecided).toEqual([]);
    for (const [command, [where, text]] of Object.entries(INLINE_INSIDE)) expect(text, `${command} in ${where}`).toContain(command);
    for (const [command, why] of Object.entries(INLINE_NOT_RUN)) console.log(`README command not run here: ${command} — ${why}`);
  });

  it("every npm script they name exists", () => {
    const named = INLINE.flatMap((command) => [...command.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!));
    expect(named.filter((script) => PACKAGE.scripts[script] === undefined)).toEqual([]);
    expect(named.length).toBeGreaterThan(10);
  });

  it("npm run cli -- --help prints the CLI's usage", { timeout: TIMEOUT }, async () => {
    const result = await run("bash", ["-c", "npm run cli -- --help"], ROOT);
    expect(result, result.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/\nUsage: typed-secrets/) });
  });

  it("npm run specs:diff finds no change between the specs and the committed bundles", { timeout: TIMEOUT }, async () => {
    const result = await run("bash", ["-c", "npm run specs:diff"], ROOT);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout.match(/^(voximplant|dapr|gcore): no changes$/gm)).toHaveLength(3);
  });
});
