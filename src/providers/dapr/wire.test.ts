// Dapr's answers in detail: what each error says, which 500s are final, which key a value comes from.
// Expected behaviour from the runtime's code (docs/vendor-behaviour.md, "Dapr"), not from our spec's examples.
import { describe, expect, it } from "vitest";
import { NotFoundError, ProviderApiError, RateLimitedError, ValidationError } from "../../core/errors.js";
import { json, text } from "../../testing/observed-fetch.js";
import { daprOn, failure } from "../../testing/clients.js";
import { classifyDapr } from "./wire.js";

const dapr = daprOn;

describe("what an error says", () => {
  it("a 500 without a message says only what failed; a 429 says it was rate limited", async () => {
    const bare = await failure(dapr([json({ errorCode: "ERR_X" }, { status: 500 })]).client.getSecret("vault", "s"));
    expect(bare).toBeInstanceOf(ProviderApiError);
    expect(bare).toMatchObject({ status: 500, serverMessage: undefined, providerCode: "ERR_X" });
    const limited = await failure(dapr([text("too many requests", 429)]).client.getBulkSecret("vault"));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ operation: "getBulkSecret", status: 429 });
  });

  it("a 500 whose JSON body is null is a ProviderApiError like any 500 (not a crash reading its fields)", async () => {
    const { client, fetch } = dapr([json(null, { status: 500 })], { maxRetries: 1 });
    const error = await failure(client.getSecret("vault", "s"));
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({ serverMessage: undefined, status: 500 });
    // Nothing in it makes it final: retried.
    expect(fetch.requests).toHaveLength(2);
  });

  it.each([
    ["a JSON string", json("just text")],
    ["JSON null", json(null)],
    ["text/plain", text("hello", 200)],
  ])("a 200 whose body is %s is refused as not a JSON object", async (_label, reply) => {
    const error = await failure(dapr([reply]).client.getSecret("vault", "s"));
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({ operation: "getSecret", status: 200 });
  });

  it("a refused name or metadata entry names the field and the operation, and nothing is sent", async () => {
    const { client, fetch } = dapr([json({})]);
    await expect(client.getSecret("vault", "..")).rejects.toMatchObject({ provider: "dapr", operation: "getSecret", field: "name" });
    await expect(client.getSecret("..", "s")).rejects.toMatchObject({ provider: "dapr", operation: "getSecret", field: "store" });
    await expect(client.getBulkSecret("..")).rejects.toMatchObject({ provider: "dapr", operation: "getBulkSecret", field: "store" });
    const badKey = await failure(client.getSecret("vault", "s", { metadata: { "\uDC00": "v" } }));
    expect(badKey).toBeInstanceOf(ValidationError);
    expect(badKey).toMatchObject({ operation: "getSecret", field: "metadata key" });
    const badValue = await failure(client.getBulkSecret("vault", { metadata: { namespace: "\uD800" } }));
    expect(badValue).toBeInstanceOf(ValidationError);
    expect(badValue).toMatchObject({ operation: "getBulkSecret", field: "metadata.namespace" });
    expect(fetch.requests).toHaveLength(0);
  });
});

