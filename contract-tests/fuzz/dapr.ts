// Fuzz targets of the Dapr facade: store and secret names with path characters, unicode, "." and "..",
// "bulk", huge names, metadata with known, unknown and empty keys.
import fc from "fast-check";
import type { DaprClient } from "../../src/index.js";
import type { FuzzTarget } from "./harness.js";
import type { StrictFetch } from "../support/strict-fetch.js";
import { hostileString } from "./inputs.js";

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }) },
  { weight: 2, arbitrary: hostileString() },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 10 }) },
  // Up to 1,000 CJK characters: 9 KB encoded, under the 16 KB header limit of Node's HTTP server (the mock).
  { weight: 1, arbitrary: fc.constantFrom(300, 1_000).map((length) => "名".repeat(length)) },
);
const metadata = fc.dictionary(
  fc.oneof(fc.constantFrom("version_id", "version_stage", "namespace", "maxresults"), fc.string({ maxLength: 10 })),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  { maxKeys: 3 },
);
type Metadata = Record<string, string>;

/** The documented rules for a path segment beyond the spec's minLength 1 (apis.md, Dapr section). */
const segmentRule = (field: string, value: string) =>
  value === ""
    ? `spec: ${field} has minLength 1`
    : value === "." || value === ".."
      ? `apis.md: ${field} "${value}" would change the route whatever the encoding`
      : undefined;
const nameRules = (store: string, name: string) => segmentRule("store", store) ?? segmentRule("name", name);
const query = (given: Metadata | undefined) =>
  Object.fromEntries(Object.entries(given ?? {}).map(([key, value]) => [`metadata.${key}`, value])) as never;

/** The route segments and metadata parameters, decoded, must be exactly what the caller gave. */
function unfaithful(fetch: StrictFetch, segments: string[], given: Metadata | undefined): string | undefined {
  const url = new URL(fetch.exchanges[0]!.url);
  const sent = url.pathname.split("/").slice(3).map(decodeURIComponent);
  if (sent.slice(0, segments.length).join("\u0000") !== segments.join("\u0000")) return `path segments ${JSON.stringify(sent)}`;
  const metadata = Object.fromEntries([...url.searchParams].map(([key, value]) => [key.slice("metadata.".length), value]));
  return JSON.stringify(metadata) === JSON.stringify(given ?? {}) ? undefined : `metadata ${url.search}`;
}

type GetInput = { store: string; name: string; metadata?: Metadata };
type BulkInput = { store: string; metadata?: Metadata };
type ValueInput = { name: string; key?: string };

export const daprTargets = [
  {
    provider: "dapr",
    method: "getSecret",
    runs: 150,
    input: fc.record({ store: segment, name: segment, metadata }, { requiredKeys: ["store", "name"] }),
    call: (client: DaprClient, input: GetInput) =>
      client.getSecret(input.store, input.name, input.metadata ? { metadata: input.metadata } : {}),
    forbiddenBy: (input: GetInput) => nameRules(input.store, input.name),
    wire: (client: DaprClient, input: GetInput) =>
      client.api.GET("/v1.0/secrets/{store}/{name}", {
        params: { path: { store: input.store, name: input.name }, query: query(input.metadata) },
      }),
    unfaithful: (fetch: StrictFetch, input: GetInput) => unfaithful(fetch, [input.store, input.name], input.metadata),
  } satisfies FuzzTarget<"dapr", GetInput>,
  {
    provider: "dapr",
    method: "getBulkSecret",
    runs: 100,
    input: fc.record({ store: segment, metadata }, { requiredKeys: ["store"] }),
    call: (client: DaprClient, input: BulkInput) => client.getBulkSecret(input.store, input.metadata ? { metadata: input.metadata } : {}),
    forbiddenBy: (input: BulkInput) => segmentRule("store", input.store),
    wire: (client: DaprClient, input: BulkInput) =>
      client.api.GET("/v1.0/secrets/{store}/bulk", { params: { path: { store: input.store }, query: query(input.metadata) } }),
    unfaithful: (fetch: StrictFetch, input: BulkInput) => unfaithful(fetch, [input.store, "bulk"], input.metadata),
  } satisfies FuzzTarget<"dapr", BulkInput>,
  {
    provider: "dapr",
    method: "getSecretValue",
    runs: 100,
    input: fc.record(
      { name: segment, key: fc.oneof(fc.constant("db-secret"), fc.string({ unit: "grapheme", maxLength: 20 })) },
      { requiredKeys: ["name"] },
    ),
    call: (client: DaprClient, input: ValueInput) => client.getSecretValue(input.name, input.key === undefined ? {} : { key: input.key }),
    forbiddenBy: (input: ValueInput) => nameRules("vault", input.name),
    wire: (client: DaprClient, input: ValueInput) =>
      client.api.GET("/v1.0/secrets/{store}/{name}", { params: { path: { store: "vault", name: input.name } } }),
    unfaithful: (fetch: StrictFetch, input: ValueInput) => unfaithful(fetch, ["vault", input.name], undefined),
  } satisfies FuzzTarget<"dapr", ValueInput>,
  {
    provider: "dapr",
    method: "listSecrets",
    runs: 10,
    input: fc.constant({}),
    call: (client: DaprClient) => client.listSecrets(),
    forbiddenBy: () => undefined,
    wire: (client: DaprClient) => client.api.GET("/v1.0/secrets/{store}/bulk", { params: { path: { store: "vault" } } }),
  } satisfies FuzzTarget<"dapr", object>,
  {
    provider: "dapr",
    method: "waitUntilReady",
    runs: 20,
    input: fc.record(
      { intervalMs: fc.integer({ min: 1, max: 1_000 }), timeoutMs: fc.integer({ min: 100, max: 5_000 }) },
      { requiredKeys: [] },
    ),
    call: (client: DaprClient, input: { intervalMs?: number; timeoutMs?: number }) => client.waitUntilReady(input),
    forbiddenBy: () => undefined,
    wire: (client: DaprClient) => client.api.GET("/v1.0/healthz/outbound"),
  } satisfies FuzzTarget<"dapr", { intervalMs?: number; timeoutMs?: number }>,
];
