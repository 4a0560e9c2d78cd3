// `npm run specs:diff [-- --base REF | --base-dir DIR]`: what the current specs change in the API
// against the last committed bundles, breaking changes first; exits 1 on a breaking change.
// Changes come from `redocly diff` plus our own rules for what it rates too low (lib/breaking-changes.ts).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { parse } from "yaml";
import { breakingChanges } from "./lib/breaking-changes.js";
import { API_NAMES, buildGenerated } from "./lib/pipeline.js";
import { diff, type SpecChange } from "./lib/redocly.js";
import { PipelineError } from "./lib/sources.js";

const IMPACT_ORDER = { major: 0, minor: 1, patch: 2 } as const;
const LABEL = { major: "BREAKING", minor: "compatible", patch: "patch" } as const;

async function committedBundle(api: string, base: { ref?: string; dir?: string }): Promise<string> {
  if (base.dir) return await readFile(path.join(base.dir, `${api}.yaml`), "utf8");
  const { stdout } = await promisify(execFile)("git", ["show", `${base.ref ?? "HEAD"}:generated/${api}.yaml`], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch(() => {
    throw new PipelineError(`cannot read generated/${api}.yaml at ${base.ref ?? "HEAD"}; pass --base REF or --base-dir DIR.`);
  });
  return stdout;
}

export async function specsDiff(options: {
  specsDir: string;
  base: { ref?: string; dir?: string };
  log?: (line: string) => void;
}): Promise<Record<string, SpecChange[]>> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outputs = await buildGenerated({ specsDir: options.specsDir });
  const work = await mkdtemp(path.join(tmpdir(), "typed-secrets-diff-"));
  const result: Record<string, SpecChange[]> = {};
  try {
    await Promise.all(
      API_NAMES.map(async (api) => {
        const basePath = path.join(work, `${api}.base.yaml`);
        const revisionPath = path.join(work, `${api}.yaml`);
        const baseText = await committedBundle(api, options.base);
        const revisionText = outputs.get(`${api}.yaml`)!;
        await writeFile(basePath, baseText);
        await writeFile(revisionPath, revisionText);
        const changes = [
          ...breakingChanges(parse(baseText), parse(revisionText)),
          ...(await diff(basePath, revisionPath, path.resolve(options.specsDir, "redocly.yaml"), work)),
        ];
        result[api] = changes.sort((a, b) => IMPACT_ORDER[a.impact] - IMPACT_ORDER[b.impact] || a.path.localeCompare(b.path));
      }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  for (const api of API_NAMES) {
    const changes = result[api]!;
    const breaking = changes.filter((change) => change.impact === "major").length;
    log(`${api}: ${changes.length ? `${changes.length} changes, ${breaking} breaking` : "no changes"}`);
    for (const change of changes) {
      log(`  ${LABEL[change.impact]} ${change.kind} ${change.path.replaceAll("~1", "/")}`);
      for (const message of change.messages) log(`    ${message}`);
    }
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { base: { type: "string" }, "base-dir": { type: "string" }, "specs-dir": { type: "string", default: "specs" } },
  });
  specsDiff({
    specsDir: values["specs-dir"]!,
    base: { ...(values.base ? { ref: values.base } : {}), ...(values["base-dir"] ? { dir: values["base-dir"] } : {}) },
  })
    .then((result) => {
      const breaking = Object.values(result)
        .flat()
        .filter((change) => change.impact === "major").length;
      if (breaking) {
        console.error(`specs:diff: ${breaking} breaking changes against the committed bundles.`);
        process.exitCode = 1;
      }
    })
    .catch((error: unknown) => {
      console.error(error instanceof PipelineError ? `specs:diff: ${error.message}` : error);
      process.exitCode = 1;
    });
}
