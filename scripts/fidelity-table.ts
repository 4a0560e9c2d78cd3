// Writes the emulators' fidelity table into README.md, between its markers, from the behaviours each emulator
// declares (src/emulator/*-behaviours.ts). `npm run docs:fidelity` (or `tsx scripts/fidelity-table.ts FILE` for another
// file); src/emulator/fidelity.test.ts checks the README.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FIDELITY_END, FIDELITY_START, fidelitySection } from "../src/emulator/behaviours.js";

const readme = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "README.md");
const text = readFileSync(readme, "utf8");
const start = text.indexOf(FIDELITY_START);
const end = text.indexOf(FIDELITY_END);
if (start === -1 || end < start) {
  console.error(`${readme} has no fidelity markers: put these two lines where the table goes:\n${FIDELITY_START}\n${FIDELITY_END}`);
  process.exit(1);
}
writeFileSync(readme, text.slice(0, start) + fidelitySection() + text.slice(end + FIDELITY_END.length));
console.log(`${path.basename(readme)}: fidelity table written`);
