// `npm run lint`: test files mirror source files (x.ts -> x.test.ts) in src/core, src/providers, src/emulator and the
// top of src/. A test file without its source is refused unless it is listed below with the reason it stands alone.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const MIRRORED = /^src\/((core|emulator)\/[^/]+|providers\/([^/]+\/)?[^/]+|[^/]+)\.test\.ts$/;
// Suites about more than one module. A src/core test may not import a vendor (.dependency-cruiser.cjs,
// core-knows-no-vendor), so what drives every client lives at the top of src/.
const ALLOWED: Record<string, string> = {
  "src/client-api.test.ts": "every client the same way: client.api's operation names, a caller's signal, a failure's operation",
  "src/redaction.test.ts": "every client against servers that echo credentials and values (core/redact.ts, through each vendor)",
  "src/no-secret-leaks.test.ts": "every error code of every client, searched for the secrets it was given",
  "src/error-messages.test.ts": "each error kind's message per vendor and the shared checks' messages, pinned once in one snapshot file",
  "src/readme.test.ts": "compiles and runs the TypeScript blocks README.md shows",
  "src/readme-commands.test.ts": "runs the shell blocks README.md shows, as written",
  "src/tsdoc.test.ts": "the TSDoc of every entry package.json exports, and its examples compiled against the build",
  "src/package-hygiene.test.ts": "checks package.json and the packed files",
};

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "src/*.test.ts"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => MIRRORED.test(file));
const problems = files
  .filter((file) => existsSync(file) && !existsSync(file.replace(/\.test\.ts$/, ".ts")) && !(file in ALLOWED))
  .map((file) => `${file}: no ${file.replace(/\.test\.ts$/, ".ts")} (move its cases into the test file of the module they exercise)`);
for (const file of Object.keys(ALLOWED))
  if (!existsSync(file)) problems.push(`scripts/check-test-mirror.ts allows ${file}, which does not exist`);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`check-test-mirror: ${files.length} test files, each beside its source or allowed with a reason`);
