// Test helper: the real CLI as a process, by either route a user takes (the built bin through its shebang, or
// tsx from a checkout), with a clean environment and in a session of its own (no controlling terminal).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MAIN = path.join(ROOT, "src/cli/main.ts");
export const BIN = path.join(ROOT, "dist/src/cli/main.js");
// Only what node and tsx need: no credentials leak in from the developer's environment. The bin's
// `#!/usr/bin/env -S node --` finds the node running the tests first (so test:matrix covers Node 22 and 24).
const BASE_ENV = {
  ...Object.fromEntries(["HOME", "TMPDIR", "SYSTEMROOT"].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : []))),
  PATH: [path.dirname(process.execPath), process.env.PATH].filter(Boolean).join(path.delimiter),
};

/** `dist`: the built bin run through its shebang, as npm links it; `tsx`: `node --import tsx -- src/cli/main.ts`. */
export type CliRoute = "dist" | "tsx";
export const ROUTES: readonly CliRoute[] = ["dist", "tsx"];

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcessOptions {
  route?: CliRoute;
  /** With the dist route: another copy of the bin (an installation laid out elsewhere). */
  bin?: string;
  env?: Record<string, string>;
  /** Written to stdin, which is then closed (unless `keepStdinOpen`). */
  input?: string;
  keepStdinOpen?: boolean;
  /** Called each time stdout grows. */
  onStdout?: (stdout: string, pid: number) => void;
  /** Called each time stderr grows. */
  onStderr?: (stderr: string, pid: number) => void;
  /** Called once the process has a pid. */
  onSpawn?: (pid: number) => void;
  cwd?: string;
}

/** The command line that starts the CLI by `route`. */
export function cliCommand(route: CliRoute, args: readonly string[], bin: string = BIN): [string, string[]] {
  if (route === "dist") {
    if (!existsSync(bin)) throw new Error("dist/ is not built: run `npm run build` first (npm test does)");
    return [bin, [...args]];
  }
  return [process.execPath, ["--import", "tsx", "--", MAIN, ...args]];
}

export function runCliProcess(args: string[], options: CliProcessOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [command, argv] = cliCommand(options.route ?? "tsx", args, options.bin);
    // detached: a session of its own, as in CI, whatever terminal runs the tests; `kill(-pid)` reaches its process group.
    const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env: { ...BASE_ENV, ...options.env }, detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, child.pid!);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr, child.pid!);
    });
    child.stdin.on("error", () => {});
    if (options.input !== undefined) child.stdin.write(options.input);
    if (!options.keepStdinOpen) child.stdin.end();
    child.once("spawn", () => options.onSpawn?.(child.pid!));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (options.keepStdinOpen) child.stdin.destroy();
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * A temp directory for a test file, and a writer of files in it that answers their paths. Files are private (0600),
 * as a credentials file should be: the client warns about one others can read.
 */
export function tempFiles(prefix: string): { dir: string; file(name: string, content: string | Uint8Array): string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      writeFileSync(path.join(dir, name), content, { mode: 0o600 });
      return path.join(dir, name);
    },
  };
}
