// The Voximplant client's answers and requests in detail: what each odd answer becomes, every field of a secret,
// the application's sources, the operations behind client.api, and what the client shows of itself.
import { inspect } from "node:util";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { AuthenticationError, ConfigurationError, ProviderApiError, RateLimitedError, ValidationError } from "../../core/errors.js";
import { json, observedFetch, text } from "../../testing/observed-fetch.js";
import { createVoximplantClient, type VoximplantClientOptions } from "./client.js";
import { failure, voximplantCredentials, voximplantOn } from "../../testing/clients.js";

const credentials = voximplantCredentials();

const voximplant = voximplantOn;

describe("odd answers", () => {
  it("an HTTP status other than 2xx: 429 is a rate limit, 5xx a gateway error, anything else a wrong address", async () => {
    const limited = await failure(
      voximplant([new Response("", { status: 429, headers: { "retry-after": "2" } })]).client.getSecretValue("a"),
    );
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ message: "voximplant GetSecretValue: rate limited (HTTP 429)", retryAfterMs: 2_000 });
    expect(await failure(voximplant([text("nope", 404)]).client.getSecretValue("a"))).toMatchObject({
      message: "voximplant GetSecretValue: unexpected HTTP status (a wrong base URL?) (HTTP 404)",
    });
    expect(await failure(voximplant([text("moved", 301)]).client.deleteSecret("a"))).toMatchObject({
      message: "voximplant DelSecret: unexpected HTTP status (a wrong base URL?) (HTTP 301)",
    });
    expect(await failure(voximplant([text("down", 500)]).client.getSecretValue("a"))).toMatchObject({
      message: "voximplant GetSecretValue: gateway error (HTTP 500)",
    });
  });

  it("a 200 that is not a JSON object, or lacks the field asked for, says so", async () => {
    const notAnObject = { code: ProviderApiError.code, operation: "GetSecretValue", status: 200 };
    expect(await failure(voximplant([text("ok", 200)]).client.getSecretValue("a"))).toMatchObject(notAnObject);
    expect(await failure(voximplant([new Response(null, { status: 200 })]).client.updateSecret({ name: "a", value: "v" }))).toMatchObject({
      code: ProviderApiError.code,
      status: 200,
    });
    for (const body of [{}, { result: {} }, { result: { secret_value: 5 } }, { result: [] }])
      expect(await failure(voximplant([json(body)]).client.getSecretValue("a")), JSON.stringify(body)).toMatchObject(notAnObject);
    for (const body of [{ result: {} }, { result: { secret_id: "x" } }, { result: { secret_id: 1.5 } }]) {
      // (A longer value: the error of a call is cleaned of the call's value wherever it occurs, even a lone "v".)
      const error = await failure(voximplant([json(body)]).client.addSecret({ name: "a", value: "value-1" }));
      expect(error, JSON.stringify(body)).toBeInstanceOf(ProviderApiError);
      expect(error).toMatchObject({ operation: "AddSecret", status: 200 });
    }
    expect(await voximplant([json({ result: [{ secret_id: "12" }] })]).client.addSecret({ name: "a", value: "v" })).toEqual({ id: 12 });
  });

  it("a secret's missing name, empty description and string id read as empty, absent and a number", async () => {
    const { client } = voximplant([json({ result: { secret_id: "5", secret_value: "v", description: "" } })]);
    expect(await client.getSecret({ id: 5 })).toEqual({
      key: "",
      id: 5,
      name: "",
      description: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      value: "v",
    });
  });

  it("GetSecrets without a result is an empty page", async () => {
    const { client } = voximplant([json({ total_count: 0 })]);
    const names: string[] = [];
    for await (const secret of client.listSecrets()) names.push(secret.name);
    expect(names).toEqual([]);
  });
});

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
    expect(() => voximplant([], { jwtLifetimeSeconds: 3600 })).toThrow("option jwtLifetimeSeconds must be an integer from 121 to 3540");
  });
});

describe("the application", () => {
  it("from the call, else the option, else VOXIMPLANT_APPLICATION_ID, else VOXIMPLANT_APPLICATION_NAME", async () => {
    const fetch = observedFetch(json({ result: 1 }));
    const make = (options: Partial<VoximplantClientOptions>) =>
      createVoximplantClient({ baseUrl: "https://vox.test/platform_api", credentials, fetch, env: {}, ...options });
    await make({ env: { VOXIMPLANT_APPLICATION_ID: "12", VOXIMPLANT_APPLICATION_NAME: "by-name" } }).deleteSecret("a");
    await make({ env: { VOXIMPLANT_APPLICATION_NAME: "by-name" } }).deleteSecret("a");
    await make({ application: { name: "option" }, env: { VOXIMPLANT_APPLICATION_ID: "12" } }).deleteSecret("a");
    await make({ application: { name: "option" } }).deleteSecrets({ names: ["a"], application: { id: 3 } });
    const forms = fetch.bodies.map((body) => Object.fromEntries(new URLSearchParams(body)));
    expect(forms.map(({ application_id, application_name }) => application_id ?? application_name)).toEqual([
      "12",
      "by-name",
      "option",
      "3",
    ]);
  });

  it("none anywhere is a configuration error naming every source; a malformed one names its field", async () => {
    const { client, fetch } = voximplant([json({ result: 1 })], { application: undefined as never });
    const missing = await failure(client.getSecretValue("a"));
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing).toMatchObject({
      operation: "GetSecretValue",
      message:
        "voximplant GetSecretValue: no application: pass option application, the call's application, " +
        "or set VOXIMPLANT_APPLICATION_ID or VOXIMPLANT_APPLICATION_NAME",
    });
    expect(await failure(client.getSecret({ name: "a", application: { id: 0 } }))).toMatchObject({ field: "application.id" });
    expect(await failure(client.getSecret({ name: "a", application: { name: 5 as never } }))).toMatchObject({ field: "application.name" });
    expect(fetch.requests).toHaveLength(0);
    expect(() => voximplant([], { application: undefined as never, env: { VOXIMPLANT_APPLICATION_ID: "0" } })).toThrow(
      new ConfigurationError("VOXIMPLANT_APPLICATION_ID must be a positive integer", { provider: "voximplant" }),
    );
  });
});

describe("client.api", () => {
  it("retries the reads (GetSecrets, GetSecretValue) and never a write", async () => {
    const { client, fetch } = voximplant([text("down", 503)], { maxRetries: 1 });
    for (const operation of ["GetSecrets", "GetSecretValue", "AddSecret", "SetSecretInfo", "DelSecret"] as const)
      await client.api.POST(`/${operation}`, { body: {} as never });
    expect(fetch.requests.map((request) => new URL(request.url).pathname.slice("/platform_api/".length))).toEqual([
      "GetSecrets",
      "GetSecrets",
      "GetSecretValue",
      "GetSecretValue",
      "AddSecret",
      "SetSecretInfo",
      "DelSecret",
    ]);
  });

  it("shows its provider and address, and no key", () => {
    const { client } = voximplant([]);
    expect(inspect(client, { showHidden: true })).toBe(
      'VoximplantClient { provider: "voximplant", baseUrl: "https://vox.test/platform_api", transport: "fetch" }',
    );
    expect(JSON.stringify(client)).not.toContain("PRIVATE");
  });
});
