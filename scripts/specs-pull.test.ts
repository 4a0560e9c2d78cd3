// specs:pull against a local HTTP server that serves the stored docs pages.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pullSpecs } from "./specs-pull.js";
import { copySpecs, type TempSpecs } from "./testing/temp-specs.js";

let temp: TempSpecs;
let server: Server;
let pages: Map<string, string>;

beforeEach(async () => {
  temp = await copySpecs();
  pages = new Map();
  for (const name of [
    "voximplant-get-secret-value.md",
    "voximplant-get-secrets.txt",
    "voximplant-add-secret.md",
    "dapr-secrets-api.md",
    "gcore-get-secret.md",
  ]) {
    pages.set(`/${name}`, await readFile(path.join("specs/docs", name), "utf8"));
  }
  server = createServer((request, response) => {
    const page = pages.get(request.url ?? "");
    response.writeHead(page === undefined ? 404 : 200, { "content-type": "text/markdown" }).end(page ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // Point every page of the copied sources.yaml at the local server.
  await temp.edit("specs/sources.yaml", (text) =>
    text.replace(
      /url: \S+\/([^/\s]+?)(\.md)?\n(\s+doc: docs\/(\S+))/g,
      (_all, _slug, _md, docLine, doc) => `url: http://127.0.0.1:${port}/${doc}\n${docLine}`,
    ),
  );
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await temp.cleanup();
});

const quiet = () => {};

describe("specs:pull", () => {
  it("changes nothing when the served pages are the stored ones", async () => {
    expect(await pullSpecs({ specsDir: temp.specsDir, offline: false, log: quiet })).toEqual([]);
  });

  it("a changed page produces a changed vendor file, byte-for-byte", async () => {
    const key = "/voximplant-get-secret-value.md";
    pages.set(
      key,
      pages
        .get(key)!
        .replace("Gets the value of a specific secret.\n\n        **Example", "Gets the value of one secret.\n\n        **Example"),
    );
    const changed = await pullSpecs({ specsDir: temp.specsDir, offline: false, log: quiet });
    expect(changed).toEqual(["docs/voximplant-get-secret-value.md", "vendor/voximplant-get-secret-value.yaml"]);
    const vendor = await readFile(path.join(temp.specsDir, "vendor/voximplant-get-secret-value.yaml"), "utf8");
    expect(vendor).toContain("Gets the value of one secret.");
  });

  it("--offline re-extracts from the stored page", async () => {
    await temp.edit("specs/docs/voximplant-add-secret.md", (text) =>
      text.replace("Adds a new secret.\n\n        **Example", "Adds one secret.\n\n        **Example"),
    );
    expect(await pullSpecs({ specsDir: temp.specsDir, offline: true, log: quiet })).toEqual(["vendor/voximplant-add-secret.yaml"]);
  });

  it("stops, naming the page, when a vendor page loses its YAML block", async () => {
    pages.set("/gcore-get-secret.md", "# Get secret\n\nThe spec moved elsewhere.\n");
    await expect(pullSpecs({ specsDir: temp.specsDir, offline: false, log: quiet })).rejects.toThrow(
      /specs\/docs\/gcore-get-secret\.md: the page has no ```yaml block/,
    );
    // The vendor file is not touched.
    expect(await readFile(path.join(temp.specsDir, "vendor/gcore-get-secret.yaml"), "utf8")).toBe(
      await readFile("specs/vendor/gcore-get-secret.yaml", "utf8"),
    );
  });

  it("stops on an HTTP error, naming the URL", async () => {
    pages.delete("/dapr-secrets-api.md");
    await expect(pullSpecs({ specsDir: temp.specsDir, offline: false, log: quiet })).rejects.toThrow(/dapr-secrets-api\.md: HTTP 404/);
  });
});
