// Where each emulated behaviour comes from. Every emulator declares its behaviours here-typed (per operation, with
// the vendor docs page, the vendor's runtime code or the official SDK's source it follows, or UNVERIFIED with the
// option that flips it); the README's fidelity table is rendered from these declarations and checked against them
// by src/emulator/fidelity.test.ts, so the two cannot drift.

/** What a behaviour is traced to. */
export type Source<Options> =
  /** A vendor documentation page. */
  | { kind: "docs"; url: string }
  /** The vendor's runtime code (the server or its HTTP framework). */
  | { kind: "runtime"; url: string }
  /** An official client's source. */
  | { kind: "sdk"; url: string }
  /** Our guess: `option` (with `flip`, the value that gives the other candidate) switches it. */
  | { kind: "unverified"; option: keyof Options & string; flip: string };

export interface Behaviour<Operation extends string, Options> {
  /** Stable id (`vendor.what`): the tests that pin it name it. */
  id: string;
  /** The operations it applies to (`all` for every one). */
  operations: readonly Operation[] | "all";
  /** What the emulator does, in one line. */
  behaviour: string;
  source: Source<Options>;
}

export type AnyBehaviour = Behaviour<string, Record<string, unknown>>;

const LABEL = { docs: "vendor docs", runtime: "vendor runtime code", sdk: "official SDK source" } as const;

function sourceCell(source: AnyBehaviour["source"]): string {
  if (source.kind === "unverified") return `UNVERIFIED: \`${source.option}: ${source.flip}\` flips it`;
  return `${LABEL[source.kind]}: [${new URL(source.url).pathname.split("/").filter(Boolean).slice(-2).join("/")}](${source.url})`;
}

/** The README's fidelity table: one row per behaviour, grouped by emulator. */
export function renderFidelityTable(emulators: Record<string, readonly AnyBehaviour[]>): string {
  const rows = ["| emulator | operation | behaviour | source |", "|---|---|---|---|"];
  for (const [name, behaviours] of Object.entries(emulators)) {
    for (const each of behaviours) {
      const operations = each.operations === "all" ? "all" : each.operations.map((operation) => `\`${operation}\``).join(", ");
      rows.push(`| ${name} | ${operations} | ${each.behaviour.replaceAll("|", "\\|")} | ${sourceCell(each.source)} |`);
    }
  }
  return rows.join("\n");
}

/** Rows per source kind, for the summary line under the table. */
export function countBySource(emulators: Record<string, readonly AnyBehaviour[]>): Record<AnyBehaviour["source"]["kind"], number> {
  const counts = { docs: 0, runtime: 0, sdk: 0, unverified: 0 };
  for (const behaviours of Object.values(emulators)) for (const each of behaviours) counts[each.source.kind] += 1;
  return counts;
}
