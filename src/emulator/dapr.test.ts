// The Dapr emulator answers as daprd does, request by request: expected values come from daprd's source
// (pkg/api/http/server.go, middlewares.go, healthz.go, directmessaging.go, pkg/messages/predefined.go), the
// components' source in dapr/components-contrib and Go's net/http, as cited in dapr-behaviours.ts.
import { describe, expect, it } from "vitest";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { rawRequest } from "../testing/raw-http.js";
import { type DaprEmulatorOptions, startDaprEmulator } from "./dapr.js";

const emulate = emulatorPerTest(startDaprEmulator);
async function start(options: DaprEmulatorOptions = {}) {
  const emulator = await emulate(options);
  const get = (path: string, init: Parameters<typeof rawRequest>[2] = {}) => rawRequest(emulator.url, path, init);
  return { emulator, get };
}
const json = (body: string) => JSON.parse(body) as unknown;
const NO_ROUTE = { errorCode: "ERR_DIRECT_INVOKE", message: "failed getting app id either from the URL path or the header dapr-app-id" };

describe("Dapr emulator: paths as daprd reads them", () => {
  it("dapr.clean-path: a trailing slash is stripped and `//`, `.`, `..` cleaned before routing", async () => {
    const { get } = await start();
    for (const path of ["/v1.0/secrets/vault/db-secret/", "/v1.0//secrets/vault/./db-secret", "/v1.0/secrets/vault/x/../db-secret"]) {
      const answer = await get(path);
      expect([path, answer.status, json(answer.body)]).toEqual([path, 200, { "db-secret": "demo-db-secret-value" }]);
    }
    expect(json((await get("/v1.0/secrets/vault/bulk/")).body)).toHaveProperty("api-keys");
    expect((await get("/v1.0/healthz/outbound/")).status).toBe(204);
  });

  it("dapr.escaped-routing: routes match the escaped path; parameters are unescaped after, `+` as a space", async () => {
    const { get } = await start({ stores: { vault: { secrets: { bulk: "the secret", "a b": "spaced", "a/b": "slashed" } } } });
    expect(json((await get("/v1.0/secrets/vault/bul%6B")).body)).toEqual({ bulk: "the secret" });
    expect(json((await get("/v1.0/secrets/vault/bulk")).body)).toHaveProperty("a b");
    expect(json((await get("/v1.0/secrets/vault/a+b")).body)).toEqual({ "a b": "spaced" });
    expect(json((await get("/v1.0/secrets/vault/a%2Fb")).body)).toEqual({ "a/b": "slashed" });
  });

  it("dapr.malformed-escape: `%zz` is Go's plain-text 400, before the token check, and the connection closes", async () => {
    const { get } = await start({ apiToken: "t" });
    const answer = await get("/v1.0/secrets/vault/%zz");
    expect([answer.status, answer.headers["content-type"], answer.body, answer.headers.connection]).toEqual([
      400,
      "text/plain; charset=utf-8",
      "400 Bad Request",
      "close",
    ]);
  });

  it("dapr.get-only: another method on a secrets route, or a path matching no route, is 404 ERR_DIRECT_INVOKE", async () => {
    const { get, emulator } = await start();
    for (const method of ["POST", "PUT", "DELETE", "HEAD"]) {
      const answer = await get("/v1.0/secrets/vault/db-secret", { method });
      expect([method, answer.status]).toEqual([method, 404]);
      if (method !== "HEAD") expect(json(answer.body)).toEqual(NO_ROUTE);
    }
    expect(json((await get("/v1.0/secrets/vault")).body)).toEqual(NO_ROUTE);
    expect(json((await get("/v1.0/secrets/vault/a/b")).body)).toEqual(NO_ROUTE);
    expect(emulator.requests.map((arrival) => arrival.operation)).toEqual(Array(6).fill("unknown"));
  });
});

