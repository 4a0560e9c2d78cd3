// operations.ts and store-methods.ts: the requests each method sends, its fields checked, the value cut out of errors.
import { decodeJwt } from "jose";
import { describe, expect, it, vi } from "vitest";
import { AbortedError, AuthenticationError, ConfigurationError, ValidationError } from "../../core/errors.js";
import { hang, json } from "../../testing/observed-fetch.js";
import { failure, voximplantOn } from "../../testing/clients.js";

const voximplant = voximplantOn;

describe("requests", () => {
  it("lists 100 per page by default, filtered by namePart when given", async () => {
    const { client, form } = voximplant([json({ result: [], total_count: 0 })]);
    for await (const _ of client.listSecrets()) throw new Error("no secret expected");
    expect(form(0)).toEqual({ application_id: "7", count: "100", offset: "0" });
    for await (const _ of client.listSecrets({ namePart: "api", pageSize: 3 })) throw new Error("no secret expected");
    expect(form(1)).toEqual({ application_id: "7", secret_name_part: "api", count: "3", offset: "0" });
    expect(() => client.listSecrets({ namePart: "\uD800" })).toThrow(
      expect.objectContaining({ field: "namePart", operation: "GetSecrets" }),
    );
  });

  it("updateSecret sends only what changes, each field checked, the value cut out of errors", async () => {
    const { client, form } = voximplant([json({ result: 1 })]);
    await client.updateSecret({ name: "apiKey", newName: "apiKey2" });
    expect(form(0)).toEqual({ application_id: "7", secret_name: "apiKey", new_secret_name: "apiKey2" });
    await client.updateSecret({ id: 4, description: "d" });
    expect(form(1)).toEqual({ application_id: "7", secret_id: "4", description: "d" });
    expect(await failure(client.updateSecret({ name: "apiKey", newName: "2bad" }))).toMatchObject({ field: "newName" });
    expect(await failure(client.updateSecret({ name: "apiKey", value: "x".repeat(8193) }))).toMatchObject({ field: "value" });
    const echoed = voximplant([json({ error: { code: 101, msg: "value s3cr3t-v4lue-9 refused" } })]);
    const error = await failure(echoed.client.updateSecret({ id: 4, value: "s3cr3t-v4lue-9" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ serverMessage: "value [REDACTED] refused" });
    expect(String(error)).not.toContain("s3cr3t-v4lue-9");
  });

  it("deleteSecret deletes one secret by name; upsertSecret passes on any error but 'not found'", async () => {
    const { client, form } = voximplant([json({ result: 1 })]);
    await client.deleteSecret("old_key");
    expect(form(0)).toEqual({ application_id: "7", secret_name: "old_key" });
    const denied = voximplant([json({ error: { code: 100, msg: "bad token" } })]);
    expect(await failure(denied.client.upsertSecret({ name: "a", value: "v" }))).toBeInstanceOf(AuthenticationError);
    expect(denied.fetch.requests.map((request) => new URL(request.url).pathname)).toEqual(["/platform_api/SetSecretInfo"]);
  });

  it("signs tokens of the configured lifetime", async () => {
    const { client, fetch } = voximplant([json({ result: 1 })], { jwtLifetimeSeconds: 300 });
    await client.deleteSecret("a");
    const claims = decodeJwt(fetch.requests[0]!.headers.get("authorization")!.slice("Bearer ".length));
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(() => voximplant([], { jwtLifetimeSeconds: 3600 })).toThrow(ConfigurationError);
  });

  it("every method passes the caller's signal on: aborting it ends the call in flight", async () => {
    const calls = {
      addSecret: (client, signal) => client.addSecret({ name: "a", value: "v" }, { signal }),
      getSecret: (client, signal) => client.getSecret({ name: "a" }, { signal }),
      updateSecret: (client, signal) => client.updateSecret({ name: "a", description: "d" }, { signal }),
      deleteSecrets: (client, signal) => client.deleteSecrets({ names: ["a"] }, { signal }),
      listSecrets: (client, signal) => client.listSecrets({ signal })[Symbol.asyncIterator]().next(),
    } satisfies Record<string, (client: ReturnType<typeof voximplant>["client"], signal: AbortSignal) => Promise<unknown>>;
    for (const [method, call] of Object.entries(calls)) {
      const { client, fetch } = voximplant([hang]);
      const caller = new AbortController();
      const pending = failure(call(client, caller.signal));
      await vi.waitFor(() => expect(fetch.requests).toHaveLength(1));
      caller.abort(new Error("caller gave up"));
      expect(await pending, method).toBeInstanceOf(AbortedError);
    }
  });

  it("a value may be empty; a name may not", async () => {
    const { client, form } = voximplant([json({ result: { secret_id: 3 } })]);
    expect(await client.addSecret({ name: "blank", value: "" })).toEqual({ id: 3 });
    expect(form(0)).toEqual({ application_id: "7", secret_name: "blank", secret_value: "" });
    expect(await failure(client.addSecret({ name: "", value: "v" }))).toMatchObject({ code: "ERR_VALIDATION", field: "name" });
  });
});
