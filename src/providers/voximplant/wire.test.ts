// Voximplant's wire conventions, each rule on its own: error codes in 200 bodies (the codes from the official SDKs and
// the docs' error list, docs/vendor-behaviour.md), what is retried, timestamps, form bodies.
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  ValidationError,
} from "../../core/errors.js";
import { headerReader } from "../../testing/scripted-transport.js";
import { classifyVoximplant, errorFromWire, formBody, parseTimestamp, single, wireError } from "./wire.js";
import { json, text } from "../../testing/observed-fetch.js";
import { failure, voximplantOn } from "../../testing/clients.js";

const details = { provider: "voximplant", operation: "AddSecret" };

const voximplant = voximplantOn;

describe("errorFromWire", () => {
  it.each([
    [[100, 433, 447, 454, 455, 456], AuthenticationError],
    [[104], PermissionDeniedError],
    [[340], RateLimitedError],
    [[107, 116, 558, 341], NotFoundError],
    [[493], ConflictError],
    [[101, 134, 458, 485, 496, 499], ValidationError],
    [[0, 102, 162, 342, 515, 999], ProviderApiError],
  ])("codes %j are %o", (codes, kind) => {
    for (const code of codes) {
      const error = errorFromWire({ code, msg: "the vendor's words" }, details);
      expect(error.constructor, String(code)).toBe(kind);
      expect(error).toMatchObject({
        provider: "voximplant",
        operation: "AddSecret",
        providerCode: code,
        serverMessage: "the vendor's words",
      });
    }
  });

  it("a message saying the name is taken is a conflict whatever the code; an empty message is no server message", () => {
    for (const msg of ["Secret already exists", "The name is taken", "DUPLICATE secret_name"])
      expect(errorFromWire({ code: 499, msg }, details), msg).toBeInstanceOf(ConflictError);
    expect(errorFromWire({ code: 999, msg: "" }, details)).toMatchObject({ providerCode: 999, serverMessage: undefined });
  });
});

describe("wireError", () => {
  it("reads {error} or the Go SDK's {errors: [...]}, coercing the code and defaulting the message", () => {
    expect(wireError({ error: { code: 341, msg: "no" } })).toEqual({ code: 341, msg: "no" });
    expect(wireError({ error: { code: "341", msg: 5 } })).toEqual({ code: 341, msg: "" });
    expect(
      wireError({
        errors: [
          { code: 101, msg: "first" },
          { code: 102, msg: "second" },
        ],
      }),
    ).toEqual({ code: 101, msg: "first" });
    expect(wireError({ error: { msg: "no code" } })).toEqual({ code: Number.NaN, msg: "no code" });
  });

  it("finds nothing in a success or a body that is not an object", () => {
    for (const body of [undefined, null, "text", 42, { result: 1 }, { error: "text" }, { error: null }, { errors: [] }, { errors: ["x"] }])
      expect(wireError(body), JSON.stringify(body)).toBeUndefined();
  });
});

describe("classifyVoximplant", () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    body,
    headers: headerReader(headers),
  });
  it.each([
    [200, { result: 1 }, "ok", undefined],
    [200, { error: { code: 455, msg: "future" } }, "refresh-auth", AuthenticationError],
    [200, { error: { code: 456, msg: "expired" } }, "refresh-auth", AuthenticationError],
    [200, { error: { code: 340, msg: "slow down" } }, "rate-limited", RateLimitedError],
    [200, { error: { code: 162, msg: "try later" } }, "try-later", ProviderApiError],
    [299, { error: { code: 515, msg: "try later" } }, "try-later", ProviderApiError],
    [200, { error: { code: 100, msg: "bad token" } }, "final", AuthenticationError],
    [429, undefined, "rate-limited", RateLimitedError],
    [503, undefined, "try-later", ProviderApiError],
    [408, undefined, "try-later", ProviderApiError],
    [199, { error: { code: 340, msg: "slow down" } }, "final", ProviderApiError],
    [300, { error: { code: 340, msg: "slow down" } }, "final", ProviderApiError],
    [404, undefined, "final", ProviderApiError],
  ])("%i %j → %s", (status, body, retry, kind) => {
    const classification = classifyVoximplant(answer(status, body), details);
    if (retry === "ok") return void expect(classification).toEqual({ kind: "ok" });
    expect(classification).toMatchObject({ kind: "error", retry, error: { status, provider: "voximplant", operation: "AddSecret" } });
    expect(classification.kind === "error" && classification.error).toBeInstanceOf(kind);
  });

  it("a 429 keeps its Retry-After; an error body's code is the error's providerCode", () => {
    expect(classifyVoximplant(answer(429, undefined, { "retry-after": "2" }), details)).toMatchObject({ error: { retryAfterMs: 2000 } });
    expect(classifyVoximplant(answer(200, { error: { code: 341, msg: "no" } }), details)).toMatchObject({
      error: { code: NotFoundError.code, providerCode: 341 },
    });
  });
});

