import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { extractOpenApiBlock } from "./extract.js";
import { PipelineError } from "./sources.js";

describe("extractOpenApiBlock", () => {
  it("returns the vendor block byte-for-byte (the committed vendor file)", async () => {
    const page = await readFile("specs/docs/voximplant-get-secret-value.md", "utf8");
    const vendor = await readFile("specs/vendor/voximplant-get-secret-value.yaml", "utf8");
    expect(extractOpenApiBlock(page, "page")).toBe(vendor);
  });

  it("handles a four-backtick fence with an info string (Gcore's docs)", async () => {
    const page = await readFile("specs/docs/gcore-get-secret.md", "utf8");
    const block = extractOpenApiBlock(page, "page");
    expect(block.startsWith("openapi: 3.1.0\n")).toBe(true);
    expect(block).toContain("SecretViewSet.get");
    expect(block).not.toContain("````");
  });

  it("rejects a page without a YAML block, naming the page", async () => {
    const page = await readFile("specs/docs/voximplant-get-secrets.txt", "utf8");
    expect(() => extractOpenApiBlock(page, "specs/docs/voximplant-get-secrets.txt")).toThrow(PipelineError);
    expect(() => extractOpenApiBlock(page, "specs/docs/voximplant-get-secrets.txt")).toThrow(
      /voximplant-get-secrets\.txt: the page has no ```yaml block/,
    );
  });

  it("rejects YAML that does not parse", () => {
    const page = "# Title\n\n```yaml\nopenapi: 3.1.0\npaths: {\n  bad: [\n```\n";
    expect(() => extractOpenApiBlock(page, "broken.md")).toThrow(/broken\.md: the YAML block does not parse/);
  });

  it("rejects a block that is not OpenAPI and a block never closed", () => {
    expect(() => extractOpenApiBlock("```yaml\nfoo: 1\n```\n", "x.md")).toThrow(/not an OpenAPI document/);
    expect(() => extractOpenApiBlock("```yaml\nopenapi: 3.1.0\npaths: {}\n", "y.md")).toThrow(/never closed/);
  });
});
