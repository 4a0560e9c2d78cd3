// Build step: the published declarations import generated/*.d.ts, which tsc does not copy to dist/; and the
// bin is made executable, as npm makes it on install (tests run it through its shebang).
import { chmod, copyFile, mkdir, readdir } from "node:fs/promises";

await chmod("dist/src/cli/main.js", 0o755);

await mkdir("dist/generated", { recursive: true });
for (const file of await readdir("generated")) {
  if (file.endsWith(".d.ts")) await copyFile(`generated/${file}`, `dist/generated/${file}`);
}
