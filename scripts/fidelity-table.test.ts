// npm run docs:fidelity's script rewrites the table between the README's markers from the declarations, and refuses a
// file without markers.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIDELITY_END, FIDELITY_START, fidelitySection } from "../src/emulator/behaviours.js";
import { ROOT } from "../src/testing/cli-process.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function run(content: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "fidelity-"));
  dirs.push(dir);
  const file = path.join(dir, "README.md");
  writeFileSync(file, content);
  const result = spawnSync("bash", ["-c", `npx tsx scripts/fidelity-table.ts ${JSON.stringify(file)}`], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { result, text: readFileSync(file, "utf8") };
}

describe("scripts/fidelity-table.ts", () => {
  it("replaces a stale table between the markers and leaves the rest", { timeout: 70_000 }, () => {
    const { result, text } = run(`# Title\n\n${FIDELITY_START}\n| stale |\n${FIDELITY_END}\n\nAfter.\n`);
    expect([result.status, result.stdout.trim()]).toEqual([0, "README.md: fidelity table written"]);
    expect(text).toBe(`# Title\n\n${fidelitySection()}\n\nAfter.\n`);
  });

  it("refuses a file without markers, naming them", { timeout: 70_000 }, () => {
    const { result, text } = run("# No table here\n");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(FIDELITY_START);
    expect(text).toBe("# No table here\n");
  });
});
