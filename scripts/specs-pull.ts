// `npm run specs:pull [-- --offline] [--specs-dir DIR]`: refresh specs/docs/ and specs/vendor/.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { extractOpenApiBlock } from "./lib/extract.js";
import { PipelineError, readSources } from "./lib/sources.js";

const PAGE_TIMEOUT_MS = 30_000;

async function download(url: string): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
    headers: { accept: "text/markdown, text/plain, */*" },
  });
  if (!response.ok) throw new PipelineError(`${url}: HTTP ${response.status}. Check the URL in specs/sources.yaml, or run with --offline.`);
  return await response.text();
}

async function writeIfChanged(file: string, text: string): Promise<boolean> {
  const before = await readFile(file, "utf8").catch(() => undefined);
  if (before === text) return false;
  await writeFile(file, text);
  return true;
}

export async function pullSpecs(options: { specsDir: string; offline: boolean; log?: (line: string) => void }): Promise<string[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const sources = await readSources(options.specsDir);
  const changed: string[] = [];
  for (const page of sources.pages) {
    const docFile = path.join(options.specsDir, page.doc);
    if (!options.offline) {
      let text: string;
      try {
        text = await download(page.url);
      } catch (error) {
        if (error instanceof PipelineError) throw error;
        throw new PipelineError(`${page.url}: ${(error as Error).message}. No network? Run with --offline to re-extract from ${page.doc}.`);
      }
      if (await writeIfChanged(docFile, text)) changed.push(page.doc);
    }
    if (!page.vendor) continue;
    const pageText = await readFile(docFile, "utf8").catch(() => {
      throw new PipelineError(`${docFile}: missing. Run 'npm run specs:pull' with network access to download ${page.url}.`);
    });
    const block = extractOpenApiBlock(pageText, path.join("specs", page.doc));
    if (await writeIfChanged(path.join(options.specsDir, page.vendor), block)) changed.push(page.vendor);
  }
  log(changed.length ? `specs:pull changed ${changed.join(", ")}` : "specs:pull: every docs page and vendor file is unchanged");
  return changed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { offline: { type: "boolean", default: false }, "specs-dir": { type: "string", default: "specs" } },
  });
  pullSpecs({ specsDir: values["specs-dir"]!, offline: values.offline! }).catch((error: unknown) => {
    console.error(error instanceof PipelineError ? `specs:pull: ${error.message}` : error);
    process.exitCode = 1;
  });
}
