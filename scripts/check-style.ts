// `npm run lint` (part of npm test), after Biome and dependency-cruiser: what neither checks. No line over 140
// characters, no eslint-disable comment (there is no ESLint here), no vendor name anywhere in src/core, and no
// comment citing a path outside the repository (a maintainer cannot open ../shared/).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 140;
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.cjs"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => file && !file.startsWith("generated/"));
const problems: string[] = [];
for (const file of files) {
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      if (line.length > MAX) problems.push(`${where}: ${line.length} characters (at most ${MAX})`);
      if (/eslint-disable/.test(line) && file !== "scripts/check-style.ts")
        problems.push(`${where}: an eslint-disable comment, and no ESLint`);
      if (file.startsWith("src/core/") && /voximplant|dapr|gcore/i.test(line))
        problems.push(`${where}: a vendor name in src/core (pass it in as data)`);
      if (/\.\.\/shared\//.test(line) && file !== "scripts/check-style.ts")
        problems.push(`${where}: cites a path outside the repository (cite docs/vendor-behaviour.md or a public source)`);
    });
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`check-style: ${files.length} files, no line over ${MAX} characters, no eslint-disable, no vendor name in src/core`);
