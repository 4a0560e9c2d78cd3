// `npm start` (until the CLI lands): runs the spec pipeline's drift check and prints, per API, its
// operations and where their types are.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { generate } from "./generate.js";
import { API_NAMES } from "./lib/pipeline.js";
import { PipelineError } from "./lib/sources.js";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

async function main(): Promise<void> {
  await generate({ specsDir: "specs", outDir: "generated", check: true });
  for (const api of API_NAMES) {
    const spec = parse(await readFile(`generated/${api}.yaml`, "utf8")) as { info: { title: string }; paths: Record<string, Record<string, { operationId: string; summary?: string }>> };
    console.log(`\n${spec.info.title}  (types: generated/${api}.d.ts, spec: generated/${api}.yaml)`);
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) console.log(`  ${method.toUpperCase().padEnd(6)} ${path.padEnd(58)} ${operation.operationId}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof PipelineError ? error.message : error);
  process.exitCode = 1;
});
