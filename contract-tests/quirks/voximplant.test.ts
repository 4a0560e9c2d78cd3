// Voximplant quirks on the mock: failures arrive in HTTP 200 bodies (auth, validation, rate limit),
// rejected tokens are re-signed once, rate limits are retried even for writes, parameters travel in a form body.
import { describe, expect, it } from "vitest";
import type { SecretsError } from "../../src/core/errors.js";
import { voximplantClient } from "../support/clients.js";
import { mockUrl } from "../support/context.js";
import { checkedFetches } from "../support/strict-fetch.js";

const strict = checkedFetches("voximplant");
const client = (prefer?: string, maxRetries = 0) => {
  const fetch = strict({ prefer });
  return { fetch, voximplant: voximplantClient({ baseUrl: mockUrl("voximplant"), fetch, maxRetries }) };
};
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as SecretsError,
  );
const jwtClaims = (headers: Headers) =>
  JSON.parse(Buffer.from(headers.get("authorization")!.split(".")[1]!, "base64url").toString()) as {
    iat: number;
    exp: number;
    iss: number;
  };

describe("errors come in a 2xx body", () => {
  it.each([
    ["authorization failed", "Prefer: example=authFailed", "getSecretValue", "AuthenticationError", "ERR_AUTHENTICATION", 100],
    ["missing role", "Prefer: example=forbidden", "getSecretValue", "PermissionDeniedError", "ERR_PERMISSION_DENIED", 104],
    ["invalid parameter", "Prefer: example=invalidParameter", "addSecret", "ValidationError", "ERR_VALIDATION", 485],
    ["rate limit", "Prefer: example=rateLimited", "listSecrets", "RateLimitedError", "ERR_RATE_LIMITED", 340],
  ] as const)("%s (%s) → %s", async (_what, header, call, errorClass, code, providerCode) => {
    const { fetch, voximplant } = client(header.slice("Prefer: ".length));
    const run = {
      getSecretValue: () => voximplant.getSecretValue("apiKeyProd"),
      addSecret: () => voximplant.addSecret({ name: "apiKeyProd", value: "v" }),
      listSecrets: () => voximplant.listSecrets()[Symbol.asyncIterator]().next(),
    }[call];
    const error = await caught(run());
    expect(fetch.exchanges.map((exchange) => exchange.status)).toEqual([200]);
    const body = JSON.parse(fetch.exchanges[0]!.responseBody) as { error: { code: number; msg: string } };
    expect(body).toEqual({ error: { code: providerCode, msg: expect.any(String) } });
    // The vendor's text travels as serverMessage; the wording around it is the facade's, not this test's to pin.
    expect(error).toMatchObject({
      name: errorClass,
      code,
      status: 200,
      providerCode,
      provider: "voximplant",
      serverMessage: body.error.msg,
    });
  });
});

describe("rejected tokens", () => {
  it.each(["tokenExpired", "clockSkew"])("%s: the token is re-signed, back-dated, and the call sent once more", async (example) => {
    const { fetch, voximplant } = client(`example=${example}`);
    const before = Math.floor(Date.now() / 1000);
    const error = await caught(voximplant.getSecret({ id: 10 }));
    expect(error).toMatchObject({ code: "ERR_AUTHENTICATION" });
    expect(fetch.exchanges).toHaveLength(2);
    const [first, second] = fetch.exchanges.map((exchange) => jwtClaims(exchange.requestHeaders));
    expect(second).not.toEqual(first);
    expect(first!.iat).toBeGreaterThan(before - 30);
    expect(second!.iat).toBeLessThanOrEqual(before - 55);
  });

  it("other auth failures are not retried", async () => {
    const { fetch, voximplant } = client("example=authFailed", 2);
    await caught(voximplant.getSecret({ id: 10 }));
    expect(fetch.exchanges).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("a read is retried after code 340, then the error is thrown", async () => {
    const { fetch, voximplant } = client("example=rateLimited", 1);
    expect(await caught(voximplant.getSecretValue("apiKeyProd"))).toMatchObject({ code: "ERR_RATE_LIMITED" });
    expect(fetch.operations()).toEqual(["get-secret-value", "get-secret-value"]);
  });

  it("AddSecret is retried after code 340 too: a rate-limited request was not processed", async () => {
    const { fetch, voximplant } = client("example=rateLimited", 1);
    expect(await caught(voximplant.addSecret({ name: "apiKeyProd", value: "v" }))).toMatchObject({ code: "ERR_RATE_LIMITED" });
    expect(fetch.operations()).toEqual(["add-secret", "add-secret"]);
  });

  it("AddSecret is not retried after another error", async () => {
    const { fetch, voximplant } = client("example=nameTaken", 2);
    expect(await caught(voximplant.addSecret({ name: "apiKeyProd", value: "v" }))).toMatchObject({ code: "ERR_CONFLICT" });
    expect(fetch.exchanges).toHaveLength(1);
  });
});

describe("the wire", () => {
  it("parameters travel as a urlencoded body, never in the URL", async () => {
    const { fetch, voximplant } = client();
    await voximplant.addSecret({ name: "apiKeyProd", value: "s3cr3t value&=", description: "d" });
    const [exchange] = fetch.exchanges;
    expect(new URL(exchange!.url).search).toBe("");
    expect(exchange!.requestHeaders.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(exchange!.requestBody))).toEqual({
      application_id: "1",
      secret_name: "apiKeyProd",
      secret_value: "s3cr3t value&=",
      description: "d",
    });
  });

  it("DelSecret joins names with ';'", async () => {
    const { fetch, voximplant } = client();
    await voximplant.deleteSecrets({ names: ["a", "b_2"] });
    expect(new URLSearchParams(fetch.exchanges[0]!.requestBody).get("secret_name")).toBe("a;b_2");
  });

  it("the token is an RS256 JWT whose iss is the numeric account id", async () => {
    const { fetch, voximplant } = client();
    await voximplant.getSecretValue("apiKeyProd");
    const claims = jwtClaims(fetch.exchanges[0]!.requestHeaders);
    expect(claims.iss).toBe(1);
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(3600);
  });
});
