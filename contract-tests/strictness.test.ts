// Proves the suite is strict: deliberately wrong requests through the raw typed clients, and wrong
// answers through `prism proxy` (the live-mode path), are reported as contract violations.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../src/mock/prism-mocks.js";
import { gcoreClient, voximplantClient } from "./support/clients.js";
import { mockUrl } from "./support/context.js";
import { strictFetch, violationsOf } from "./support/strict-fetch.js";

describe("a wrong request through the raw typed client is a contract failure", () => {
  it("Voximplant GetSecretValue without secret_id or secret_name: Prism answers 422", async () => {
    const fetch = strictFetch("voximplant");
    const { response } = await voximplantClient({ baseUrl: mockUrl("voximplant"), fetch }).api.POST("/GetSecretValue", {
      body: { application_id: 1 },
    });
    expect(response.status).toBe(422);
    expect(fetch.problems()).toEqual([expect.stringMatching(/^get-secret-value → 422: Prism rejected the request \(422\)/)]);
  });

  it("Voximplant GetSecrets with count 0 (the spec's minimum is 1): 422", async () => {
    const fetch = strictFetch("voximplant");
    await voximplantClient({ baseUrl: mockUrl("voximplant"), fetch }).api.POST("/GetSecrets", { body: { application_id: 1, count: 0 } });
    expect(fetch.problems().join("\n")).toMatch(/422.*count/s);
  });

  it("Gcore delete with an id that is not a UUID: the spec declares 400, so Prism answers 400 with sl-violations", async () => {
    const fetch = strictFetch("gcore");
    const path = { project_id: 1, region_id: 1, secret_id: "not-a-uuid" };
    const { response } = await gcoreClient({ baseUrl: mockUrl("gcore"), fetch }).api.DELETE(
      "/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}",
      { params: { path } },
    );
    expect(response.status).toBe(400);
    expect(fetch.problems()).toEqual([
      expect.stringMatching(/^SecretViewSet\.delete → 400: sl-violations .*secret_id must match format \\?"uuid/),
    ]);
  });

  it("Gcore list with limit 0 (exclusiveMinimum 0): 400 with sl-violations", async () => {
    const fetch = strictFetch("gcore");
    await gcoreClient({ baseUrl: mockUrl("gcore"), fetch }).api.GET("/cloud/v1/secrets/{project_id}/{region_id}", {
      params: { path: { project_id: 1, region_id: 1 }, query: { limit: 0 } },
    });
    expect(fetch.problems().join("\n")).toMatch(/400: sl-violations.*limit/);
  });

  it("asking the mock for an answer the spec does not have is a failure too (Prism's own 404)", async () => {
    const fetch = strictFetch("voximplant", { prefer: "example=noSuchExample" });
    await voximplantClient({ baseUrl: mockUrl("voximplant"), fetch }).api.POST("/GetSecretValue", {
      body: { application_id: 1, secret_id: 10 },
    });
    expect(fetch.problems().join("\n")).toMatch(/Prism could not answer/);
  });

  it("a 2xx JSON answer that does not decode is a failure", () => {
    const exchange = {
      operation: "getSecret",
      method: "GET",
      url: "http://mock/v1.0/secrets/vault/x",
      requestHeaders: new Headers(),
      requestBody: "",
      status: 200,
      responseHeaders: new Headers({ "content-type": "application/json" }),
      responseBody: '{"x":',
    };
    expect(violationsOf(exchange)).toEqual(["getSecret → 200: the JSON body does not decode"]);
    expect(violationsOf({ ...exchange, responseBody: '{"x":"1"}' })).toEqual([]);
  });

  it("the same call, correct, is clean", async () => {
    const fetch = strictFetch("voximplant");
    const { response } = await voximplantClient({ baseUrl: mockUrl("voximplant"), fetch }).api.POST("/GetSecretValue", {
      body: { application_id: 1, secret_id: 10 },
    });
    expect(response.status).toBe(200);
    expect(fetch.problems()).toEqual([]);
  });
});

describe("a wrong answer through prism proxy (the live-mode path) is a contract failure", () => {
  let answer: { type: string; body: string } = { type: "application/json", body: "{}" };
  let upstream: Server;
  let proxy: MockServer;
  beforeAll(async () => {
    upstream = createServer((_request, response) => response.writeHead(200, { "content-type": answer.type }).end(answer.body));
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    proxy = await startMock("voximplant", { upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await proxy?.close();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  const read = async () => {
    const fetch = strictFetch("voximplant");
    const outcome = await voximplantClient({ baseUrl: proxy.url, fetch })
      .getSecretValue("apiKeyProd")
      .catch((error: unknown) => error);
    return { outcome, problems: fetch.problems().join("\n") };
  };

  it("an answer that matches the spec passes, and the facade decodes it", async () => {
    answer = { type: "application/json", body: JSON.stringify({ result: { secret_id: 7, secret_name: "apiKeyProd", secret_value: "v" } }) };
    expect(await read()).toEqual({ outcome: "v", problems: "" });
  });

  it("a wrong request is forwarded by the proxy, but flagged with sl-violations", async () => {
    answer = { type: "application/json", body: JSON.stringify({ result: { secret_id: 7, secret_name: "apiKeyProd", secret_value: "v" } }) };
    const fetch = strictFetch("voximplant");
    await voximplantClient({ baseUrl: proxy.url, fetch }).api.POST("/GetSecretValue", { body: { application_id: 1 } });
    expect(fetch.problems().join("\n")).toMatch(/get-secret-value → 200: sl-violations .*required property 'secret_id'/);
  });

  it("an answer whose shape the spec does not allow carries sl-violations", async () => {
    answer = {
      type: "application/json",
      body: JSON.stringify({ result: { secret_id: 7, secret_name: ["apiKeyProd"], secret_value: "v" } }),
    };
    expect((await read()).problems).toMatch(/get-secret-value → 200: sl-violations/);
  });

  it("an answer that does not decode is reported", async () => {
    answer = { type: "application/json", body: "{ not json" };
    const { outcome, problems } = await read();
    expect(problems).toMatch(/get-secret-value → 500: Prism could not answer: .*invalid json response body/);
    expect(outcome).toMatchObject({ code: "ERR_PROVIDER_API", status: 500 });
  });
});
