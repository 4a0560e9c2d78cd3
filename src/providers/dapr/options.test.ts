// createDaprClient's configuration: where the address comes from, the token's checks, the operations behind
// client.api, and what the client shows of itself.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../core/errors.js";
import { json, observedFetch, text } from "../../testing/observed-fetch.js";
import { createDaprClient } from "./client.js";

const origins = (fetch: ReturnType<typeof observedFetch>) => fetch.requests.map((request) => new URL(request.url).origin);

describe("the sidecar's address", () => {
  it("takes option baseUrl before DAPR_HTTP_ENDPOINT and DAPR_HTTP_PORT, and names the option when it is wrong", async () => {
    const fetch = observedFetch(json({ s: "v" }));
    const env = { DAPR_HTTP_ENDPOINT: "http://sidecar:3500", DAPR_HTTP_PORT: "3601" };
    await createDaprClient({ fetch, env, baseUrl: "http://dapr.internal:4000" }).getSecret("v", "s");
    expect(origins(fetch)).toEqual(["http://dapr.internal:4000"]);
    expect(() => createDaprClient({ env, baseUrl: "ftp://dapr.internal" })).toThrow("dapr: option baseUrl must be an http(s) URL");
  });

  it("accepts DAPR_HTTP_PORT from 1 to 65535 on loopback; refuses anything else, naming the variable", async () => {
    const fetch = observedFetch(json({ s: "v" }));
    await createDaprClient({ fetch, env: { DAPR_HTTP_PORT: "65535" } }).getSecret("v", "s");
    await createDaprClient({ fetch, env: { DAPR_HTTP_PORT: "1" } }).getSecret("v", "s");
    expect(origins(fetch)).toEqual(["http://127.0.0.1:65535", "http://127.0.0.1:1"]);
    for (const port of ["65536", "0", "abc", "80.5", "-1"])
      expect(() => createDaprClient({ env: { DAPR_HTTP_PORT: port } }), port).toThrow(
        new ConfigurationError("DAPR_HTTP_PORT must be a port number (1-65535)", { provider: "dapr" }),
      );
  });

  it("without option or variable, talks to the default sidecar address", async () => {
    const fetch = observedFetch(json({ s: "v" }));
    await createDaprClient({ fetch, env: {} }).getSecret("v", "s");
    expect(fetch.requests[0]!.url).toBe("http://127.0.0.1:3500/v1.0/secrets/v/s");
  });
});

describe("the API token", () => {
  it.each(["", "two\nlines", "tab\there"])("refuses %j before anything is sent, naming where it comes from", async (token) => {
    const fetch = observedFetch(json({ s: "v" }));
    const client = createDaprClient({ fetch, env: {}, store: "vault", apiToken: token });
    const error = await client.getSecret("vault", "s").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({
      message: "dapr: the Dapr API token (option apiToken or DAPR_API_TOKEN) must be a non-empty line of visible characters",
      provider: "dapr",
    });
    expect(fetch.requests).toHaveLength(0);
  });

  it("is cut out of an error whose body echoes it", async () => {
    const token = "tok-3f9a1c7e5b2d";
    const fetch = observedFetch(json({ errorCode: "ERR_X", message: `token ${token} is not allowed here` }, { status: 400 }));
    const error = await createDaprClient({ fetch, env: { DAPR_API_TOKEN: token } })
      .getSecret("vault", "s")
      .catch((caught) => caught);
    expect(fetch.requests[0]!.headers.get("dapr-api-token")).toBe(token);
    expect(String((error as Error).message)).toContain("token ");
    expect(inspect(error)).not.toContain(token);
  });
});

describe("client.api", () => {
  it("retries the two secret routes as reads, and sends the readiness probe once", async () => {
    const fetch = observedFetch(text("unavailable", 503));
    const { api } = createDaprClient({ fetch, env: {}, maxRetries: 1 });
    await api.GET("/v1.0/secrets/{store}/{name}", { params: { path: { store: "vault", name: "s" } } });
    await api.GET("/v1.0/secrets/{store}/bulk", { params: { path: { store: "vault" } } });
    await api.GET("/v1.0/healthz/outbound");
    expect(fetch.requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/v1.0/secrets/vault/s",
      "/v1.0/secrets/vault/s",
      "/v1.0/secrets/vault/bulk",
      "/v1.0/secrets/vault/bulk",
      "/v1.0/healthz/outbound",
    ]);
  });

  it("the readiness probe asks for the bare health route", async () => {
    const fetch = observedFetch(new Response(null, { status: 204 }));
    await createDaprClient({ fetch, env: {} }).waitUntilReady();
    expect(fetch.requests.map((request) => request.url)).toEqual(["http://127.0.0.1:3500/v1.0/healthz/outbound"]);
  });
});

it("shows its provider and address, and no token", () => {
  const client = createDaprClient({ env: { DAPR_API_TOKEN: "tok-visible-nowhere" }, baseUrl: "http://127.0.0.1:3600" });
  const shown = inspect(client, { showHidden: true, depth: 5 });
  expect(shown).toBe(`DaprClient { provider: "dapr", baseUrl: "http://127.0.0.1:3600", transport: "node" }`);
  expect(JSON.stringify(client)).not.toContain("tok-visible-nowhere");
});
