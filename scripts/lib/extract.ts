// Extracts the OpenAPI YAML block of a vendor docs page, byte-for-byte.
import { parseDocument } from "yaml";
import { PipelineError } from "./sources.js";

const OPENING_FENCE = /^(`{3,}|~{3,})[ \t]*yaml\b[^\n]*\n/m;

/**
 * Returns the text between the first ```yaml fence of `page` and its closing fence, unchanged.
 * Throws a PipelineError naming `where` when the page has no such block, the block is not closed,
 * or the YAML does not parse as an OpenAPI document.
 */
export function extractOpenApiBlock(page: string, where: string): string {
  const opening = OPENING_FENCE.exec(page);
  if (!opening) {
    throw new PipelineError(
      `${where}: the page has no \`\`\`yaml block. If the vendor moved or dropped its OpenAPI, ` +
        "fix the page URL in specs/sources.yaml, or remove the page's 'vendor:' entry and describe the API in specs/own/.",
    );
  }
  const fence = opening[1]!;
  const start = opening.index + opening[0].length;
  const closing = new RegExp(`^${fence[0]}{${fence.length},}[ \\t]*$`, "m");
  const rest = page.slice(start);
  const end = closing.exec(rest);
  if (!end) throw new PipelineError(`${where}: the \`\`\`yaml block opened at offset ${opening.index} is never closed.`);
  const block = rest.slice(0, end.index);
  const document = parseDocument(block);
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    throw new PipelineError(
      `${where}: the YAML block does not parse (${first.message.split("\n")[0]}). Check the page for a broken export.`,
    );
  }
  const value = document.toJS() as Record<string, unknown> | null;
  if (!value || typeof value.openapi !== "string" || typeof value.paths !== "object") {
    throw new PipelineError(`${where}: the YAML block is not an OpenAPI document (no 'openapi' or 'paths').`);
  }
  return block;
}
