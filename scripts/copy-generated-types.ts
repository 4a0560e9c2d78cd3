// Build step: the published declarations import generated/*.d.ts, which tsc does not copy to dist/.
import { copyFile, mkdir, readdir } from "node:fs/promises";

await mkdir("dist/generated", { recursive: true });
for (const file of await readdir("generated")) {
  if (file.endsWith(".d.ts")) await copyFile(`generated/${file}`, `dist/generated/${file}`);
}
