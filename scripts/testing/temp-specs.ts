// Test helper: a throw-away copy of specs/ and generated/ to run the pipeline on.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface TempSpecs {
  dir: string;
  specsDir: string;
  generatedDir: string;
  edit(relative: string, change: (text: string) => string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function copySpecs(): Promise<TempSpecs> {
  // Inside the project (in .tmp/, ignored by git) so the decorator plugin resolves its packages.
  await mkdir(".tmp", { recursive: true });
  const dir = await mkdtemp(path.join(path.resolve(".tmp"), "specs-"));
  const specsDir = path.join(dir, "specs");
  const generatedDir = path.join(dir, "generated");
  await cp("specs", specsDir, { recursive: true });
  await cp("generated", generatedDir, { recursive: true });
  return {
    dir,
    specsDir,
    generatedDir,
    async edit(relative, change) {
      const file = path.join(dir, relative);
      const before = await readFile(file, "utf8");
      const after = change(before);
      if (after === before) throw new Error(`test edit of ${relative} changed nothing`);
      await writeFile(file, after);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
