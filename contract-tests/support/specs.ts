// The generated specs as the tests see them: every operation, a request → operationId matcher, named examples.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ProviderName } from "../../src/providers/names.js";

export const PROVIDERS = ["voximplant", "dapr", "gcore"] as const satisfies readonly ProviderName[];
const METHODS = ["get", "put", "post", "delete", "patch"] as const;
const GENERATED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../generated");

export interface SpecOperation {
  provider: ProviderName;
  operationId: string;
  method: string;
  template: string;
  /** Literal path segments: more literal templates win (`/{store}/bulk` over `/{store}/{name}`), as in Prism. */
  literals: number;
  pattern: RegExp;
}

interface OpenApiOperation {
  operationId: string;
  responses?: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
}
type OpenApi = { paths: Record<string, Partial<Record<(typeof METHODS)[number], OpenApiOperation>>> };

const documents = new Map<ProviderName, OpenApi>();
export function specOf(provider: ProviderName): OpenApi {
  let document = documents.get(provider);
  if (!document) {
    document = parse(readFileSync(path.join(GENERATED, `${provider}.yaml`), "utf8")) as OpenApi;
    documents.set(provider, document);
  }
  return document;
}

export function operationsOf(provider: ProviderName): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(specOf(provider).paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const segments = template.split("/").filter(Boolean);
      const source = segments
        .map((segment) => (/^\{.+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
      operations.push({
        provider,
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        literals: segments.filter((segment) => !segment.startsWith("{")).length,
        pattern: new RegExp(`^/${source}$`),
      });
    }
  }
  return operations.sort((a, b) => b.literals - a.literals);
}

/** The operationId a request goes to, or undefined when no operation of the spec matches it. */
export function operationOfRequest(provider: ProviderName, request: Request): string | undefined {
  const pathname = new URL(request.url).pathname;
  return operationsOf(provider).find((operation) => operation.method === request.method && operation.pattern.test(pathname))?.operationId;
}

/** A named example of an operation's response, as the mock serves it. */
export function exampleOf(provider: ProviderName, operationId: string, status: string, name: string): unknown {
  for (const item of Object.values(specOf(provider).paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation?.operationId !== operationId) continue;
      for (const media of Object.values(operation.responses?.[status]?.content ?? {})) {
        const example = media.examples?.[name];
        if (example) return example.value;
      }
    }
  }
  throw new Error(`${provider}: no example ${name} for ${operationId} ${status} in generated/${provider}.yaml`);
}

/** Whether the spec declares `status` for the operation (exactly, as `5XX`, or as `default`). */
export function declaresStatus(provider: ProviderName, operationId: string, status: number): boolean {
  for (const item of Object.values(specOf(provider).paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation?.operationId !== operationId) continue;
      const declared = Object.keys(operation.responses ?? {});
      return declared.some(
        (key) => key === String(status) || key === "default" || (/^[1-5]XX$/i.test(key) && key[0] === String(status)[0]),
      );
    }
  }
  return false;
}
