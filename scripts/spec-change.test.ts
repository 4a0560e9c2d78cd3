// A vendor changes its API: generation, the drift check and the breaking-change diff all notice.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generate } from "./generate.js";
import { buildGenerated } from "./lib/pipeline.js";
import { specsDiff } from "./specs-diff.js";
import { copySpecs, type TempSpecs } from "./testing/temp-specs.js";

let temp: TempSpecs;
const quiet = () => {};

beforeEach(async () => {
  temp = await copySpecs();
});
afterEach(async () => {
  await temp.cleanup();
});

describe("a vendor spec change", () => {
  it("is reported by generation, the drift check and the diff", { timeout: 180_000 }, async () => {
    // Rename a response property and add a required parameter in the vendor's Gcore file.
    await temp.edit("specs/vendor/gcore-get-secret.yaml", (text) =>
      text
        .replace("        status:\n          description: Status", "        state:\n          description: Status")
        .replace("        - secret_type\n        - status\n", "        - secret_type\n        - state\n")
        .replace(
          "      responses:\n        '200':",
          "        - in: query\n          name: view\n          required: true\n          schema:\n            type: string\n      " +
            "responses:\n        '200':",
        ),
    );

    // Our named examples still use the old property: the pipeline refuses to produce a spec whose examples lie.
    await expect(generate({ specsDir: temp.specsDir, outDir: temp.generatedDir, check: true, log: quiet })).rejects.toThrow(
      /the bundled specs must lint clean[\s\S]*no-invalid-media-type-examples generated\/gcore\.yaml[\s\S]*required property 'state'/,
    );
    await temp.edit("specs/examples/gcore.yaml", (text) => text.replaceAll("status: ACTIVE", "state: ACTIVE"));

    await expect(generate({ specsDir: temp.specsDir, outDir: temp.generatedDir, check: true, log: quiet })).rejects.toThrow(
      /generated is stale; these files differ from what specs\/ produces:\n {2}gcore\.yaml\n {2}gcore\.d\.ts\nRun 'npm run generate'/,
    );

    const changes = await specsDiff({ specsDir: temp.specsDir, base: { dir: temp.generatedDir }, log: quiet });
    expect(changes.voximplant).toEqual([]);
    expect(changes.dapr).toEqual([]);
    const breaking = changes.gcore!.filter((change) => change.impact === "major");
    const messages = breaking.flatMap((change) => change.messages);
    expect(messages).toContain("GET /cloud/v1/secrets/{project_id}/{region_id}/{secret_id}: parameter query view is now required");
    expect(messages).toContain(
      "GET /cloud/v1/secrets/{project_id}/{region_id}/{secret_id}: response property status was removed or renamed",
    );
    expect(messages).toContain("GET /cloud/v1/secrets/{project_id}/{region_id}: response property results[].status was removed or renamed");
    // Breaking changes come first.
    expect(changes.gcore![0]!.impact).toBe("major");

    const written = await generate({ specsDir: temp.specsDir, outDir: temp.generatedDir, check: false, log: quiet });
    expect(written).toEqual(["gcore.yaml", "gcore.d.ts"]);
    const types = await readFile(path.join(temp.generatedDir, "gcore.d.ts"), "utf8");
    expect(types).toMatch(/view: string;/);
    expect(types).toMatch(/state: string;/);
    await expect(generate({ specsDir: temp.specsDir, outDir: temp.generatedDir, check: true, log: quiet })).resolves.toEqual([]);
  });

  it("a stray or missing generated file fails the drift check too", { timeout: 30_000 }, async () => {
    const { writeFile, rm } = await import("node:fs/promises");
    await writeFile(path.join(temp.generatedDir, "old-api.d.ts"), "export {};\n");
    await rm(path.join(temp.generatedDir, "dapr.d.ts"));
    await expect(generate({ specsDir: temp.specsDir, outDir: temp.generatedDir, check: true, log: quiet })).rejects.toThrow(
      /dapr\.d\.ts \(missing\)\n {2}old-api\.d\.ts \(not produced by the specs\)/,
    );
  });
});

describe("a fix whose target is gone", () => {
  it("stops the pipeline, naming the decorator and what to do", { timeout: 30_000 }, async () => {
    await temp.edit("specs/vendor/voximplant-add-secret.yaml", (text) =>
      text.replace(
        "      properties:\n        result:\n          $ref: '#/components/schemas/AddSecretResult'",
        "      properties:\n        outcome:\n          $ref: '#/components/schemas/AddSecretResult'",
      ),
    );
    await expect(buildGenerated({ specsDir: temp.specsDir })).rejects.toThrow(
      new RegExp(
        "redocly bundle .*voximplant\\.yaml failed:[\\s\\S]*typed-secrets/result-object-or-array matched nothing: " +
          "components\\.schemas\\.secrets_AddSecret_Response_200\\.properties\\.result is missing[\\s\\S]*update the decorator",
      ),
    );
  });

  it("stops when the vendor drops the header parameter the auth fix replaces", { timeout: 30_000 }, async () => {
    for (const file of ["voximplant-add-secret.yaml", "voximplant-get-secret-value.yaml"]) {
      await temp.edit(`specs/vendor/${file}`, (text) =>
        text.replace("        - name: Authorization\n          in: header", "        - name: X-Authorization\n          in: header"),
      );
    }
    await expect(buildGenerated({ specsDir: temp.specsDir })).rejects.toThrow(/auth-header-to-security matched nothing/);
  });
});
