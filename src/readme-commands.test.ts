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
