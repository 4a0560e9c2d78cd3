// Test helper: shell lines run as a user types them (bash, `typed-secrets` on PATH as npm links the built bin), in a
// scratch folder with a TMPDIR of its own, and no variable of the developer's (no credentials).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BIN } from "./cli-process.js";

export interface Sandbox {
  /** The scratch folder the lines run in. */
  dir: string;
  /** Its TMPDIR: where background emulators keep their state folders. */
  tmp: string;
  env: Record<string, string>;
  /** Runs `script` with `bash -c` in `dir` (killed after 45 s). */
  bash(script: string, env?: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** What is left in TMPDIR (state folders, the Voximplant emulator's credentials folder). */
  leftovers(): string[];
  /** Kills any background emulator left in TMPDIR (`pidOf`: the CLI's probe of a state folder), removes the scratch folder. */
  remove(pidOf: (stateDir: string) => Promise<number | undefined>): Promise<void>;
}

export function createSandbox(): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), "typed-secrets-sandbox-"));
  const bin = path.join(root, "bin");
  const tmp = path.join(root, "tmp");
  const dir = path.join(root, "work");
  for (const folder of [bin, tmp, dir]) mkdirSync(folder);
  symlinkSync(BIN, path.join(bin, "typed-secrets"));
  const PATH = [bin, path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
  const env = { PATH, TMPDIR: tmp, HOME: process.env.HOME ?? root };
  const leftovers = () => readdirSync(tmp);
  return {
    dir,
    tmp,
    env,
    leftovers,
    bash: (script, extra = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn("bash", ["-c", script], {
          cwd: dir,
          env: { ...env, ...extra },
          stdio: ["ignore", "pipe", "pipe"],
          timeout: 45_000,
          killSignal: "SIGKILL",
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, stdout, stderr }));
      }),
    async remove(pidOf) {
      for (const name of leftovers()) {
        const pid = await pidOf(path.join(tmp, name));
        if (pid !== undefined) process.kill(pid, "SIGKILL");
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
