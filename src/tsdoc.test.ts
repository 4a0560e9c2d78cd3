// The package's TSDoc, as a user's editor shows it: every export of every entry in package.json's `exports` has
// a summary (functions, the factories and starters a user calls first, an @example too), every public method a
// summary, and every ```ts example in a doc comment compiles against the built package as a user imports it. An
// example may be a fragment: the names it uses but does not declare come from the entries (imported for it) or are
// the context its comment describes (a started emulator, a chunk of output, vitest's globals), declared below.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./testing/cli-process.js";

const pkg: { exports: Record<string, { default?: string }> } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
/** Each entry's specifier and source file: `typed-secrets/dapr` → src/dapr.ts. */
const ENTRIES = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === "object" && target.default?.endsWith(".js"))
  .map(([key, target]) => ({
    specifier: key === "." ? "typed-secrets" : `typed-secrets/${key.slice(2)}`,
    source: path.join(ROOT, target.default!.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts")),
  }));

const program = ts.createProgram(
  ENTRIES.map((entry) => entry.source),
  { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
);
const checker = program.getTypeChecker();
const resolve = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
const exportsOf = (source: string) => checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(source)!)!);

/** What a declaration's own JSDoc holds: a summary, an @example. */
function docs(declaration: ts.Declaration): { summary: boolean; example: boolean } {
  const comments = ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc);
  return {
    summary: comments.some((doc) => Boolean(ts.getTextOfJSDocComment(doc.comment)?.trim())),
    example: comments.some((doc) => doc.tags?.some((tag) => tag.tagName.text === "example")),
  };
}
/** Functions (factories, starters, parsers) are what a user calls first: they show how, with an example. */
const needsExample = (symbol: ts.Symbol) => Boolean(symbol.flags & ts.SymbolFlags.Function);

const exported = ENTRIES.flatMap((entry) =>
  exportsOf(entry.source).map((symbol) => ({ entry: entry.specifier, name: symbol.name, symbol: resolve(symbol) })),
);

/** Names each entry exports, for a fragment's imports (the first entry that exports a name gives it). */
const IMPORTABLE = new Map<string, { entry: string; type: boolean }>();
for (const { entry, name, symbol } of exported)
  if (!IMPORTABLE.has(name)) IMPORTABLE.set(name, { entry, type: !(symbol.flags & ts.SymbolFlags.Value) });

/** The context a fragment's comment speaks of, declared when the fragment uses the name without declaring it. */
const CONTEXT: Record<string, { from: string; declare: string }> = {
  emulator: { from: "typed-secrets/emulator", declare: "declare const emulator: VoximplantEmulator;" },
  voximplant: { from: "typed-secrets/emulator", declare: "declare const voximplant: VoximplantEmulator;" },
  dapr: { from: "typed-secrets/emulator", declare: "declare const dapr: DaprEmulator;" },
  gcore: { from: "typed-secrets/emulator", declare: "declare const gcore: GcoreEmulator;" },
  chunk: { from: "", declare: "declare const chunk: string;" },
};
const VITEST = ["afterAll", "afterEach", "beforeAll", "beforeEach", "describe", "expect", "it", "test", "vi"];

/** Every ```ts block in a doc comment of a source file (tests and generated code aside). */
function examples(): { where: string; code: string }[] {
  const found: { where: string; code: string }[] = [];
  const walk = (dir: string): void => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, item.name);
      if (item.isDirectory()) walk(file);
      else if (item.name.endsWith(".ts") && !/\.test(-d)?\.ts$/.test(item.name)) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(/^[ \t]*\* ```ts\n((?:[ \t]*\*.*\n)*?)[ \t]*\* ```$/gm)) {
          const line = text.slice(0, match.index).split("\n").length;
          found.push({ where: `${path.relative(ROOT, file)}:${line}`, code: match[1]!.replace(/^[ \t]*\* ?/gm, "") });
        }
      }
    }
  };
  walk(path.join(ROOT, "src"));
  return found;
}

/** A fragment made a module: imports for the names it uses and does not declare, then the context it assumes. */
function asModule(code: string): string {
  const identifiers = new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
  const declared = (name: string) =>
    new RegExp(`(?:\\b(?:const|let|var|function|class|type|interface)\\s+|import[^;]*\\b)${name}\\b`).test(code);
  const wanted = [...identifiers].filter((name) => !declared(name));
  const imports = new Map<string, Set<string>>();
  const add = (from: string, name: string) => imports.set(from, (imports.get(from) ?? new Set()).add(name));
  const context: string[] = [];
  for (const name of wanted) {
    if (CONTEXT[name]) {
      context.push(CONTEXT[name].declare);
      const type = CONTEXT[name].declare.match(/: (\w+);/)![1]!;
      if (CONTEXT[name].from) add(CONTEXT[name].from, `type ${type}`);
    } else if (IMPORTABLE.has(name)) {
      const { entry, type } = IMPORTABLE.get(name)!;
      add(entry, type ? `type ${name}` : name);
    } else if (VITEST.includes(name)) add("vitest", name);
  }
  const header = [...imports].map(([from, names]) => `import { ${[...names].join(", ")} } from "${from}";`);
  return `${[...header, ...context].join("\n")}\n${code}\nexport {};\n`;
}

const scratch = (() => {
  mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
  return mkdtempSync(path.join(ROOT, ".tmp", "tsdoc-"));
})();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("TSDoc of every entry", () => {
  it("reads every entry in package.json's exports", () => {
    expect(ENTRIES.map((entry) => entry.specifier)).toEqual(expect.arrayContaining(["typed-secrets", "typed-secrets/emulator"]));
    expect(exported.length).toBeGreaterThan(20);
  });

  it("every export has a summary; every function an @example too", () => {
    const missing = exported.flatMap(({ entry, name, symbol }) => {
      const found = (symbol.declarations ?? []).map(docs);
      const lacks = [
        ...(found.some((doc) => doc.summary) ? [] : ["summary"]),
        ...(needsExample(symbol) && !found.some((doc) => doc.example) ? ["@example"] : []),
      ];
      return lacks.length > 0 ? [`${entry} ${name}: no ${lacks.join(", ")}`] : [];
    });
    expect(missing).toEqual([]);
  });

  it("every public method of an exported interface or class has a summary", () => {
    const ours = (declaration: ts.Declaration) => !declaration.getSourceFile().fileName.includes("node_modules");
    const isMethod = (declaration: ts.Declaration) => ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration);
    const missing = new Set<string>();
    for (const { name, symbol } of exported) {
      if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) continue;
      for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
        const declarations = (member.declarations ?? []).filter((declaration) => ours(declaration) && isMethod(declaration));
        if (declarations.length > 0 && !declarations.some((declaration) => docs(declaration).summary))
          missing.add(`${name}.${member.name}`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("every example in a doc comment compiles against the built package", { timeout: 120_000 }, () => {
    const found = examples();
    expect(found.length).toBeGreaterThan(20);
    const files = found.map((example, index) => {
      const file = path.join(scratch, `example-${index + 1}.ts`);
      writeFileSync(file, asModule(example.code));
      return file;
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(ROOT, "tsconfig.json"),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const compiled = ts.createProgram(files, { ...config.options, noEmit: true, noUnusedLocals: false });
    const problems = ts.getPreEmitDiagnostics(compiled).map((diagnostic) => {
      const index = diagnostic.file ? Number(path.basename(diagnostic.file.fileName).match(/\d+/)![0]) - 1 : -1;
      const where = index >= 0 ? found[index]!.where : "";
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    });
    expect(problems).toEqual([]);
  });
});
