// Our own breaking-change rules for two bundled specs. `redocly diff` (experimental) misses some that
// matter to a client: a new required parameter is rated "minor" and a renamed response property "patch".
import type { SpecChange } from "./redocly.js";

type Node = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function resolve(document: Node, node: unknown, depth = 0): Node {
  if (!node || typeof node !== "object" || depth > 20) return {};
  const ref = (node as Node).$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node as Node;
  const target = ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((current, part) => (current as Node | undefined)?.[part], document);
  return resolve(document, target, depth + 1);
}

interface Shape {
  properties: Map<string, string>;
  required: Set<string>;
}

/**
 * Properties (dotted name → type) and required names of a schema, through $ref, allOf, anyOf and
 * oneOf, nested objects and array items (`results[].status`).
 */
function shapeOf(
  document: Node,
  schemaNode: unknown,
  shape: Shape = { properties: new Map(), required: new Set() },
  prefix = "",
  depth = 0,
): Shape {
  const schema = resolve(document, schemaNode);
  if (depth > 8) return shape;
  for (const [name, property] of Object.entries((schema.properties as Node | undefined) ?? {})) {
    const resolved = resolve(document, property);
    shape.properties.set(
      `${prefix}${name}`,
      JSON.stringify(resolved.type ?? (resolved.anyOf ? "anyOf" : resolved.oneOf ? "oneOf" : "any")),
    );
    shapeOf(document, resolved, shape, `${prefix}${name}.`, depth + 1);
  }
  if (schema.items) shapeOf(document, schema.items, shape, `${prefix.replace(/\.$/, "")}[].`, depth + 1);
  for (const name of (schema.required as string[] | undefined) ?? []) shape.required.add(`${prefix}${name}`);
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    for (const part of (schema[key] as unknown[] | undefined) ?? []) shapeOf(document, part, shape, prefix, depth + 1);
  }
  return shape;
}

function operations(document: Node): Map<string, Node> {
  const result = new Map<string, Node>();
  for (const [path, item] of Object.entries((document.paths as Node | undefined) ?? {})) {
    const pathItem = resolve(document, item);
    for (const method of METHODS) if (pathItem[method]) result.set(`${method.toUpperCase()} ${path}`, resolve(document, pathItem[method]));
  }
  return result;
}

function parameters(document: Node, operation: Node): Map<string, boolean> {
  const result = new Map<string, boolean>();
  for (const parameter of (operation.parameters as unknown[] | undefined) ?? []) {
    const resolved = resolve(document, parameter);
    result.set(`${resolved.in} ${resolved.name}`, resolved.required === true);
  }
  return result;
}

function bodySchema(document: Node, operation: Node): unknown {
  const content = (resolve(document, operation.requestBody).content as Node | undefined) ?? {};
  const first = Object.values(content)[0] as Node | undefined;
  return first?.schema;
}

function successSchema(document: Node, operation: Node): unknown {
  const responses = (operation.responses as Node | undefined) ?? {};
  const success = Object.keys(responses).find((status) => status.startsWith("2"));
  const content = (resolve(document, success ? responses[success] : undefined).content as Node | undefined) ?? {};
  const json = Object.entries(content).find(([type]) => type.includes("json"))?.[1] as Node | undefined;
  return json?.schema;
}

export function breakingChanges(base: Node, revision: Node): SpecChange[] {
  const changes: SpecChange[] = [];
  const add = (path: string, kind: string, message: string) => changes.push({ impact: "major", kind, path, messages: [message] });
  const before = operations(base);
  const after = operations(revision);
  for (const [key, oldOperation] of before) {
    const newOperation = after.get(key);
    if (!newOperation) {
      add(key, "removed", `operation ${key} was removed`);
      continue;
    }
    const oldParameters = parameters(base, oldOperation);
    for (const [name, required] of parameters(revision, newOperation)) {
      if (required && !oldParameters.get(name)) add(key, "added", `${key}: parameter ${name} is now required`);
    }
    for (const name of oldParameters.keys()) {
      if (!parameters(revision, newOperation).has(name)) add(key, "removed", `${key}: parameter ${name} was removed`);
    }
    const oldBody = shapeOf(base, bodySchema(base, oldOperation));
    for (const name of shapeOf(revision, bodySchema(revision, newOperation)).required) {
      if (!oldBody.required.has(name)) add(key, "added", `${key}: request body property ${name} is now required`);
    }
    const oldResponse = shapeOf(base, successSchema(base, oldOperation));
    const newResponse = shapeOf(revision, successSchema(revision, newOperation));
    for (const [name, type] of oldResponse.properties) {
      if (!newResponse.properties.has(name)) add(key, "removed", `${key}: response property ${name} was removed or renamed`);
      else if (newResponse.properties.get(name) !== type)
        add(key, "modified", `${key}: response property ${name} changed type ${type} → ${newResponse.properties.get(name)}`);
    }
    for (const name of oldResponse.required) {
      if (!newResponse.required.has(name)) add(key, "modified", `${key}: response property ${name} is no longer always present`);
    }
  }
  return changes;
}
