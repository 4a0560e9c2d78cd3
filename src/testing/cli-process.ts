// Test helper: the real CLI as a process (node --import tsx src/cli/main.ts) with a clean environment.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MAIN = path.join(ROOT, "src/cli/main.ts");
// Only what node and tsx need: no credentials leak in from the developer's environment.
const BASE_ENV = Object.fromEntries(["PATH", "HOME", "TMPDIR", "SYSTEMROOT"].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcessOptions {
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Called each time stdout grows. */
  onStdout?: (stdout: string, pid: number) => void;
  /** Called once the process has a pid. */
  onSpawn?: (pid: number) => void;
}

export function runCliProcess(args: string[], options: CliProcessOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: ROOT, env: { ...BASE_ENV, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, child.pid!);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdin.end(options.input ?? "");
    child.once("spawn", () => options.onSpawn?.(child.pid!));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A temp directory for a test file, and a writer of files in it that answers their paths. */
export function tempFiles(prefix: string): { dir: string; file(name: string, content: string): string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    },
  };
}
