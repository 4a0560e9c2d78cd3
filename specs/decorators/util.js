// Helpers shared by the decorators: "matched nothing" reporting and reading companion YAML files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** Reports an error at the document root when a decorator changed nothing. */
export function requireMatches(name, count, what, ctx) {
  if (count > 0) return;
  ctx.report({
    message: `decorator typed-secrets/${name} matched nothing: ${what}. The vendor file may have been restructured; update the decorator's options in specs/redocly.yaml or the decorator in specs/decorators/.`,
    location: ctx.location,
  });
}

/** Reads a YAML file named relative to specs/ (the directory holding redocly.yaml). */
export function readSpecsFile(relative) {
  const specsDir = path.dirname(new URL(import.meta.url).pathname).replace(/\/decorators$/, "");
  const file = path.resolve(specsDir, relative);
  try {
    return parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`typed-secrets decorators: cannot read ${file}: ${error.message}`);
  }
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Calls `visit(operation, method, pathKey)` for every operation of a root document. */
export function forEachOperation(root, visit) {
  for (const [pathKey, item] of Object.entries(root.paths ?? {})) {
    for (const method of HTTP_METHODS) if (item?.[method]) visit(item[method], method, pathKey);
  }
}

/** Copies a companion file's components into the root; a name already taken with other content is an error. */
export function mergeComponents(root, components, file) {
  root.components ??= {};
  for (const [section, entries] of Object.entries(components ?? {})) {
    root.components[section] ??= {};
    for (const [name, value] of Object.entries(entries)) {
      const existing = root.components[section][name];
      if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(value)) {
        throw new Error(`typed-secrets decorators: components.${section}.${name} from ${file} clashes with the vendor's; rename it in ${file}.`);
      }
      root.components[section][name] = value;
    }
  }
}