describe("shapes", () => {
  it("single takes the object the docs show or the array of one the Node SDK types", () => {
    expect(single({ secret_id: 1 })).toEqual({ secret_id: 1 });
    expect(single([{ secret_id: 2 }, { secret_id: 3 }])).toEqual({ secret_id: 2 });
    expect(single(undefined)).toBeUndefined();
    expect(single([])).toBeUndefined();
  });

  it("parseTimestamp reads 'YYYY-MM-DD HH:MM:SS' as UTC, and nothing else", () => {
    expect(parseTimestamp("2026-11-29 10:20:30")).toEqual(new Date("2026-11-29T10:20:30Z"));
    expect(parseTimestamp(" 2026-11-29 10:20:30 ")).toEqual(new Date("2026-11-29T10:20:30Z"));
    for (const value of [undefined, "", "yesterday", "2026-13-40 99:00:00"]) expect(parseTimestamp(value), value).toBeUndefined();
  });

  it("formBody sends every defined field as text, and nothing for undefined or null", () => {
    expect(formBody({ a: 1, b: "x y", c: undefined, d: null, e: false, f: "" }).toString()).toBe("a=1&b=x+y&e=false&f=");
    expect(formBody(undefined).toString()).toBe("");
  });
});

describe("odd answers", () => {
  it("an HTTP status other than 2xx: 429 is a rate limit, 5xx a gateway error, anything else a wrong address", async () => {
    const limited = await failure(
      voximplant([new Response("", { status: 429, headers: { "retry-after": "2" } })]).client.getSecretValue("a"),
    );
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ code: "ERR_RATE_LIMITED", status: 429, retryAfterMs: 2_000 });
    expect(await failure(voximplant([text("nope", 404)]).client.getSecretValue("a"))).toMatchObject({
      code: "ERR_PROVIDER_API",
      operation: "GetSecretValue",
      status: 404,
    });
    expect(await failure(voximplant([text("moved", 301)]).client.deleteSecret("a"))).toMatchObject({
      code: "ERR_PROVIDER_API",
      operation: "DelSecret",
      status: 301,
    });
    expect(await failure(voximplant([text("down", 500)]).client.getSecretValue("a"))).toMatchObject({
      code: "ERR_PROVIDER_API",
      operation: "GetSecretValue",
      status: 500,
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

  it("GetSecrets answering no result list is an error, not an empty page (the not-found lookup relies on it)", async () => {
    for (const reply of [json({ total_count: 0 }), json({ result: {}, total_count: 1 }), new Response(null, { status: 200 })]) {
      const listing = voximplant([reply]).client.listSecrets()[Symbol.asyncIterator]().next();
      expect(await failure(listing)).toMatchObject({ code: ProviderApiError.code, operation: "GetSecrets", status: 200 });
    }
    const { client } = voximplant([json({ result: [], count: 0, total_count: 0 })]);
    const names: string[] = [];
    for await (const secret of client.listSecrets()) names.push(secret.name);
    expect(names).toEqual([]);
  });
});
