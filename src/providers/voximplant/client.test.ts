import { describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  ValidationError,
  TimeoutError,
} from "../../core/errors.js";
import { json, networkError, observedFetch, testRsaKey, text } from "../../testing/observed-fetch.js";
import { createVoximplantClient } from "./client.js";
import { voximplantCredentials, voximplantOn } from "../../testing/clients.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";

const credentials = voximplantCredentials();

const voximplant = voximplantOn;

const secret = {
  secret_id: 10,
  secret_name: "apiKey",
  secret_value: "v@lue+&=%",
  description: "d",
  created: "2024-05-10 14:22:35",
  modified: "2024-06-01 08:15:42",
};

describe("requests", () => {
  it("sends parameters as a urlencoded body, never in the URL", async () => {
    const { client, fetch, form } = voximplant([json({ result: { secret_id: 11 } })]);
    expect(await client.addSecret({ name: "apiKey", value: "p&ss=wörd+1 ?#", description: "for tests" })).toEqual({ id: 11 });
    const request = fetch.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://vox.test/platform_api/AddSecret");
    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(form()).toEqual({ application_id: "7", secret_name: "apiKey", secret_value: "p&ss=wörd+1 ?#", description: "for tests" });
    expect(fetch.bodies[0]).toContain("secret_value=p%26ss%3Dw%C3%B6rd%2B1+%3F%23");
    expect(request.headers.get("authorization")).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("chooses the application by name per call, and joins names to delete with ';'", async () => {
    const { client, form } = voximplant([json({ result: 1 })]);
    await client.deleteSecrets({ names: ["a", "b_2"], application: { name: "my-app" } });
    expect(form()).toEqual({ application_name: "my-app", secret_name: "a;b_2" });
    await client.deleteSecrets({ ids: [1, 2] });
    expect(form(1)).toEqual({ application_id: "7", secret_id: "1;2" });
    await client.deleteSecrets({ all: true });
    expect(form(2)).toEqual({ application_id: "7", secret_id: "all" });
  });

  it("maps GetSecretValue in both result shapes, with UTC dates", async () => {
    for (const result of [secret, [{ ...secret, secret_id: "10" }]]) {
      const { client } = voximplant([json({ result })]);
      expect(await client.getSecret({ name: "apiKey" })).toEqual({
        key: "apiKey",
        id: 10,
        name: "apiKey",
        value: "v@lue+&=%",
        description: "d",
        createdAt: new Date("2024-05-10T14:22:35Z"),
        updatedAt: new Date("2024-06-01T08:15:42Z"),
      });
    }
  });

  it("pages GetSecrets with count/offset until total_count", async () => {
    const page = (ids: number[], total: number) =>
      json({ result: ids.map((id) => ({ secret_id: id, secret_name: `s${id}` })), count: ids.length, total_count: total });
    const { client, form } = voximplant([page([1, 2], 5), page([3, 4], 5), page([5], 5)]);
    const names: string[] = [];
    for await (const each of client.listSecrets({ pageSize: 2, namePart: "s" })) names.push(each.name);
    expect(names).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    expect([form(0), form(1), form(2)].map((body) => `${body.offset}/${body.count}/${body.secret_name_part}`)).toEqual([
      "0/2/s",
      "2/2/s",
      "4/2/s",
    ]);
  });

  it("updates with only the fields given; setSecret adds when the update finds nothing", async () => {
    const { client, form, fetch } = voximplant([
      json({ error: { code: 341, msg: "Secret not found" } }),
      json({ result: { secret_id: 3 } }),
    ]);
    await client.setSecret("fresh", "value-1");
    expect(fetch.requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/platform_api/SetSecretInfo",
      "/platform_api/AddSecret",
    ]);
    expect(form(0)).toEqual({ application_id: "7", secret_name: "fresh", secret_value: "value-1" });
  });

  it("upsertSecret says what it did and carries the description to both calls", async () => {
    const { client, form } = voximplant([
      json({ error: { code: 341, msg: "Secret not found" } }),
      json({ result: { secret_id: 4 } }),
      json({ result: 1 }),
    ]);
    expect(await client.upsertSecret({ name: "fresh", value: "v", description: "d" })).toEqual({ action: "added", id: 4 });
    expect(form(1)).toEqual({ application_id: "7", secret_name: "fresh", secret_value: "v", description: "d" });
    expect(await client.upsertSecret({ name: "fresh", value: "v2" })).toEqual({ action: "updated" });
  });
});

describe("errors in 2xx bodies", () => {
  it.each([
    [100, "Authorization failed", AuthenticationError, "ERR_AUTHENTICATION"],
    [104, "Forbidden command", PermissionDeniedError, "ERR_PERMISSION_DENIED"],
    [340, "Too many requests", RateLimitedError, "ERR_RATE_LIMITED"],
    [485, "Invalid secret_name", ValidationError, "ERR_VALIDATION"],
    [116, "Application not found", NotFoundError, "ERR_NOT_FOUND"],
    [341, "Secret not found", NotFoundError, "ERR_NOT_FOUND"],
    [493, "Secret already exists", ConflictError, "ERR_CONFLICT"],
    [999, "Something new", ProviderApiError, "ERR_PROVIDER_API"],
  ])("code %i → %s", async (code, msg, kind, errorCode) => {
    const { client } = voximplant([json({ error: { code, msg } })]);
    const error = await client.getSecret({ id: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ code: errorCode, provider: "voximplant", operation: "GetSecretValue", status: 200, providerCode: code });
    // The vendor's own words reach the caller.
    expect(error).toMatchObject({ serverMessage: msg });
  });

  it("re-signs once on 456 (token expired) and retries with the new token", async () => {
    const { client, fetch } = voximplant([json({ error: { code: 456, msg: "Token expired" } }), json({ result: secret })]);
    expect((await client.getSecret({ id: 10 })).value).toBe("v@lue+&=%");
    const [first, second] = fetch.requests.map((request) => request.headers.get("authorization"));
    expect(fetch.requests).toHaveLength(2);
    expect(first).not.toBe(second);
  });

  it("gives up after one re-sign when the token is still rejected", async () => {
    const { client, fetch } = voximplant([json({ error: { code: 455, msg: "Token issued in the future" } })], { maxRetries: 2 });
    await expect(client.addSecret({ name: "a", value: "b" })).rejects.toBeInstanceOf(AuthenticationError);
    expect(fetch.requests).toHaveLength(2);
  });

  it("never re-sends AddSecret after a gateway's 5xx (its outcome is unknown); retries the POST reads", async () => {
    const { client, fetch } = voximplant([new Response("", { status: 502 })], { maxRetries: 1 });
    await expect(client.addSecret({ name: "a", value: "b" })).rejects.toMatchObject({ code: "ERR_OUTCOME_UNKNOWN", status: 502 });
    expect(fetch.requests).toHaveLength(1);
    const reads = voximplant([new Response("", { status: 502 }), json({ result: secret })], { maxRetries: 1 });
    expect((await reads.client.getSecret({ id: 10 })).id).toBe(10);
    expect(reads.fetch.requests).toHaveLength(2);
  });

  it("a non-2xx answer is a transport failure, except 429; a lost AddSecret answer says the outcome is unknown", async () => {
    const { client } = voximplant([new Response("not here", { status: 404 })]);
    await expect(client.getSecret({ id: 1 })).rejects.toMatchObject({ code: "ERR_PROVIDER_API", status: 404 });
    const gateway = voximplant([new Response("<html>Bad Gateway</html>", { status: 502 })]);
    await expect(gateway.client.getSecret({ id: 1 })).rejects.toMatchObject({ code: "ERR_PROVIDER_API", status: 502 });
    const lost = voximplant([networkError("ECONNRESET")]);
    await expect(lost.client.addSecret({ name: "a", value: "b" })).rejects.toMatchObject({ code: "ERR_OUTCOME_UNKNOWN" });
    expect(lost.fetch.requests).toHaveLength(1);
    const limited = voximplant([new Response("", { status: 429 })]);
    await expect(limited.client.getSecret({ id: 1 })).rejects.toMatchObject({ code: "ERR_RATE_LIMITED", status: 429 });
  });

  it("a documented code wins over the message's wording", async () => {
    const { client } = voximplant([json({ error: { code: 100, msg: "Account not found" } })]);
    await expect(client.getSecret({ id: 1 })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("redacts the call's value if the vendor echoes it in a message", async () => {
    const { client } = voximplant([json({ error: { code: 485, msg: "Invalid secret_value 'hunter2-very-secret'" } })]);
    const error = await client.addSecret({ name: "a", value: "hunter2-very-secret" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "ERR_VALIDATION", serverMessage: "Invalid secret_value '[REDACTED]'" });
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain("hunter2-very-secret");
  });
});

describe("validation before the network", () => {
  it.each([
    ["name starting with a digit", (c: ReturnType<typeof voximplant>["client"]) => c.addSecret({ name: "1abc", value: "v" }), "name"],
    [
      "name of 65 characters",
      (c: ReturnType<typeof voximplant>["client"]) => c.addSecret({ name: `a${"b".repeat(64)}`, value: "v" }),
      "name",
    ],
    [
      "value over 8192 characters",
      (c: ReturnType<typeof voximplant>["client"]) => c.addSecret({ name: "a", value: "x".repeat(8193) }),
      "value",
    ],
    ["value with a lone surrogate", (c: ReturnType<typeof voximplant>["client"]) => c.addSecret({ name: "a", value: "a\uD800b" }), "value"],
    [
      "description over 200 characters",
      (c: ReturnType<typeof voximplant>["client"]) => c.addSecret({ name: "a", value: "v", description: "d".repeat(201) }),
      "description",
    ],
    ["both id and name", (c: ReturnType<typeof voximplant>["client"]) => c.getSecret({ id: 1, name: "a" } as never), "id/name"],
    ["neither id nor name", (c: ReturnType<typeof voximplant>["client"]) => c.getSecret({} as never), "id/name"],
    ["a negative id", (c: ReturnType<typeof voximplant>["client"]) => c.getSecret({ id: -1 }), "id"],
    ["an empty list to delete", (c: ReturnType<typeof voximplant>["client"]) => c.deleteSecrets({ names: [] }), "names"],
    ["a name with ';' to delete", (c: ReturnType<typeof voximplant>["client"]) => c.deleteSecrets({ names: ["a;b"] }), "names[0]"],
    [
      "page size 0",
      (c: ReturnType<typeof voximplant>["client"]) => c.listSecrets({ pageSize: 0 })[Symbol.asyncIterator]().next(),
      "pageSize",
    ],
  ] as Array<[string, (client: ReturnType<typeof voximplant>["client"]) => Promise<unknown>, string]>)(
    "rejects %s, naming the field, sending nothing",
    async (_label, call, field) => {
      const { client, fetch } = voximplant([json({ result: 1 })]);
      const error = await Promise.resolve()
        .then(() => call(client))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
      expect(fetch.requests).toHaveLength(0);
    },
  );

  it("needs credentials and an application, naming the option and the variable", () => {
    expect(() => createVoximplantClient({ env: {} })).toThrow(ConfigurationError);
    expect(() => createVoximplantClient({ credentials, env: { VOXIMPLANT_APPLICATION_ID: "x" } })).toThrow(ConfigurationError);
    expect(() => createVoximplantClient({ credentials, env: {}, timeoutMs: 0 })).toThrow(ConfigurationError);
    expect(() => createVoximplantClient({ credentials, env: {}, baseUrl: "ftp://x" })).toThrow(ConfigurationError);
  });

  it("takes the address from VOXIMPLANT_BASE_URL when no baseUrl option is given", async () => {
    const fetch = observedFetch(json({ result: 1 }));
    await createVoximplantClient({
      credentials,
      application: { id: 7 },
      fetch,
      env: { VOXIMPLANT_BASE_URL: "http://127.0.0.1:4010/" },
    }).deleteSecrets({ ids: [1] });
    expect(fetch.requests[0]!.url).toBe("http://127.0.0.1:4010/DelSecret");
  });

  it("reads the credentials file only when the first call needs it", async () => {
    const fetch = observedFetch(json({ result: 1 }));
    const client = createVoximplantClient({ credentialsFile: "/nonexistent/credentials.json", application: { id: 7 }, fetch, env: {} });
    await expect(client.deleteSecrets({ ids: [1] })).rejects.toThrow(
      /credentials \(\/nonexistent\/credentials\.json\): cannot read the file \(ENOENT\)/,
    );
    expect(fetch.requests).toHaveLength(0);
  });
});

describe("one request, one body read, credentials for the configured origin only", () => {
  it("a facade call parses the answer once (the verdict and the result share the parse)", async () => {
    const { client } = voximplant([json({ result: secret })]);
    // The first call signs the JWT (jose parses its header): counted from the second on.
    await client.getSecret({ name: "apiKey" });
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect((await client.getSecret({ name: "apiKey" })).value).toBe(secret.secret_value);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it("client.api is the raw typed client: it works, and sends no JWT to another origin", async () => {
    const { client, fetch } = voximplant([
      json({ result: [], total_count: 0 }),
      json({ error: { code: 100, msg: "Authorization failed" } }),
    ]);
    const { data, response } = await client.api.POST("/GetSecrets", { body: { application_id: 7 } });
    expect([response.status, data]).toEqual([200, { result: [], total_count: 0 }]);
    expect(fetch.requests[0]!.headers.get("authorization")).toMatch(/^Bearer /);
    expect(fetch.requests[0]!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(fetch.bodies[0]).toBe("application_id=7");
    await client.api.POST("/GetSecrets", { baseUrl: "https://elsewhere.test/platform_api", body: { application_id: 7 } });
    expect(fetch.requests[1]!.url).toBe("https://elsewhere.test/platform_api/GetSecrets");
    expect(fetch.requests[1]!.headers.get("authorization")).toBeNull();
  });

  it("refuses a base URL with a query: it would ride along on every call (a read becoming DelSecret)", () => {
    expect(() => voximplant([], { baseUrl: "https://vox.test/platform_api/DelSecret?secret_id=all&" })).toThrow(ConfigurationError);
    expect(() =>
      createVoximplantClient({ credentials, env: { VOXIMPLANT_BASE_URL: "https://vox.test/platform_api?cmd=DelSecret" } }),
    ).toThrow(ConfigurationError);
  });

  it("a 200 whose JSON does not parse is said to be that", async () => {
    const broken = new Response("{not json", { headers: { "content-type": "application/json" } });
    const { client } = voximplant([broken]);
    const error = await client.getSecret({ name: "apiKey" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({ provider: "voximplant", operation: "GetSecretValue", status: 200 });
  });
});

describe("a slow Voximplant body", () => {
  it("ends in TimeoutError for a read, and in OutcomeUnknownError (cause TimeoutError) for a write", async () => {
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"result":');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createVoximplantClient({
        baseUrl: `http://127.0.0.1:${port}/platform_api`,
        credentials: { accountId: 1, keyId: "k", privateKey: testRsaKey().privateKeyPem },
        application: { id: 1 },
        timeoutMs: 300,
        maxRetries: 0,
        env: {},
      });
      const read = await client.getSecret({ id: 10 }).catch((caught: unknown) => caught);
      expect(read).toBeInstanceOf(TimeoutError);
      expect(read).toMatchObject({ operation: "GetSecretValue", status: undefined });
      const write = await client.addSecret({ name: "a", value: "b" }).catch((caught: unknown) => caught);
      expect(write).toMatchObject({ code: "ERR_OUTCOME_UNKNOWN" });
      expect((write as Error).cause).toBeInstanceOf(TimeoutError);
    } finally {
      server.closeAllConnections();
      server.close();
    }
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
    expect(client.provider).toBe("voximplant");
    expect(inspect(client, { showHidden: true })).toBe(
      'VoximplantClient { provider: "voximplant", baseUrl: "https://vox.test/platform_api", transport: "fetch" }',
    );
    expect(JSON.stringify(client)).not.toContain("PRIVATE");
  });
});
