// Reads specs/sources.yaml: which docs page each spec file comes from.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

export interface SourcePage {
  id: string;
  url: string;
  /** Stored docs page, relative to the specs directory. */
  doc: string;
  /** Where the page's OpenAPI YAML block is extracted to; absent when the page has none. */
  vendor?: string;
}

export interface SourceOperation {
  operationId: string;
  method: string;
  path: string;
  page: string;
  file: string;
}

export interface Sources {
  pages: SourcePage[];
  operations: Record<string, SourceOperation[]>;
}

export class PipelineError extends Error {
  override name = "PipelineError";
}

export async function readSources(specsDir: string): Promise<Sources> {
  const file = path.join(specsDir, "sources.yaml");
  const sources = parse(await readFile(file, "utf8")) as Sources;
  if (!Array.isArray(sources?.pages) || typeof sources.operations !== "object") {
    throw new PipelineError(`${file}: expected 'pages' (list) and 'operations' (map of API → list).`);
  }
  return sources;
}
