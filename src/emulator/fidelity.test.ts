// The fidelity table cannot drift: the README's section is what the emulators' declarations render to, every
// operation of every emulator has a row of its own, every behaviour is pinned by a test that names its id, and every
// source is one a reader can open (or UNVERIFIED with its option).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EMULATOR_BEHAVIOURS, FIDELITY_END, FIDELITY_START, fidelitySection } from "./behaviours.js";
import { DAPR_OPERATIONS } from "./dapr.js";
import { countBySource, renderFidelityTable } from "./fidelity.js";
import { GCORE_OPERATIONS } from "./gcore.js";
import { VOXIMPLANT_OPERATIONS } from "./voximplant-methods.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const OPERATIONS: Record<string, readonly string[]> = { Voximplant: VOXIMPLANT_OPERATIONS, Dapr: DAPR_OPERATIONS, Gcore: GCORE_OPERATIONS };
const rows = Object.entries(EMULATOR_BEHAVIOURS).flatMap(([emulator, behaviours]) => behaviours.map((each) => ({ emulator, ...each })));

/** The text of every test that could pin a behaviour: the emulators' own and the scenarios (official clients included). */
const TESTS = ["src/emulator", "contract-tests/scenarios"]
  .flatMap((dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((file) => file.endsWith(".test.ts"))
      .map((file) => path.join(ROOT, dir, file)),
  )
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");

describe("the fidelity table", () => {
  it("in the README is what the declarations render to (npm run docs:fidelity rewrites it)", () => {
    const start = README.indexOf(FIDELITY_START);
    const end = README.indexOf(FIDELITY_END);
    expect(start, "README.md has the fidelity markers").toBeGreaterThan(-1);
    expect(README.slice(start, end + FIDELITY_END.length)).toBe(fidelitySection());
  });

  it("has unique ids, named after their emulator", () => {
    const ids = rows.map((row) => row.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(rows.filter((row) => !row.id.startsWith(`${row.emulator.toLowerCase()}.`)).map((row) => row.id)).toEqual([]);
  });

  it.each(Object.entries(OPERATIONS))("gives every %s operation a row of its own", (emulator, operations) => {
    const named = new Set(
      rows.filter((row) => row.emulator === emulator && row.operations !== "all").flatMap((row) => [...row.operations]),
    );
    expect(operations.filter((operation) => !named.has(operation))).toEqual([]);
  });

  it("pins every behaviour by a test that names its id", () => {
    const unpinned = rows.filter((row) => !new RegExp(`${row.id.replace(".", "\\.")}(?![\\w-])`).test(TESTS)).map((row) => row.id);
    expect(unpinned).toEqual([]);
  });

  it("cites sources a reader can open: https URLs on the vendors' docs or their public repositories", () => {
    const hosts = ["docs.voximplant.ai", "docs.dapr.io", "gcore.com", "github.com"];
    const bad = rows
      .filter((row) => row.source.kind !== "unverified" && !hosts.includes(new URL(row.source.url).host))
      .map((row) => row.id);
    expect(bad).toEqual([]);
  });

  it("renders one row per behaviour and counts each source kind", () => {
    const table = renderFidelityTable(EMULATOR_BEHAVIOURS).split("\n");
    expect(table).toHaveLength(rows.length + 2);
    expect(table.filter((line) => line.includes("UNVERIFIED: `"))).toHaveLength(countBySource(EMULATOR_BEHAVIOURS).unverified);
    const counts = countBySource(EMULATOR_BEHAVIOURS);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(rows.length);
    expect(Math.min(...Object.values(counts))).toBeGreaterThan(0);
  });
});