describe("Dapr emulator: the API token", () => {
  it("dapr.api-token: every route but GET on the two health routes needs it; wrong or missing is 401 text", async () => {
    const { get, emulator } = await start({ apiToken: "s3cret", readyAfterMs: 0 });
    const token = { headers: { "dapr-api-token": "s3cret" } };
    for (const path of ["/v1.0/secrets/vault/db-secret", "/v1.0/secrets/vault/bulk", "/v1.0/metadata", "/v1.0/nothing-here"]) {
      const without = await get(path);
      expect([path, without.status, without.headers["content-type"], without.body]).toEqual([
        path,
        401,
        "text/plain; charset=utf-8",
        "invalid api token",
      ]);
      expect((await get(path, { headers: { "dapr-api-token": "wrong" } })).status).toBe(401);
      expect((await get(path, token)).status).not.toBe(401);
    }
    for (const path of ["/v1.0/healthz", "/v1.0/healthz/outbound", "/v1.0/healthz/outbound/"]) expect((await get(path)).status).toBe(204);
    // Only GET is exempt: another method on a health route needs the token first.
    expect((await get("/v1.0/healthz", { method: "POST" })).status).toBe(401);
    expect((await get("/v1.0/healthz", { ...token, method: "POST" })).status).toBe(404);
    expect(emulator.env.DAPR_API_TOKEN).toBe("s3cret");
  });
});

describe("Dapr emulator: health and metadata", () => {
  it("dapr.health: not ready is 500 JSON ERR_HEALTH_NOT_READY / ERR_OUTBOUND_HEALTH_NOT_READY, then 204", async () => {
    let clock = 0;
    const { get } = await start({ readyAfterMs: 1_000, now: () => clock });
    const health = await get("/v1.0/healthz");
    const outbound = await get("/v1.0/healthz/outbound");
    expect([health.status, health.headers["content-type"], (json(health.body) as { errorCode: string }).errorCode]).toEqual([
      500,
      "application/json",
      "ERR_HEALTH_NOT_READY",
    ]);
    expect([outbound.status, json(outbound.body)]).toEqual([
      500,
      { errorCode: "ERR_OUTBOUND_HEALTH_NOT_READY", message: "dapr outbound is not ready" },
    ]);
    clock = 1_000;
    expect([(await get("/v1.0/healthz")).status, (await get("/v1.0/healthz/outbound")).status]).toEqual([204, 204]);
  });

  it("dapr.metadata: the metadata route lists the stores as components", async () => {
    const { get } = await start({ stores: { vault: { secrets: {} }, k8s: { kind: "kubernetes", secrets: {} } } });
    expect(json((await get("/v1.0/metadata")).body)).toMatchObject({
      components: [
        { name: "vault", type: "secretstores.local.file" },
        { name: "k8s", type: "secretstores.kubernetes" },
      ],
    });
  });
});

