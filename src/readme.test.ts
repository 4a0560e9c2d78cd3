// The README's TypeScript blocks compile as written, against the built package as a user imports it
// (`typed-secrets` resolves to dist/ through package.json's exports, as after `npm install`).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { startVoximplantEmulator } from "./emulator/index.js";
import { ROOT } from "./testing/cli-process.js";

/**
 * A fresh folder under .tmp (inside the project, so the package's node_modules resolve): runs on two Node versions at
 * once do not share it.
 */
function scratch(name: string): string {
  mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
  return mkdtempSync(path.join(ROOT, ".tmp", `${name}-`));
}

const blocks = [...readFileSync(path.join(ROOT, "README.md"), "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);

describe("README", () => {
  it("has TypeScript examples", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it("every ts block type-checks under the project's strict settings", { timeout: 60_000 }, () => {
    const dir = scratch("readme-check");
    const files = blocks.map((code, index) => {
      const file = path.join(dir, `block-${index + 1}.ts`);
      writeFileSync(file, code);
      return file;
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, "tsconfig.json"),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file
        ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    });
    rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual([]);
  });

  it("the examples named `// *.test.ts` run: vitest on them, against the built package and its emulators", { timeout: 120_000 }, () => {
    const examples = blocks.flatMap((code) => {
      const name = /^\/\/ ([\w-]+\.test\.ts)/.exec(code)?.[1];
      return name ? [{ name, code }] : [];
    });
    expect(examples.map(({ name }) => name)).toEqual(["cache.test.ts", "secrets.test.ts"]);
    const dir = scratch("readme-run");
    for (const { name, code } of examples) writeFileSync(path.join(dir, name), code);
    // As after `npm install typed-secrets`: the package's exports, as built in dist/.
    const alias = {
      "typed-secrets/emulator": path.join(ROOT, "dist/src/emulator/index.js"),
      "typed-secrets/cache": path.join(ROOT, "dist/src/cache.js"),
      "typed-secrets": path.join(ROOT, "dist/src/index.js"),
    };
    const aliases = JSON.stringify(Object.entries(alias).map(([find, replacement]) => ({ find, replacement })));
    writeFileSync(
      path.join(dir, "vitest.config.mjs"),
      `export default { resolve: { alias: ${aliases} }, test: { include: ["*.test.ts"] } };\n`,
    );
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "NODE_OPTIONS"));
    const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--root", dir], {
      encoding: "utf8",
      env: { ...env, NO_COLOR: "1" },
      timeout: 100_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/Tests {2}2 passed \(2\)/);
  });

  it("the first screen's example reads a secret, run as a user runs it (tsx, the built package, the emulator's env)", {
    timeout: 60_000,
  }, async () => {
    const example = blocks.find((code) => code.startsWith("// read-secret.ts"));
    expect(example).toBeDefined();
    const dir = scratch("readme-first");
    writeFileSync(path.join(dir, "read-secret.ts"), example!);
    const run = async (seed: Parameters<typeof startVoximplantEmulator>[0]) => {
      const emulator = await startVoximplantEmulator(seed);
      try {
        const env = { PATH: process.env.PATH, ...emulator.env };
        const tsx = path.join(ROOT, "node_modules/.bin/tsx");
        return await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(tsx, ["read-secret.ts"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (chunk) => (stdout += chunk));
          child.stderr.on("data", (chunk) => (stderr += chunk));
          child.on("close", (status) => resolve({ status, stdout, stderr }));
        });
      } finally {
        await emulator.close();
      }
    };
    const found = await run({});
    expect(found, found.stderr).toMatchObject({ status: 0, stdout: `dbPassword: ${"demo-db-password".length} characters\n` });
    const missing = await run({ seed: { applications: [{ id: 1, name: "demo", secrets: [] }] } });
    expect(missing).toMatchObject({ status: 0, stdout: "", stderr: "no secret named dbPassword\n" });
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads with require() on Node ≥ 20.19, every entry, as the first screen says", () => {
    const specifiers = ["typed-secrets", ...["voximplant", "dapr", "gcore", "run", "emulator"].map((entry) => `typed-secrets/${entry}`)];
    const script = `for (const s of ${JSON.stringify(specifiers)}) console.log(s, typeof Object.values(require(s))[0]);`;
    const result = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toHaveLength(specifiers.length);
  });
});
