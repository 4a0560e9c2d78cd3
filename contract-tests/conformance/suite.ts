// The shared conformance suite (unstorage's testDriver model): one set of behaviours per capability —
// read, list, write, delete — run against every provider that has it, on its Prism mock and on its emulator.
import { describe, expect, it } from "vitest";
import { SecretsError } from "../../src/core/errors.js";
import type { ProviderName } from "../../src/providers/names.js";
import type { SecretDeleter, SecretLister, SecretReader, SecretWriter } from "../../src/index.js";
import { checkedFetches, type StrictFetch, type StrictFetchOptions } from "../support/strict-fetch.js";

type Store = Partial<SecretReader & SecretLister & SecretWriter & SecretDeleter>;

/**
 * A situation the suite describes: what a Prism adapter asks the mock to answer (`prefer`), or what an emulator
 * adapter sets up (`emulated`: a store with no secrets, or credentials the server rejects).
 */
export type Scenario = StrictFetchOptions & { emulated?: "empty" | "wrong-credentials" };

export interface StoreAdapter {
  provider: ProviderName;
  create(fetch: StrictFetch, scenario: Scenario): Store;
  read?: { existing: { name: string; value: string }; missing: Scenario; unauthenticated: Scenario };
  /** `keys`: what each listed summary's `key` must be, in order. */
  list?: { keys: string[]; empty: Scenario; unauthenticated: Scenario };
  write?: { name: string; value: string; absent: Scenario; unauthenticated: Scenario };
  delete?: { name: string; missing: Scenario; unauthenticated: Scenario };
  /** Behaviours this provider breaks today: the test is skipped and the reason printed. */
  knownBugs?: Record<string, string>;
}

async function failure(run: () => Promise<unknown>): Promise<SecretsError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SecretsError)) throw new Error(`expected a SecretsError, got ${String(error)}`);
  return error;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export function describeConformance(adapter: StoreAdapter): void {
  const { provider } = adapter;
  describe(`${provider} conforms to the shared store interface`, () => {
    const strict = checkedFetches(provider);
    const open = (scenario: Scenario = {}) => {
      const fetch = strict(scenario);
      return { store: adapter.create(fetch, scenario), fetch };
    };
    const test = (name: string, body: () => Promise<void>) => {
      const bug = adapter.knownBugs?.[name];
      if (bug) console.warn(`[contract] skipped "${provider}: ${name}" — ${bug}`);
      (bug ? it.skip : it)(name, body);
    };
    const expectKind = async (run: (store: Store) => Promise<unknown>, scenario: Scenario, code: string) => {
      const { store, fetch } = open(scenario);
      const error = await failure(() => run(store));
      expect(error).toMatchObject({ code, provider });
      expect(error.operation).toBeTruthy();
      expect(fetch.exchanges.length).toBeGreaterThan(0);
    };

    it("offers exactly the capabilities it declares", () => {
      const { store } = open();
      const has = { read: "getSecretValue", list: "listSecrets", write: "setSecret", delete: "deleteSecret" } as const;
      for (const [capability, method] of Object.entries(has))
        expect(typeof store[method], `${capability}: ${method}`).toBe(adapter[capability as keyof typeof has] ? "function" : "undefined");
    });

    const { read, list, write } = adapter;
    const remove = adapter.delete;
    if (read) {
      test("read: answers the value of an existing secret", async () => {
        const { store, fetch } = open();
        expect(await store.getSecretValue!(read.existing.name)).toBe(read.existing.value);
        expect(fetch.exchanges).toHaveLength(1);
      });
      test("read: a missing secret throws NotFoundError", () =>
        expectKind((store) => store.getSecretValue!("missing_secret"), read.missing, "ERR_NOT_FOUND"));
      test("read: rejected credentials throw AuthenticationError", () =>
        expectKind((store) => store.getSecretValue!(read.existing.name), read.unauthenticated, "ERR_AUTHENTICATION"));
      test("read: an empty name is refused before anything is sent", async () => {
        const { store, fetch } = open();
        expect(await failure(() => store.getSecretValue!(""))).toMatchObject({ code: "ERR_VALIDATION", provider });
        expect(fetch.exchanges).toEqual([]);
      });
    }
    if (list) {
      test("list: yields every secret by its key", async () => {
        expect((await collect(open().store.listSecrets!())).map((secret) => secret.key)).toEqual(list.keys);
      });
      test("list: never yields a value", async () => {
        const secrets = await collect(open().store.listSecrets!());
        expect(secrets.length).toBeGreaterThan(0);
        for (const secret of secrets) expect(Object.keys(secret)).not.toContain("value");
      });
      test("list: an empty store yields nothing", async () => expect(await collect(open(list.empty).store.listSecrets!())).toEqual([]));
      test("list: rejected credentials throw AuthenticationError", () =>
        expectKind((store) => collect(store.listSecrets!()), list.unauthenticated, "ERR_AUTHENTICATION"));
      test("list: nothing is sent before the iteration starts", async () => {
        const { store, fetch } = open();
        const iterator = store.listSecrets!()[Symbol.asyncIterator]();
        expect(fetch.exchanges).toEqual([]);
        await iterator.next();
        expect(fetch.exchanges.length).toBeGreaterThan(0);
      });
    }
    if (write) {
      const sent = (fetch: StrictFetch, value: string) =>
        fetch.exchanges.filter((exchange) => decodeURIComponent(exchange.requestBody.replace(/\+/g, " ")).includes(value)).length;
      test("write: replaces the value of an existing secret, sending it once", async () => {
        const { store, fetch } = open();
        await store.setSecret!(write.name, write.value);
        expect(fetch.exchanges).toHaveLength(1);
        expect(sent(fetch, write.value)).toBe(1);
      });
      test("write: creates a secret that does not exist yet", async () => {
        const { store, fetch } = open(write.absent);
        await store.setSecret!(write.name, write.value);
        expect(sent(fetch, write.value)).toBeGreaterThan(0);
      });
      test("write: rejected credentials throw AuthenticationError", () =>
        expectKind((store) => store.setSecret!(write.name, write.value), write.unauthenticated, "ERR_AUTHENTICATION"));
    }
    if (remove) {
      test("delete: removes an existing secret", async () => {
        const { store, fetch } = open();
        await store.deleteSecret!(remove.name);
        expect(fetch.exchanges.length).toBeGreaterThan(0);
      });
      test("delete: a missing secret throws NotFoundError", () =>
        expectKind((store) => store.deleteSecret!(remove.name), remove.missing, "ERR_NOT_FOUND"));
      test("delete: rejected credentials throw AuthenticationError", () =>
        expectKind((store) => store.deleteSecret!(remove.name), remove.unauthenticated, "ERR_AUTHENTICATION"));
    }
    if (read && list) {
      test("read + list: every listed secret can be read by the key it was listed under", async () => {
        const { store } = open();
        for (const secret of await collect(store.listSecrets!())) expect(typeof (await store.getSecretValue!(secret.key))).toBe("string");
      });
    }
    if (list && remove) {
      test("list + delete: every listed secret can be deleted by the key it was listed under", async () => {
        const { store } = open();
        for (const secret of await collect(store.listSecrets!())) await store.deleteSecret!(secret.key);
      });
    }
  });
}