describe("Dapr emulator: stores", () => {
  it("dapr.store-errors: no store is 500 ERR_SECRET_STORES_NOT_CONFIGURED; an unknown one 401 ERR_SECRET_STORE_NOT_FOUND", async () => {
    const none = await start({ stores: {} });
    expect(json((await none.get("/v1.0/secrets/vault/x")).body)).toMatchObject({ errorCode: "ERR_SECRET_STORES_NOT_CONFIGURED" });
    const { get } = await start();
    const answer = await get("/v1.0/secrets/nostore/x");
    expect([answer.status, json(answer.body)]).toEqual([
      401,
      { errorCode: "ERR_SECRET_STORE_NOT_FOUND", message: "failed finding secret store with key nostore" },
    ]);
  });

  it("dapr.scope-policy: a denied secret is 403 on the single route and left out of bulk", async () => {
    const { get } = await start({ stores: { vault: { secrets: { open: "1", closed: "2" }, denied: ["closed"] } } });
    expect((await get("/v1.0/secrets/vault/closed")).status).toBe(403);
    expect(json((await get("/v1.0/secrets/vault/bulk")).body)).toEqual({ open: { open: "1" } });
  });

  it("dapr.file-store: a missing secret is 500 ERR_SECRET_GET naming it", async () => {
    const { get } = await start();
    const answer = await get("/v1.0/secrets/vault/missing");
    expect([answer.status, json(answer.body)]).toEqual([
      500,
      { errorCode: "ERR_SECRET_GET", message: "failed getting secret with key missing from secret store vault: secret missing not found" },
    ]);
  });

  it("dapr.no-data: a store that returns no data answers 204, single and bulk", async () => {
    const { get } = await start({ stores: { empty: { kind: "no-content", secrets: { x: "1" } } } });
    for (const path of ["/v1.0/secrets/empty/x", "/v1.0/secrets/empty/bulk"]) {
      const answer = await get(path);
      expect([answer.status, answer.body, answer.headers["content-type"]]).toEqual([204, "", undefined]);
    }
  });

  it("dapr.env-store: a missing variable is empty; DAPR_* and APP_API_TOKEN (any case) read as empty and stay out of bulk", async () => {
    const secrets = { HOME: "/root", DAPR_API_TOKEN: "sidecar-token", dapr_http_port: "3500", APP_API_TOKEN: "app-token" };
    const { get } = await start({ stores: { env: { kind: "local.env", secrets } } });
    expect(json((await get("/v1.0/secrets/env/HOME")).body)).toEqual({ HOME: "/root" });
    expect(json((await get("/v1.0/secrets/env/NOT_SET")).body)).toEqual({ NOT_SET: "" });
    for (const name of ["DAPR_API_TOKEN", "dapr_http_port", "APP_API_TOKEN"])
      expect(json((await get(`/v1.0/secrets/env/${name}`)).body)).toEqual({ [name]: "" });
    expect(json((await get("/v1.0/secrets/env/bulk")).body)).toEqual({ HOME: { HOME: "/root" } });
  });

  it("dapr.kubernetes-namespace: metadata.namespace picks the namespace, else the default one", async () => {
    const { get } = await start({
      stores: {
        k8s: {
          kind: "kubernetes",
          secrets: { db: { user: "dev", password: "dev-pw" } },
          namespaces: { prod: { db: { user: "prod", password: "prod-pw" } } },
        },
        nodefault: { kind: "kubernetes", defaultNamespace: "", secrets: {} },
      },
    });
    expect(json((await get("/v1.0/secrets/k8s/db")).body)).toEqual({ user: "dev", password: "dev-pw" });
    expect(json((await get("/v1.0/secrets/k8s/db?metadata.namespace=prod")).body)).toEqual({ user: "prod", password: "prod-pw" });
    expect(json((await get("/v1.0/secrets/k8s/bulk?metadata.namespace=prod")).body)).toEqual({ db: { user: "prod", password: "prod-pw" } });
    expect(json((await get("/v1.0/secrets/k8s/bulk?metadata.namespace=staging")).body)).toEqual({});
    const missing = await get("/v1.0/secrets/k8s/db?metadata.namespace=staging");
    expect([missing.status, (json(missing.body) as { message: string }).message]).toEqual([
      500,
      'failed getting secret with key db from secret store k8s: secrets "db" not found',
    ]);
    expect(json((await get("/v1.0/secrets/nodefault/db")).body)).toMatchObject({ errorCode: "ERR_SECRET_GET" });
  });

  it("dapr.vault-version: metadata.version_id picks a version; 0 is the newest; bulk skips secrets without it", async () => {
    const { get } = await start({
      stores: { vault: { kind: "hashicorp.vault", secrets: { api: "v3", db: "d1" }, versions: { api: ["v1", "v2"] } } },
    });
    expect(json((await get("/v1.0/secrets/vault/api")).body)).toEqual({ api: "v3" });
    expect(json((await get("/v1.0/secrets/vault/api?metadata.version_id=0")).body)).toEqual({ api: "v3" });
    expect(json((await get("/v1.0/secrets/vault/api?metadata.version_id=1")).body)).toEqual({ api: "v1" });
    expect(json((await get("/v1.0/secrets/vault/bulk?metadata.version_id=2")).body)).toEqual({ api: { api: "v2" } });
    const missing = await get("/v1.0/secrets/vault/db?metadata.version_id=4");
    expect([missing.status, (json(missing.body) as { message: string }).message]).toEqual([
      500,
      "failed getting secret with key db from secret store vault: getSecret db failed secret key or version not exist",
    ]);
  });

  it("dapr.rate-limit: the rate-limit fault is the ratelimit middleware's 429 text", async () => {
    const { get, emulator } = await start();
    emulator.faults.inject("getSecret", { kind: "rate-limit", retryAfterSeconds: 2 });
    const answer = await get("/v1.0/secrets/vault/db-secret");
    expect([answer.status, answer.headers["content-type"], answer.headers["retry-after"]]).toEqual([429, "text/plain; charset=utf-8", "2"]);
  });

  it("dapr.routes: the single route answers the secret's keys, bulk every secret's", async () => {
    const { get } = await start();
    expect(json((await get("/v1.0/secrets/vault/api-keys")).body)).toEqual({ stripe: "demo-stripe-key", github: "demo-github-token" });
    expect(Object.keys(json((await get("/v1.0/secrets/vault/bulk")).body) as object).sort()).toEqual(["api-keys", "db-secret"]);
  });
});
