// The generated types bind the facades: rename a request field and an answer field the facade uses in each vendor's
// spec, regenerate, and the type check fails in that vendor's facade (and passes on the unchanged copy). Only the
// facades and what they import are checked, against a copy of src/core and src/providers beside the regenerated types.
import { cp } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "./generate.js";
import { copySpecs, type TempSpecs } from "./testing/temp-specs.js";

const VENDORS = ["voximplant", "dapr", "gcore"] as const;
let temp: TempSpecs;

beforeAll(async () => {
  temp = await copySpecs();
  for (const folder of ["src/core", "src/providers"]) await cp(folder, path.join(temp.dir, folder), { recursive: true });
}, 60_000);
afterAll(async () => {
  await temp.cleanup();
});

/** Type errors in the three facades, as `vendor/file.ts: message`. */
function typeErrors(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile("tsconfig.json", {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const roots = VENDORS.map((vendor) => path.join(temp.dir, "src/providers", vendor, "client.ts"));
  const program = ts.createProgram(roots, { ...config.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const file = diagnostic.file ? path.relative(path.join(temp.dir, "src/providers"), diagnostic.file.fileName) : "?";
    return `${file}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
  });
}

describe("a field renamed in a spec", () => {
  it("type-checks unchanged", { timeout: 60_000 }, () => {
    expect(typeErrors()).toEqual([]);
  });

  it("fails the type check in that vendor's facade, for a request field and an answer field", { timeout: 120_000 }, async () => {
    // Voximplant: AddSecret's secret_name (request), GetSecretValue's secret_value (answer).
    await temp.edit("specs/vendor/voximplant-add-secret.yaml", (text) => text.replace("- name: secret_name", "- name: secret_title"));
    await temp.edit("specs/vendor/voximplant-get-secret-value.yaml", (text) =>
      text.replace("        secret_value:\n", "        secret_text:\n"),
    );
    await temp.edit("specs/examples/voximplant.yaml", (text) => text.replaceAll("secret_value", "secret_text"));
    // Dapr: the path parameter `name` (request), the error body's errorCode (answer; its examples follow).
    await temp.edit("specs/apis/dapr.yaml", (text) => text.replaceAll("{name}", "{secret}"));
    await temp.edit("specs/own/dapr-secrets.yaml", (text) =>
      text
        .replace("{store}/{name}", "{store}/{secret}")
        .replace("        - name: name\n", "        - name: secret\n")
        .replaceAll("errorCode", "code"),
    );
    // Gcore: the upload's private_key (request), a secret's secret_type (answer; its examples follow).
    await temp.edit("specs/own/gcore-secrets.yaml", (text) => text.replaceAll("private_key", "key_pem"));
    await temp.edit("specs/vendor/gcore-get-secret.yaml", (text) => text.replaceAll("secret_type", "kind"));
    await temp.edit("specs/examples/gcore.yaml", (text) => text.replaceAll("secret_type", "kind"));
    await generate({ specsDir: temp.specsDir, outDir: temp.generatedDir, check: false, log: () => {} });

    const errors = typeErrors();
    // For a report: FACADE_TYPES_REPORT=1 npx vitest run scripts/facade-types.test.ts prints what tsc said.
    if (process.env.FACADE_TYPES_REPORT) console.log(errors.join("\n"));
    const found = (file: string, text: string) => errors.some((error) => error.startsWith(`${file}: `) && error.includes(text));
    expect(found("voximplant/operations.ts", "'secret_name' does not exist"), errors.join("\n")).toBe(true);
    expect(found("voximplant/operations.ts", "'secret_value' does not exist"), errors.join("\n")).toBe(true);
    expect(found("dapr/operations.ts", "{ store: string; name: string; }"), errors.join("\n")).toBe(true);
    expect(found("dapr/wire.ts", "{ code: string; message: string;"), errors.join("\n")).toBe(true);
    expect(found("gcore/upload-body.ts", "'private_key' does not exist"), errors.join("\n")).toBe(true);
    expect(found("gcore/wire.ts", "'secret_type' does not exist"), errors.join("\n")).toBe(true);
  });
});
