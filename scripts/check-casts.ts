// `npm run lint` (part of npm test): no type assertion in src/core or src/providers but `as const`. A cast at the
// boundary with the generated types (`as never`, `as any`, `as unknown as T`, `as Wire<…>`) would hide exactly the
// spec drift this project exists to catch; anywhere else there, a type guard says the same and is checked.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { typeAssertions } from "./lib/type-assertions.js";

/** Assertions allowed anyway, keyed `file: expression`, each with its reason. None are needed today. */
const ALLOWED: Record<string, string> = {};

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "src/core/*.ts", "src/providers/**/*.ts"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((file) => file && !/\.test(-d)?\.ts$/.test(file));

const problems = files.flatMap((file) =>
  typeAssertions(file, readFileSync(file, "utf8"))
    .filter((found) => ALLOWED[`${file}: ${found.text}`] === undefined)
    .map((found) => `${file}:${found.line}: a type assertion (${found.text.slice(0, 60)}): use a type guard`),
);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`check-casts: ${files.length} files in src/core and src/providers, no type assertion but \`as const\``);
