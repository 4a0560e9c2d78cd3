// confirm-missing.ts: the GetSecrets lookup that confirms a refusal means "no such secret". Which code Voximplant
// returns for an unknown secret is unverified (341, or 496 "invalid parameter"): under either answer the client reports
// NotFoundError, confirmed by GetSecrets for anything but 341. Also: which operation each refusal of our own names, and
// the lookup's bounds.
import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, NotFoundError, ProviderApiError, ValidationError } from "../../core/errors.js";
import { json, type Reply, networkError } from "../../testing/observed-fetch.js";
import { failure, voximplantOn } from "../../testing/clients.js";
import { confirmMissing, LOOKUP_LIMITS } from "./confirm-missing.js";
import type { VoximplantSecretInfo } from "./types.js";

const INVALID = { error: { code: 496, msg: "The 'secret_id' parameter is invalid." } };

const listed = (...secrets: [number, string][]) =>
  json({ result: secrets.map(([secret_id, secret_name]) => ({ secret_id, secret_name })), total_count: secrets.length });

const voximplant = (...replies: Reply[]) => voximplantOn(replies);

describe("the lookup", () => {
  it("deleting ids: only the ids the list lacks are named, found by scanning the whole list", async () => {
    const { client, calls, form } = voximplant(json(INVALID), listed([1, "a"], [3, "c"]));
    const error = await failure(client.deleteSecrets({ ids: [1, 2, 3, 4] }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      operation: "DelSecret",
      providerCode: 496,
      status: 200,
    });
    expect((error as Error).cause).toBeInstanceOf(ValidationError);
    expect(calls()).toEqual(["DelSecret", "GetSecrets"]);
    expect(form(1)).toEqual({ application_id: "7", count: "100", offset: "0" });
  });

  it("looks in the call's own application", async () => {
    const { client, form } = voximplant(json(INVALID), listed());
    const error = await failure(client.getSecret({ name: "gone", application: { name: "other-app" } }));
    expect(error).toMatchObject({ code: "ERR_NOT_FOUND", operation: "GetSecretValue", providerCode: 496 });
    expect(form(1)).toEqual({ application_name: "other-app", secret_name_part: "gone", count: "100", offset: "0" });
  });

  it("an unknown code counts as a refusal to check; an HTTP failure (no Voximplant code) is never looked up", async () => {
    const unknown = voximplant(json({ error: { code: 777, msg: "Something new" } }), listed());
    expect(await failure(unknown.client.getSecretValue("gone"))).toBeInstanceOf(NotFoundError);
    const gateway = voximplant(new Response("", { status: 502 }));
    expect(await failure(gateway.client.getSecretValue("gone"))).toBeInstanceOf(ProviderApiError);
    expect(gateway.calls()).toEqual(["GetSecretValue"]);
    const denied = voximplant(json({ error: { code: 100, msg: "Authorization failed" } }));
    expect(await failure(denied.client.getSecretValue("gone"))).toBeInstanceOf(AuthenticationError);
    expect(denied.calls()).toEqual(["GetSecretValue"]);
  });

  it("an update that sends no value still reports its refusal (nothing to cut out of it)", async () => {
    const { client } = voximplant(json({ error: { code: 485, msg: "Invalid new_secret_name" } }), listed([1, "a"]));
    expect(await failure(client.updateSecret({ name: "a", newName: "b" }))).toMatchObject({
      code: "ERR_VALIDATION",
      operation: "SetSecretInfo",
      providerCode: 485,
      serverMessage: "Invalid new_secret_name",
    });
  });
});

describe("refusals of our own name their operation", () => {
  const client = voximplant(json({})).client;
  it.each([
    ["GetSecretValue", "name", () => client.getSecret({ name: "1bad" })],
    ["SetSecretInfo", "name", () => client.updateSecret({ name: "1bad" })],
    ["SetSecretInfo", "newName", () => client.updateSecret({ name: "a", newName: "1bad" })],
    ["SetSecretInfo", "description", () => client.updateSecret({ name: "a", description: "d".repeat(201) })],
    ["SetSecretInfo", "value", () => client.updateSecret({ name: "a", value: "\uD800" })],
    ["DelSecret", "names", () => client.deleteSecrets({ names: [] })],
    ["DelSecret", "ids/names/all", () => client.deleteSecrets(undefined as never)],
    ["AddSecret", "name", () => client.addSecret(undefined as never)],
    ["AddSecret", "description", () => client.addSecret({ name: "a", value: "v", description: 5 as never })],
  ] as Array<[string, string, () => Promise<unknown>]>)("%s: %s", async (operation, field, call) => {
    const error = await failure(call());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ provider: "voximplant", operation, field });
  });

  it("a server that ignores offset is stopped, naming GetSecrets", async () => {
    const page = json({
      result: [
        { secret_id: 1, secret_name: "a" },
        { secret_id: 2, secret_name: "b" },
      ],
      total_count: 6,
    });
    const { client: paging } = voximplant(page);
    const error = await failure(
      (async () => {
        for await (const _ of paging.listSecrets({ pageSize: 2 }));
      })(),
    );
    expect(error).toMatchObject({ provider: "voximplant", operation: "GetSecrets" });
  });
});

