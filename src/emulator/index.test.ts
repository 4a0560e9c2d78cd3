// Every export of typed-secrets/emulator, and every member of what a started emulator answers, carries TSDoc with an
// example: read from the source by the TypeScript compiler, so a new export without one fails here.
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), "index.ts");
const program = ts.createProgram([ENTRY], {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
});
const checker = program.getTypeChecker();
const entry = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;

/** Whether a declaration's own JSDoc has a summary and an @example. */
function documented(declaration: ts.Declaration): boolean {
  const docs = ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc);
  const summary = docs.some((doc) => ts.getTextOfJSDocComment(doc.comment)?.trim());
  const example = docs.some((doc) => doc.tags?.some((tag) => tag.tagName.text === "example"));
  return summary && example;
}

const resolve = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
const exported = checker.getExportsOfModule(entry).map((symbol) => [symbol.name, resolve(symbol)] as const);

describe("typed-secrets/emulator TSDoc", () => {
  it("exports what the README names", () => {
    const names = exported.map(([name]) => name);
    for (const name of ["startVoximplantEmulator", "startDaprEmulator", "startGcoreEmulator", "testCertificate", "Emulator", "Faults"])
      expect(names).toContain(name);
  });

  it.each(exported.map(([name, symbol]) => [name, symbol] as const))("%s has a summary and an @example", (_name, symbol) => {
    expect(symbol.declarations?.length).toBeGreaterThan(0);
    expect(symbol.declarations!.some(documented)).toBe(true);
  });

  it.each(["Emulator", "Faults"])("every member of %s has a summary and an @example", (name) => {
    const symbol = exported.find(([each]) => each === name)![1];
    const members = [...(symbol.members?.values() ?? [])].filter((member) => !(member.flags & ts.SymbolFlags.TypeParameter));
    expect(members.length).toBeGreaterThan(1);
    expect(members.filter((member) => !member.declarations?.some(documented)).map((member) => member.name)).toEqual([]);
  });
});
