// Issue: which code Voximplant returns for an unknown secret is unverified (341, or 496 "invalid parameter").
// Under either answer the client reports NotFoundError, confirmed by GetSecrets for anything but 341.
import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { json, networkError, type Reply } from "../../testing/observed-fetch.js";
import { voximplantOn } from "../../testing/clients.js";

const INVALID = { error: { code: 496, msg: "The 'secret_name' parameter is invalid." } };
const listed = (...names: [number, string][]) =>
  json({ result: names.map(([secret_id, secret_name]) => ({ secret_id, secret_name })), count: names.length, total_count: names.length });

const voximplant = (...replies: Reply[]) => voximplantOn(replies);

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
    expect((error as Error).message).toContain("no secret named apiKey");
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
