// Runs the pinned Redocly CLI (bundle, lint) as a child process and parses its JSON lint output.
import { spawn } from "node:child_process";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PipelineError } from "./sources.js";

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

export interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  file: string;
  pointer: string;
}

/**
 * Runs the CLI with stdout going to a file: the CLI exits with process.exit() after a failed lint,
 * which cuts a large report written to a pipe short.
 */
async function redocly(args: string[], cwd: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), "typed-secrets-redocly-"));
  const outFile = path.join(dir, "stdout");
  const handle = await open(outFile, "w");
  try {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      stdio: ["ignore", handle.fd, "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode) => resolve(exitCode ?? 1));
    });
    return { stdout: await readFile(outFile, "utf8"), stderr, code };
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Strips Redocly's Node end-of-life banner and blank lines from its stderr. */
function meaningful(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => line.trim() && !/[║═╔╗╚╝]/.test(line))
    .join("\n");
}

export async function bundle(root: string, output: string, configFile: string, cwd: string): Promise<void> {
  const result = await redocly(
    ["bundle", root, "--config", configFile, "-o", output, "--remove-unused-components", "--lint-config", "error"],
    cwd,
  );
  if (result.code !== 0) throw new PipelineError(`redocly bundle ${root} failed:\n${meaningful(result.stderr)}`);
}

export async function lint(files: string[], configFile: string, cwd: string): Promise<LintProblem[]> {
  const result = await redocly(["lint", ...files, "--config", configFile, "--format", "json", "--max-problems", "10000"], cwd);
  type Report = {
    problems?: Array<{
      ruleId: string;
      severity: "error" | "warn";
      message: string;
      location: Array<{ source: { ref: string }; pointer: string }>;
    }>;
  };
  let reports: Report[];
  try {
    // One pretty-printed JSON document per API, back to back ("}{" at column 0 between them).
    reports = JSON.parse(`[${result.stdout.replace(/^\}\{$/gm, "},{")}]`) as Report[];
  } catch {
    throw new PipelineError(`redocly lint ${files.join(" ")} printed no report:\n${meaningful(result.stderr)}`);
  }
  return reports
    .flatMap((report) => report.problems ?? [])
    .map((problem) => ({
      ruleId: problem.ruleId,
      severity: problem.severity,
      message: problem.message,
      file: path.relative(cwd, path.resolve(cwd, problem.location[0]?.source.ref ?? "?")),
      pointer: problem.location[0]?.pointer ?? "",
    }));
}

export interface SpecChange {
  impact: "major" | "minor" | "patch";
  kind: string;
  path: string;
  messages: string[];
}

/** `redocly diff base revision`: every change, rated by the semver bump it requires. */
export async function diff(base: string, revision: string, configFile: string, cwd: string): Promise<SpecChange[]> {
  const result = await redocly(["diff", base, revision, "--config", configFile, "--format", "json", "--fail-on", "none"], cwd);
  let report: { changes?: Array<{ impact: SpecChange["impact"]; kind: string; path: string; verdicts?: Array<{ message: string }> }> };
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new PipelineError(`redocly diff ${base} ${revision} printed no report:\n${meaningful(result.stderr)}`);
  }
  return (report.changes ?? []).map((change) => ({
    impact: change.impact,
    kind: change.kind,
    path: change.path,
    messages: (change.verdicts ?? []).map((verdict) => verdict.message),
  }));
}
