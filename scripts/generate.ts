// `npm run generate [-- --check] [--specs-dir DIR] [--out-dir DIR]`: specs/ → generated/.
// With --check nothing is written: every file that differs from what the specs produce is named.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildGenerated } from "./lib/pipeline.js";
import { PipelineError } from "./lib/sources.js";

export async function generate(options: {
  specsDir: string;
  outDir: string;
  check: boolean;
  log?: (line: string) => void;
}): Promise<string[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const started = performance.now();
  const outputs = await buildGenerated({ specsDir: options.specsDir, log });
  const present = (await readdir(options.outDir).catch(() => [] as string[])).filter((file) => !file.startsWith("."));
  const stale: string[] = [];
  for (const [file, content] of outputs) {
    const current = await readFile(path.join(options.outDir, file), "utf8").catch(() => undefined);
    if (current === content) continue;
    stale.push(current === undefined ? `${file} (missing)` : file);
    if (!options.check) {
      await mkdir(options.outDir, { recursive: true });
      await writeFile(path.join(options.outDir, file), content);
    }
  }
  const extra = present.filter((file) => !outputs.has(file));
  if (options.check) {
    stale.push(...extra.map((file) => `${file} (not produced by the specs)`));
    if (stale.length) {
      throw new PipelineError(
        `${options.outDir} is stale; these files differ from what specs/ produces:\n  ${stale.join("\n  ")}\nRun 'npm run generate' and ` +
          `commit the result.`,
      );
    }
    log(`generate --check: ${outputs.size} files in ${options.outDir} match specs/ (${Math.round(performance.now() - started)} ms)`);
  } else {
    if (extra.length) log(`note: ${extra.join(", ")} in ${options.outDir} is not produced by the specs; remove it if it is stale.`);
    log(stale.length ? `generate: wrote ${stale.join(", ")}` : "generate: every file was up to date");
  }
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      "specs-dir": { type: "string", default: "specs" },
      "out-dir": { type: "string", default: "generated" },
    },
  });
  generate({ specsDir: values["specs-dir"]!, outDir: values["out-dir"]!, check: values.check! }).catch((error: unknown) => {
    console.error(error instanceof PipelineError ? `generate: ${error.message}` : error);
    process.exitCode = 1;
  });
}