describe("which answers are final", () => {
  const final = (status: number, body: unknown) => json(body, { status });

  it.each([
    // The runtime's own "not found" (a file or env store) and "no store configured": a retry cannot change them.
    ["500 ERR_SECRET_GET … not found", 1, final(500, { errorCode: "ERR_SECRET_GET", message: "secret s not found" }), NotFoundError],
    [
      "500 ERR_SECRET_STORES_NOT_CONFIGURED",
      1,
      final(500, { errorCode: "ERR_SECRET_STORES_NOT_CONFIGURED", message: "x" }),
      ProviderApiError,
    ],
    // "not found" only counts with ERR_SECRET_GET, and only on a 500.
    ["500 another code saying not found", 2, final(500, { errorCode: "ERR_OTHER", message: "route not found" }), ProviderApiError],
    ["503 ERR_SECRET_GET … not found", 2, final(503, { errorCode: "ERR_SECRET_GET", message: "secret s not found" }), ProviderApiError],
    ["503 ERR_SECRET_STORES_NOT_CONFIGURED", 2, final(503, { errorCode: "ERR_SECRET_STORES_NOT_CONFIGURED" }), ProviderApiError],
    ["500 ERR_SECRET_GET without a message", 2, final(500, { errorCode: "ERR_SECRET_GET" }), ProviderApiError],
  ])("%s: %i request(s) with one retry allowed", async (_label, requests, reply, kind) => {
    const { client, fetch } = dapr([reply], { maxRetries: 1 });
    const error = await failure(client.getSecret("vault", "s"));
    expect(error).toBeInstanceOf(kind);
    expect(fetch.requests).toHaveLength(requests);
  });

  it("both secret routes are retried as reads after a 503", async () => {
    const { client, fetch } = dapr([text("unavailable", 503), json({ s: { k: "v" } })], { maxRetries: 1 });
    expect(await client.getBulkSecret("vault")).toEqual({ s: { k: "v" } });
    expect(fetch.requests).toHaveLength(2);
  });
});

describe("which key a value comes from", () => {
  it.each([
    // Several keys and no key asked for: the hint says how to choose.
    [{ a: "1", b: "2" }, undefined, "secret db has no key db (keys: a, b); choose one with a #KEY or --key"],
    // A key asked for: no hint, the key named.
    [{ a: "1", b: "2" }, "c", "secret db has no key c (keys: a, b)"],
    [{}, undefined, "secret db has no key db (keys: none)"],
    // The only key, but not a string (a store answering a number): not a value, and no hint (there is no choice).
    [{ a: 5 }, undefined, "secret db has no key a (keys: a)"],
    // Object.prototype is not a key.
    [{ a: "1" }, "constructor", "secret db has no key constructor (keys: a)"],
  ])("%j with key %s: %s", async (keys, key, _says) => {
    const error = await failure(dapr([json(keys)]).client.getSecretValue("db", key === undefined ? {} : { key }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ provider: "dapr", operation: "getSecret", status: undefined });
  });
});

describe("classifyDapr, one answer at a time", () => {
  const details = { provider: "dapr", operation: "getSecret", subject: "secret s in store vault" };
  const answer = (status: number, body: unknown = {}) => ({ status, headers: new Headers(), body });

  it.each([200, 204, 299])("%i is fine", (status) => {
    expect(classifyDapr(answer(status), details)).toEqual({ kind: "ok" });
  });

  it.each([
    [199, {}, "final"],
    [300, {}, "final"],
    [403, {}, "final"],
    [429, {}, "rate-limited"],
    [500, {}, "try-later"],
    [503, {}, "try-later"],
    [500, { errorCode: "ERR_SECRET_STORES_NOT_CONFIGURED" }, "final"],
    [500, { errorCode: "ERR_SECRET_GET", message: "secret s NOT FOUND" }, "final"],
  ] as const)("%i %j is an error, retried as %s", (status, body, retry) => {
    expect(classifyDapr(answer(status, body), details)).toMatchObject({ kind: "error", retry, error: { status, provider: "dapr" } });
  });

  it("reads errorCode and message only when they are strings; a body that is not an object has neither", () => {
    expect(classifyDapr(answer(404, { errorCode: "ERR_DIRECT_INVOKE", message: "no" }), details)).toMatchObject({
      error: { providerCode: "ERR_DIRECT_INVOKE", serverMessage: "no" },
    });
    for (const body of [{ errorCode: 7, message: ["no"] }, null, "text", 42])
      expect(classifyDapr(answer(404, body), details), JSON.stringify(body)).toMatchObject({
        error: { providerCode: undefined, serverMessage: undefined },
      });
    // A code that is not a string is no reason to stop retrying.
    expect(classifyDapr(answer(500, { errorCode: 7, message: "not found" }), details)).toMatchObject({ retry: "try-later" });
  });
});
