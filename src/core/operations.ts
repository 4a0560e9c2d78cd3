// A vendor's operations as data (method, spec path, whether it may be sent again), and the types the generated
// `paths` give each one: what a request may carry and what a success answers. The facades build their requests as
// these types say, so a field renamed in a spec fails to compile where it is used.

export type HttpMethod = "get" | "post" | "delete";

/** One operation of a spec, named as messages and faults name it. */
export interface OperationDef<Paths> {
  method: HttpMethod;
  path: keyof Paths & string;
  /** May it be sent again after the request may have reached the server? */
  repeatable: boolean;
  /** Overrides the client's retries (readiness probes, which their poll loop repeats). */
  maxRetries?: number;
  /** Percent-encodes one path parameter (default `encodeURIComponent`). */
  encodePathParam?: (name: string, value: string) => string;
}

export type OperationTable<Paths> = Record<string, OperationDef<Paths>>;

/** The generated operation object behind a definition: `paths[path][method]`. */
export type OperationOf<Paths, Def> = Def extends { method: infer Method; path: infer Path }
  ? Path extends keyof Paths
    ? Method extends keyof Paths[Path]
      ? NonNullable<Paths[Path][Method]>
      : never
    : never
  : never;

type Parameters<Op, Where extends "path" | "query"> = Op extends { parameters: { [K in Where]?: infer P } } ? Exclude<P, undefined> : never;
type Content<Holder, Media extends string> = Holder extends { content: { [K in Media]: infer Body } } ? Body : never;
type RequestBody<Op, Media extends string> = Op extends { requestBody?: infer Holder } ? Content<NonNullable<Holder>, Media> : never;

/** Optional fields may be given as undefined (left out on the wire); required ones keep their type. */
type Sendable<T> = T extends object ? { [K in keyof T]: Record<never, never> extends Pick<T, K> ? T[K] | undefined : T[K] } : T;

/** What a request of the operation carries, each part as the spec types it (`never` where the spec has none). */
export interface RequestInput<Op> {
  path?: Sendable<Parameters<Op, "path">>;
  query?: Sendable<Parameters<Op, "query">>;
  form?: Sendable<RequestBody<Op, "application/x-www-form-urlencoded">>;
  json?: Sendable<RequestBody<Op, "application/json">>;
}

/** The JSON body of the operation's 200 answer, as the spec types it. */
export type SuccessBody<Op> = Op extends { responses: { 200: infer Holder } } ? Content<Holder, "application/json"> : never;

/** The request's parts as the wire needs them. */
export interface BuiltRequest {
  method: "GET" | "POST" | "DELETE";
  url: string;
  contentType?: string;
  body?: string;
}

/** Scalars of a query or form: what URL and form encoding can carry. */
function scalars(fields: unknown): [string, string][] {
  const pairs: [string, string][] = [];
  if (typeof fields !== "object" || fields === null) return pairs;
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") pairs.push([key, String(value)]);
  }
  return pairs;
}

/** A spec path split at its parameters: literal, name, literal, name, …, literal (split once per path, on the hot path). */
const templates = new Map<string, string[]>();
const templateOf = (path: string) => {
  const known = templates.get(path);
  if (known) return known;
  const parts = path.split(/\{([^}]+)\}/);
  templates.set(path, parts);
  return parts;
};
const encodeParam = (_name: string, value: string) => encodeURIComponent(value);

/** The spec path with each parameter encoded (a missing one as empty). */
function fillPath(path: string, params: unknown, encode: (name: string, value: string) => string): string {
  const parts = templateOf(path);
  if (parts.length === 1) return path;
  let filled = parts[0]!;
  for (let index = 1; index < parts.length; index += 2) {
    const value: unknown = typeof params === "object" && params !== null ? Reflect.get(params, parts[index]!) : undefined;
    filled += encode(parts[index]!, typeof value === "string" || typeof value === "number" ? String(value) : "") + parts[index + 1]!;
  }
  return filled;
}

/**
 * The spec path with its parameters encoded, the query and the body. Paths are the spec's as written: nobody builds
 * a URL by hand. A form body is `application/x-www-form-urlencoded`; a JSON body is serialised once, here.
 */
export function buildRequest<Paths, Op>(baseUrl: string, def: OperationDef<Paths>, input: RequestInput<Op>): BuiltRequest {
  const path = fillPath(def.path, input.path, def.encodePathParam ?? encodeParam);
  const query = input.query === undefined ? "" : new URLSearchParams(scalars(input.query)).toString();
  const url = `${baseUrl}${path}${query ? `?${query}` : ""}`;
  const method = def.method === "get" ? "GET" : def.method === "post" ? "POST" : "DELETE";
  if (input.form !== undefined)
    return { method, url, contentType: "application/x-www-form-urlencoded", body: new URLSearchParams(scalars(input.form)).toString() };
  if (input.json !== undefined) return { method, url, contentType: "application/json", body: JSON.stringify(input.json) };
  return { method, url };
}

/** Names the operation of a method and spec path (calls made on `client.api`) by matching the table's templates. */
export function operationMatcher<Paths>(table: OperationTable<Paths>): (method: string, path: string) => string | undefined {
  const routes = Object.entries(table).map(([name, def]) => ({
    name,
    method: def.method.toUpperCase(),
    pattern: new RegExp(`^${def.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    // A literal segment beats a parameter (`/secrets/{store}/bulk` over `/secrets/{store}/{name}`).
    literal: def.path.replace(/\{[^}]+\}/g, "").length,
  }));
  routes.sort((a, b) => b.literal - a.literal);
  return (method, path) => routes.find((route) => route.method === method && route.pattern.test(path))?.name;
}