describe("the lookup's bounds", () => {
  it("a server that never stops paging: the lookup stops at its limit of secrets and the refusal stands", async () => {
    let next = 0;
    const endless = () => json({ result: Array.from({ length: 100 }, () => ({ secret_id: (next += 1), secret_name: `s${next}` })) });
    const { client, calls } = voximplant(json(INVALID), endless);
    const error = await failure(client.deleteSecrets({ ids: [5_000_000] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ providerCode: 496, operation: "DelSecret" });
    // 10,000 secrets at 100 a page, and the one page that passed the limit.
    expect(calls().filter((call) => call === "GetSecrets").length).toBeLessThanOrEqual(LOOKUP_LIMITS.secrets / 100 + 1);
  });

  it("a lookup that does not finish in time is given up: the refusal stands, nothing is left running", async () => {
    vi.useFakeTimers();
    try {
      let arrived!: () => void;
      const lookupSent = new Promise<void>((resolve) => (arrived = resolve));
      const hanging: Reply = (request) =>
        new Promise((_resolve, reject) => {
          arrived();
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
        });
      const { client } = voximplantOn([json(INVALID), hanging], { timeoutMs: 3_600_000 });
      const pending = failure(client.getSecretValue("gone"));
      await lookupSent;
      await vi.advanceTimersByTimeAsync(LOOKUP_LIMITS.ms);
      expect(await pending).toMatchObject({ code: "ERR_VALIDATION", providerCode: 496 });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("not found under either answer style", () => {
  it("341: NotFoundError at once, no lookup", async () => {
    const { client, calls } = voximplant(json({ error: { code: 341, msg: "Secret not found" } }));
    await expect(client.getSecretValue("apiKey")).rejects.toMatchObject({ code: "ERR_NOT_FOUND", providerCode: 341 });
    expect(calls()).toEqual(["GetSecretValue"]);
  });

  it("496 for a name GetSecrets does not list: NotFoundError (a similar name does not count)", async () => {
    const { client, calls, form } = voximplant(json(INVALID), listed([3, "apiKey_old"], [4, "APIKEY"]));
    const error = await client.getSecretValue("apiKey").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ providerCode: 496, operation: "GetSecretValue" });
    expect(error).toMatchObject({ code: "ERR_NOT_FOUND", operation: "GetSecretValue" });
    expect((error as Error).cause).toBeInstanceOf(ValidationError);
    expect(calls()).toEqual(["GetSecretValue", "GetSecrets"]);
    expect(form(1)).toMatchObject({ application_id: "7", secret_name_part: "apiKey" });
  });

  it("496 for a name GetSecrets lists: the ValidationError stands", async () => {
    const { client } = voximplant(json(INVALID), listed([3, "apiKey"]));
    await expect(client.getSecretValue("apiKey")).rejects.toMatchObject({ code: "ERR_VALIDATION", providerCode: 496 });
  });

  it("496 for an id: looked for in the whole list", async () => {
    const { client, calls } = voximplant(json(INVALID), listed([3, "a"], [4, "b"]));
    await expect(client.getSecret({ id: 12 })).rejects.toMatchObject({ code: "ERR_NOT_FOUND", message: expect.stringContaining("id 12") });
    expect(calls()).toEqual(["GetSecretValue", "GetSecrets"]);
  });

  it("setSecret and upsertSecret add the secret when SetSecretInfo answers 496 and the lookup finds nothing", async () => {
    const { client, calls, form } = voximplant(json(INVALID), listed(), json({ result: { secret_id: 21 } }));
    expect(await client.upsertSecret({ name: "fresh", value: "value-1" })).toEqual({ action: "added", id: 21 });
    expect(calls()).toEqual(["SetSecretInfo", "GetSecrets", "AddSecret"]);
    expect(form(2)).toEqual({ application_id: "7", secret_name: "fresh", secret_value: "value-1" });
  });

  it("deleting names: the ones GetSecrets does not list are named", async () => {
    const { client } = voximplant(json(INVALID), listed([1, "a"]), listed());
    await expect(client.deleteSecrets({ names: ["a", "gone"] })).rejects.toMatchObject({
      code: "ERR_NOT_FOUND",
      message: expect.stringMatching(/no secret named gone \(/),
    });
  });

  it("a lookup that fails leaves the original error; a refusal of 'all' is never looked up", async () => {
    const failing = voximplant(json(INVALID), networkError("ECONNRESET"));
    await expect(failing.client.getSecretValue("apiKey")).rejects.toMatchObject({ code: "ERR_VALIDATION", providerCode: 496 });
    const all = voximplant(json(INVALID));
    await expect(all.client.deleteSecrets({ all: true })).rejects.toBeInstanceOf(ValidationError);
    expect(all.calls()).toEqual(["DelSecret"]);
  });
});

describe("confirmMissing on its own", () => {
  const refusal = (details: { provider?: string; providerCode?: number } = {}) =>
    new ValidationError("refused (code 496)", { provider: "voximplant", operation: "GetSecretValue", providerCode: 496, ...details });
  /** A GetSecrets that lists `names` (ids 1, 2, …), fails once its signal is aborted, and records each listing's options. */
  const lister = (names: string[]) => {
    const listings: Array<{ signal?: AbortSignal; namePart?: string }> = [];
    const list = (options: { signal?: AbortSignal; namePart?: string }) => {
      listings.push(options);
      return (async function* (): AsyncGenerator<VoximplantSecretInfo> {
        options.signal?.throwIfAborted();
        for (const [index, name] of names.entries()) yield { key: name, id: index + 1, name };
      })();
    };
    return { list, listings };
  };

  it("looks up only a Voximplant refusal that carries a code and names secrets: anything else is rethrown as it was", async () => {
    const { list, listings } = lister([]);
    const gone = [{ name: "gone" }];
    for (const [error, refs] of [
      [refusal({ provider: "dapr" }), gone],
      [new ProviderApiError("gateway error", { provider: "voximplant", operation: "GetSecretValue", status: 502 }), gone],
      [new Error("not one of ours"), gone],
      [null, gone],
      [refusal(), []],
    ] as const)
      expect(await failure(confirmMissing(error, list, refs, undefined, undefined))).toBe(error);
    expect(listings).toEqual([]);
    expect(await failure(confirmMissing(refusal(), list, gone, undefined, undefined))).toBeInstanceOf(NotFoundError);
  });

  it("lists up to its limit of secrets, and gives up past it", async () => {
    const limit = LOOKUP_LIMITS.secrets;
    LOOKUP_LIMITS.secrets = 3;
    try {
      const error = refusal();
      const atLimit = await failure(confirmMissing(error, lister(["a", "b", "c"]).list, [{ name: "gone" }], undefined, undefined));
      expect(atLimit).toMatchObject({ code: "ERR_NOT_FOUND", cause: error });
      const past = await failure(confirmMissing(error, lister(["a", "b", "c", "d"]).list, [{ name: "gone" }], undefined, undefined));
      expect(past).toBe(error);
    } finally {
      LOOKUP_LIMITS.secrets = limit;
    }
  });

  it("the caller's signal ends the lookup with its reason, an aborted one before it starts; nothing is left listening", async () => {
    const error = refusal();
    let listing: AbortSignal | undefined;
    const hanging = (options: { signal?: AbortSignal }) => {
      listing = options.signal;
      return (async function* (): AsyncGenerator<VoximplantSecretInfo> {
        await new Promise((_resolve, reject) => options.signal?.addEventListener("abort", () => reject(options.signal?.reason)));
      })();
    };
    const caller = new AbortController();
    const pending = failure(confirmMissing(error, hanging, [{ name: "gone" }], undefined, caller.signal));
    await vi.waitFor(() => expect(listing).toBeDefined());
    const reason = new Error("caller gave up");
    caller.abort(reason);
    expect(await pending).toBe(error);
    expect(listing?.reason).toBe(reason);
    expect(getEventListeners(caller.signal, "abort")).toEqual([]);

    const { list, listings } = lister([]);
    const early = AbortSignal.abort(reason);
    expect(await failure(confirmMissing(error, list, [{ name: "gone" }], undefined, early))).toBe(error);
    expect(listings[0]?.signal?.reason).toBe(reason);
    expect(getEventListeners(early, "abort")).toEqual([]);
  });
});
