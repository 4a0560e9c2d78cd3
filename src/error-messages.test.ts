// Each error kind's message, pinned once, here, in one snapshot file (__snapshots__/error-messages.test.ts.snap): every
// client driven into each kind it can report, and the shared input checks. Every other test asserts an error's class,
// code, operation, status and fields; a change of wording is reviewed here, once.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BoundedReadError, readBoundedTextFile } from "./core/bounded-file.js";
import { authorizeSafely, outcomeUnknown } from "./core/attempt-failures.js";
import { ConnectionError, NotFoundError, OutcomeUnknownError, ProviderApiError, SecretsError, TimeoutError } from "./core/errors.js";
import { paginate } from "./core/paginate.js";
import { waitUntil } from "./core/wait.js";
import { requireUrl, resolveClientOptions } from "./core/options.js";
import { exactlyOne, requirePathSegment, requirePositiveInteger, requireString, requireUuid } from "./core/validate.js";
import { createDaprClient } from "./providers/dapr/client.js";
import { createGcoreClient } from "./providers/gcore/client.js";
import { findLostUpload } from "./providers/gcore/lost-upload.js";
import { classifyGcore } from "./providers/gcore/wire.js";
import { createVoximplantClient } from "./providers/voximplant/client.js";
import { parseSecretReference, resolveSecretReferences, runWithSecrets } from "./run-with-secrets.js";
import { deleteFields } from "./providers/voximplant/fields.js";
import { readVoximplantCredentialsFile } from "./providers/voximplant/credentials.js";
import { createJwtSigner } from "./providers/voximplant/jwt.js";
import { daprOn, failure, gcoreOn, voximplantCredentials, voximplantOn } from "./testing/clients.js";
import { fakePem, hang, json, networkError, testRsaKey, text, type Reply } from "./testing/observed-fetch.js";

type Scenario = [label: string, make: () => unknown];

/** What each scenario ends in: its class, code and message, checked to be one of ours. */
async function pinned(scenarios: Scenario[]): Promise<Record<string, { class: string; code: string; message: string }>> {
  const shown: Record<string, { class: string; code: string; message: string }> = {};
  for (const [label, make] of scenarios) {
    const error = await failure(Promise.resolve().then(make));
    if (!(error instanceof SecretsError)) throw new Error(`${label}: ended in ${String(error)}, not in a SecretsError`);
    shown[label] = { class: error.constructor.name, code: error.code, message: error.message };
  }
  return shown;
}

const aborted = () => ({ signal: AbortSignal.abort(new Error("caller gave up")) });
const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };

describe("each error kind's message", () => {
  it("Voximplant", { timeout: 30_000 }, async () => {
    const vox = (...replies: Reply[]) => voximplantOn(replies).client;
    const code = (code: number, msg: string) => json({ error: { code, msg } });
    const listed = json({ result: [{ secret_id: 1, secret_name: "other" }], total_count: 1 });
    expect(
      await pinned([
        ["not found (341)", () => vox(code(341, "Secret not found")).getSecretValue("a")],
        [
          "not found (496, confirmed by GetSecrets)",
          () => vox(code(496, "The 'secret_name' parameter is invalid."), listed).getSecret({ name: "a" }),
        ],
        ["not found (ids)", () => vox(code(496, "invalid"), listed).deleteSecrets({ ids: [1, 2] })],
        [
          "invalid parameter (496, listed)",
          () => vox(code(496, "invalid"), json({ result: [{ secret_id: 1, secret_name: "a" }] })).getSecret({ name: "a" }),
        ],
        ["authentication (100)", () => vox(code(100, "Authorization failed")).getSecretValue("a")],
        ["unknown code", () => vox(code(777, "something else")).getSecretValue("a")],
        ["rate limited (HTTP 429)", () => vox(text("slow down", 429)).getSecretValue("a")],
        ["gateway (HTTP 502)", () => vox(text("bad gateway", 502)).getSecretValue("a")],
        ["gateway (HTTP 500)", () => vox(text("down", 500)).getSecretValue("a")],
        ["empty answer to a write", () => vox(new Response(null, { status: 200 })).deleteSecret("a")],
        ["empty answer to AddSecret", () => vox(new Response(null, { status: 200 })).addSecret({ name: "a", value: "value-1" })],
        ["empty answer to GetSecretValue", () => vox(new Response(null, { status: 200 })).getSecretValue("a")],
        ["no secret_id", () => vox(json({ result: {} })).addSecret({ name: "a", value: "value-1" })],
        [
          "no result list",
          () =>
            vox(json({ total_count: 0 }))
              .listSecrets()
              [Symbol.asyncIterator]()
              .next(),
        ],
        ["not found (two names)", () => vox(code(496, "invalid"), listed, listed).deleteSecrets({ names: ["a", "b"] })],
        ["delete all, not true", () => deleteFields({ all: false as never }, "DelSecret")],
        ["wrong address (HTTP 404)", () => vox(text("no such page", 404)).getSecretValue("a")],
        ["not a JSON object", () => vox(text("[]", 200)).getSecretValue("a")],
        ["no result field", () => vox(json({})).getSecretValue("a")],
        ["connection", () => vox(networkError("ECONNREFUSED")).getSecretValue("a")],
        ["connection, no error code", () => vox(new TypeError("fetch failed")).getSecretValue("a")],
        ["write with a lost answer", () => vox(networkError("ECONNRESET")).addSecret({ name: "a", value: "v" })],
        ["aborted", () => vox(hang).getSecretValue("a", aborted())],
        ["value too long", () => vox().addSecret({ name: "a", value: "x".repeat(9000) })],
        ["no application", () => createVoximplantClient({ env: {}, credentials: voximplantCredentials() }).getSecretValue("a")],
        [
          "application id malformed",
          () =>
            createVoximplantClient({ env: { VOXIMPLANT_APPLICATION_ID: "x" }, credentials: voximplantCredentials() }).getSecretValue("a"),
        ],
        ["delete with none of ids, names, all", () => deleteFields({}, "DelSecret")],
        ["delete with two of them", () => deleteFields({ ids: [1], names: ["a"] }, "DelSecret")],
        ["delete names not an array", () => vox().deleteSecrets({ names: [] })],
        ["delete a malformed name", () => vox().deleteSecrets({ names: ["ok", "1bad"] })],
        [
          "JSON that does not parse",
          () => vox(new Response("{not json", { headers: { "content-type": "application/json" } })).getSecret({ id: 1 }),
        ],
        ["timeoutMs 0", () => createVoximplantClient({ credentials: voximplantCredentials(), env: {}, timeoutMs: 0 })],
        ["retryDelayMs out of range", () => createVoximplantClient({ credentials: voximplantCredentials(), env: {}, retryDelayMs: -1 })],
        ["transport unknown", () => createVoximplantClient({ credentials: voximplantCredentials(), env: {}, transport: "curl" as never })],
        ["fetch not a function", () => createVoximplantClient({ credentials: voximplantCredentials(), env: {}, fetch: "curl" as never })],
        [
          "base URL with a query",
          () =>
            createVoximplantClient({
              credentials: voximplantCredentials(),
              env: { VOXIMPLANT_BASE_URL: "https://vox.test/platform_api?cmd=DelSecret" },
            }),
        ],
        ["JWT lifetime out of range", () => createJwtSigner({ credentials: async () => voximplantCredentials(), lifetimeSeconds: 3600 })],
        [
          "RSA key under 2048 bits",
          () =>
            createJwtSigner({
              credentials: async () => ({ ...voximplantCredentials(), privateKey: testRsaKey(1024).privateKeyPem }),
            }).token(),
        ],
        [
          "private key not PEM",
          () =>
            createJwtSigner({
              credentials: async () => ({ ...voximplantCredentials(), privateKey: fakePem("PRIVATE", "not-base64") }),
            }).token(),
        ],
        ["no credentials", () => createVoximplantClient({ env: {}, application: { id: 1 } }).getSecretValue("a")],
      ]),
    ).toMatchSnapshot();
  });

  it("Dapr", async () => {
    const dapr = (...replies: Reply[]) => daprOn(replies).client;
    const says = (errorCode: string, message: string, status: number) => json({ errorCode, message }, { status });
    expect(
      await pinned([
        ["sidecar not ready", () => dapr(new Response(null, { status: 500 })).waitUntilReady({ intervalMs: 5, timeoutMs: 30 })],
        [
          "store not found (401)",
          () => dapr(says("ERR_SECRET_STORE_NOT_FOUND", "failed finding secret store with key vault", 401)).getSecret("vault", "s"),
        ],
        ["no data (204)", () => dapr(new Response(null, { status: 204 })).getSecret("vault", "s")],
        ["permission denied (403)", () => dapr(says("ERR_PERMISSION_DENIED", "access denied", 403)).getSecret("vault", "s")],
        ["secret not found (500)", () => dapr(says("ERR_SECRET_GET", "secret s not found", 500)).getSecret("vault", "s")],
        ["secret get failed (500)", () => dapr(says("ERR_SECRET_GET", "connection refused", 500)).getSecret("vault", "s")],
        [
          "stores not configured (500)",
          () => dapr(says("ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured", 500)).getBulkSecret("vault"),
        ],
        ["no such route (404)", () => dapr(says("ERR_DIRECT_INVOKE", "failed to invoke", 404)).getSecret("vault", "s")],
        ["token refused (401, text)", () => dapr(text("invalid api token", 401)).getSecret("vault", "s")],
        ["rate limited (429)", () => dapr(text("slow down", 429)).getBulkSecret("vault")],
        ["bare 500", () => dapr(text("", 500)).getSecret("vault", "s")],
        ["not a JSON object", () => dapr(text("[]", 200)).getSecret("vault", "s")],
        ["connection", () => dapr(networkError("ECONNREFUSED")).getSecret("vault", "s")],
        ["timeout", () => daprOn([hang], { timeoutMs: 20 }).client.getSecret("vault", "s")],
        ["aborted", () => dapr(hang).getSecret("vault", "s", aborted())],
        ["no key of that name", () => dapr(json({ a: "1", b: "2" })).getSecretValue("db", { key: "c" })],
        ["no keys at all", () => dapr(json({})).getSecretValue("db")],
        ["the only key not a string", () => dapr(json({ a: 5 })).getSecretValue("db")],
        ["store name '..'", () => dapr().getSecret("..", "s")],
        ["no default store", () => createDaprClient({ env: {} }).getSecretValue("s")],
        ["address not a URL", () => createDaprClient({ env: { DAPR_HTTP_ENDPOINT: "not a url" } })],
        ["address not http", () => createDaprClient({ env: {}, baseUrl: "ftp://dapr.internal" })],
        ["port not a number", () => createDaprClient({ env: { DAPR_HTTP_PORT: "http" } })],
        ["port over 65535", () => createDaprClient({ env: { DAPR_HTTP_PORT: "65536" } })],
        ["secret answer empty", () => dapr(new Response(null, { status: 200 })).getSecret("vault", "s")],
        ["several keys, none chosen", () => dapr(json({ user: "u", password: "p" })).getSecretValue("db")],
        ["token with a newline", () => createDaprClient({ env: {}, apiToken: "a\nb" }).getSecret("vault", "s")],
      ]),
    ).toMatchSnapshot();
  });

  it("Gcore", async () => {
    const gcore = (...replies: Reply[]) => gcoreOn(replies).client;
    const says = (message: string, status: number, extra = {}) => json({ message, ...extra }, { status });
    const task = (state: string, error?: string) => json({ id: "t1", task_type: "create_secret", state, error });
    expect(
      await pinned([
        ["not found (404)", () => gcore(says("gone", 404)).getSecret(SECRET_ID)],
        ["authentication (401)", () => gcore(says("bad key", 401)).getSecret(SECRET_ID)],
        ["permission denied (403)", () => gcore(says("forbidden", 403)).getSecret(SECRET_ID)],
        ["conflict (409)", () => gcore(says("name taken", 409, { exception_class: "ConflictError" })).uploadCertificate(upload)],
        ["rate limited (429)", () => gcore(says("slow", 429)).getSecret(SECRET_ID)],
        ["refused (400)", () => gcore(says("bad name", 400)).uploadCertificate(upload)],
        ["bare 500", () => gcore(json({ exception_class: 42, message: "" }, { status: 500 })).getSecret(SECRET_ID)],
        ["listing refused", () => gcore(says("no such project", 404)).listSecrets()[Symbol.asyncIterator]().next()],
        ["delete refused", () => gcore(says("no such secret", 404)).startDeleteSecret(SECRET_ID)],
        ["upload without a task", () => gcore(json({})).uploadCertificate(upload)],
        ["task failed", () => gcore(task("ERROR", "bad certificate")).waitForTask("t1")],
        ["task as text", () => gcore(text("running", 200)).waitForTask("t1")],
        ["connection", () => gcore(networkError("ECONNREFUSED")).getSecret(SECRET_ID)],
        ["upload timed out", () => gcoreOn([hang], { timeoutMs: 20 }).client.uploadCertificate(upload)],
        ["aborted", () => gcore(hang).getSecret(SECRET_ID, aborted())],
        ["id not a UUID", () => gcore().getSecret("x")],
        ["certificate not PEM", () => gcore().uploadCertificate({ ...upload, certificate: "x" })],
        ["private key not PEM", () => gcore().uploadCertificate({ ...upload, privateKey: PEM })],
        ["no project", () => createGcoreClient({ env: {}, apiKey: "k", regionId: 1 }).getSecret(SECRET_ID)],
        ["no region", () => createGcoreClient({ env: {}, apiKey: "k", projectId: 1 }).getSecret(SECRET_ID)],
        ["no API key", () => createGcoreClient({ env: {}, projectId: 1, regionId: 1 }).getSecret(SECRET_ID)],
        ["region not an integer", () => createGcoreClient({ env: {}, apiKey: "k", projectId: 1, regionId: 1.5 })],
        ["region variable negative", () => createGcoreClient({ env: { GCORE_CLOUD_REGION_ID: "-3" }, apiKey: "k", projectId: 1 })],
        ["project option not an integer", () => createGcoreClient({ env: {}, apiKey: "k", projectId: 1.5, regionId: 1 })],
        ["project variable not an integer", () => createGcoreClient({ env: { GCORE_CLOUD_PROJECT_ID: "x" }, apiKey: "k", regionId: 1 })],
        ["API key with a newline", () => createGcoreClient({ env: {}, apiKey: "a\nb", projectId: 1, regionId: 1 }).getSecret(SECRET_ID)],
        ["listing without results", () => gcore(json({})).listSecrets()[Symbol.asyncIterator]().next()],
        ["secret answer empty", () => gcore(new Response(null, { status: 200 })).getSecret(SECRET_ID)],
        ["task answer empty", () => gcore(new Response(null, { status: 200 })).waitForTask("t1")],
        ["task polled every 10 ms (option)", () => createGcoreClient({ env: {}, apiKey: "k", taskPolling: { intervalMs: 10 } })],
        ["task polled every 10 ms (call)", () => gcore().waitForTask("t1", { intervalMs: 10 })],
        ["task refused (404)", () => gcore(says("no task", 404)).waitForTask("t1")],
        ["task failed without a reason", () => gcore(task("ERROR")).waitForTask("t1")],
        ["upload that started no task", () => gcore(json({ tasks: [] })).uploadCertificateAndWait(upload)],
        ["upload task without a created secret", () => gcore(json({ tasks: ["t1"] }), task("FINISHED")).uploadCertificateAndWait(upload)],
        [
          "uploaded, its reading refused",
          () =>
            gcore(
              json({ tasks: ["t1"] }),
              json({ id: "t1", task_type: "create_secret", state: "FINISHED", created_resources: { secrets: [SECRET_ID] } }),
              says("busy", 400),
            ).uploadCertificateAndWait(upload),
        ],
        [
          "upload accepted, its task unreadable",
          () => gcore(json({ tasks: ["t1"] }), says("no task", 404)).uploadCertificateAndWait(upload),
        ],
        ["deletion accepted, its task unreadable", () => gcore(json({ tasks: ["t1"] }), says("no task", 404)).deleteSecret(SECRET_ID)],
        [
          "an answer read without a subject",
          () => {
            const answer = { status: 500, headers: new Headers(), body: {} };
            const classification = classifyGcore(answer, { provider: "gcore", operation: "getSecret" });
            if (classification.kind === "error") throw classification.error;
          },
        ],
      ]),
    ).toMatchSnapshot();
  });

  it("how a message is composed: provider, operation and status around the detail, what is unknown left out", async () => {
    const detail = "no secret x";
    expect(
      await pinned([
        [
          "all of them",
          () => {
            throw new NotFoundError(detail, { provider: "vendor", operation: "getSecret", status: 404 });
          },
        ],
        [
          "provider only",
          () => {
            throw new NotFoundError(detail, { provider: "vendor" });
          },
        ],
        [
          "operation only",
          () => {
            throw new NotFoundError(detail, { operation: "getSecret" });
          },
        ],
        [
          "nothing",
          () => {
            throw new NotFoundError(detail);
          },
        ],
        [
          "status 0",
          () => {
            throw new NotFoundError(detail, { status: 0 });
          },
        ],
        [
          "the server's words",
          () => {
            throw new NotFoundError(detail, { provider: "vendor", serverMessage: "gone", status: 404 });
          },
        ],
      ]),
    ).toMatchSnapshot();
  });

  it("the client options' checks", async () => {
    const base = { value: "http://x", from: "option baseUrl" };
    expect(
      await pinned([
        ["not a URL", () => requireUrl("not a url", "EXAMPLE_BASE_URL", "example")],
        ["not http(s)", () => requireUrl("file:///etc", "option baseUrl", "example")],
        ["credentials in the URL", () => requireUrl("https://user:pw@host", "EXAMPLE_BASE_URL", "example")],
        ["a query", () => requireUrl("https://api.test/platform_api?cmd=DelSecret", "EXAMPLE_BASE_URL", "example")],
        ["plain http to a remote host", () => requireUrl("http://10.0.0.5:3500", "x", "example")],
        ["maxRetries over 10", () => resolveClientOptions({ maxRetries: 11 }, "example", base, true)],
        ["timeoutMs not an integer", () => resolveClientOptions({ timeoutMs: 1.5 }, "example", base, true)],
        ["maxResponseBytes 0", () => resolveClientOptions({ maxResponseBytes: 0 }, "example", base, true)],
        ["transport node and a fetch", () => resolveClientOptions({ transport: "node", fetch }, "example", base, true)],
      ]),
    ).toMatchSnapshot();
  });

  it("failures that core composes: a lost write, a failing credential step, a wait given up", async () => {
    const details = { provider: "example", operation: "op" };
    const waiting = { provider: "example", operation: "probe", what: "the thing" };
    expect(
      await pinned([
        [
          "timed out after sending",
          () => {
            throw outcomeUnknown(new TimeoutError("late", details), details);
          },
        ],
        [
          "connection lost after sending",
          () => {
            throw outcomeUnknown(new ConnectionError("reset", details), details);
          },
        ],
        [
          "gateway after sending",
          () => {
            throw outcomeUnknown(new ProviderApiError("gateway error", { ...details, status: 504 }), { ...details, subject: "x" });
          },
        ],
        [
          "credential step threw",
          () =>
            authorizeSafely(
              () => {
                throw new TypeError("key sk-123 is invalid");
              },
              {},
              { refresh: false, operation: "op" },
              details,
            ),
        ],
        [
          "credential step rejected",
          () => authorizeSafely(() => Promise.reject("sk-456"), {}, { refresh: false, operation: "op" }, details),
        ],
        ["wait given up", () => waitUntil(async () => undefined, { intervalMs: 1_000, timeoutMs: 30 }, waiting)],
        ["wait aborted", () => waitUntil(async () => undefined, { intervalMs: 1, timeoutMs: 1_000, signal: AbortSignal.abort() }, waiting)],
      ]),
    ).toMatchSnapshot();
  });

  it("the shared input checks", async () => {
    const context = { provider: "example", operation: "op" };
    expect(
      await pinned([
        ["not a string", () => requireString(42, "name", context)],
        ["empty", () => requireString("", "name", context, { nonEmpty: true })],
        ["too long", () => requireString("abcde", "name", context, { maxLength: 4 })],
        ["lone surrogate", () => requireString("\uD800", "name", context)],
        ["rule named", () => requireString("a-b", "name", context, { pattern: /^[a-z]+$/, rule: "letters" })],
        ["pattern shown", () => requireString("a-b", "name", context, { pattern: /^[a-z]+$/ })],
        ["empty path segment", () => requirePathSegment("", "store", context)],
        ["dot segment", () => requirePathSegment("..", "store", context)],
        ["not a positive integer", () => requirePositiveInteger(0, "count", context)],
        ["over the maximum", () => requirePositiveInteger(1001, "count", context, 1000)],
        ["not a UUID", () => requireUuid("x", "id", context)],
        ["both", () => exactlyOne({ id: 1, name: "n" }, "id", "name", context)],
        ["neither", () => exactlyOne({}, "id", "name", context)],
      ]),
    ).toMatchSnapshot();
  });

  it("failures composed around the calls: paging, task and listing waits, credential files", async () => {
    const pages = (page: (offset: number) => { items: { id: number }[]; total?: number }) => async () => {
      for await (const _ of paginate(async (offset) => page(offset), 2, { provider: "example", operation: "list" }));
    };
    const items = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ id: from + index }));
    const task = json({ id: "t1", task_type: "create_secret", state: "RUNNING" });
    const controller = new AbortController();
    const listedOnce = () => (controller.abort(new Error("enough")), json({ count: 0, results: [] }));
    const dir = mkdtempSync(path.join(tmpdir(), "typed-secrets-pins-"));
    writeFileSync(path.join(dir, "bad.json"), "{not json");
    const lost = new OutcomeUnknownError("answer lost", { provider: "gcore", operation: "uploadCertificate" });
    const certificate = (id: string, createdAt?: Date) => ({
      id,
      key: id,
      name: "lb-cert",
      type: "certificate" as const,
      status: "ACTIVE",
      createdAt,
    });
    const lookup =
      (...secrets: ReturnType<typeof certificate>[]) =>
      () =>
        findLostUpload(
          async function* () {
            yield* secrets;
          },
          { name: "lb-cert", startedAt: Date.parse("2026-12-03T10:00:00Z") },
          lost,
          { intervalMs: 1_000, timeoutMs: 1 },
        );
    const shown = await pinned([
      ["lost upload, nothing listed", lookup()],
      ["lost upload, others listed", lookup(certificate("old", new Date("2024-01-01T00:00:00Z")), certificate("undated"))],
      [
        "lost upload, two made",
        lookup(certificate("a", new Date("2026-12-03T10:00:01Z")), certificate("b", new Date("2026-12-03T10:00:02Z"))),
      ],
      ["a page answered twice", pages(() => ({ items: items(0, 2) }))],
      ["more pages than the total allows", pages((offset) => ({ items: items(offset, 2), total: offset + 4 }))],
      ["task wait given up", () => gcoreOn([task], { taskPolling: { intervalMs: 1_000, timeoutMs: 30 } }).client.waitForTask("t1")],
      [
        "listing wait aborted",
        () => gcoreOn([networkError("ECONNRESET"), listedOnce]).client.uploadCertificateAndWait(upload, { signal: controller.signal }),
      ],
      ["credentials file not JSON", () => readVoximplantCredentialsFile(path.join(dir, "bad.json"))],
      ["credentials file missing", () => readVoximplantCredentialsFile(path.join(dir, "missing.json"))],
    ]);
    expect(JSON.parse(JSON.stringify(shown).replaceAll(dir, "<dir>"))).toMatchSnapshot();
  });

  it("a bounded file read's refusals (BoundedReadError, worded for the callers that name the file)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "typed-secrets-pins-"));
    writeFileSync(path.join(dir, "big.txt"), "x".repeat(1025));
    const refusals: Record<string, { reason: string; message: string }> = {};
    for (const [label, file, limit] of [
      ["over 1 KiB", path.join(dir, "big.txt"), 1024],
      ["over 16 bytes, the size saying less", "/proc/self/status", 16],
      ["missing", path.join(dir, "missing.txt"), 1024],
      ["a directory", dir, 1024],
    ] as const) {
      const error = await failure(readBoundedTextFile(file, limit));
      if (!(error instanceof BoundedReadError)) throw new Error(`${label}: ended in ${String(error)}`);
      refusals[label] = { reason: error.reason, message: error.message };
    }
    expect(refusals).toMatchSnapshot();
  });

  it("running a command with references (typed-secrets/run)", async () => {
    const dapr = (...replies: Reply[]) => ({ dapr: daprOn(replies).client });
    const notFound = json({ errorCode: "ERR_SECRET_GET", message: "secret nope not found" }, { status: 500 });
    const run = (extra: Partial<Parameters<typeof runWithSecrets>[0]>) =>
      runWithSecrets({ command: process.execPath, references: {}, clients: {}, stdio: "ignore", ...extra });
    expect(
      await pinned([
        ["gcore reference", () => parseSecretReference(`gcore://${SECRET_ID}`, "TLS_KEY")],
        ["unknown scheme", () => parseSecretReference("postgres://admin:pw@db/app", "DATABASE_URL")],
        ["malformed", () => parseSecretReference("dapr://store", "BROKEN")],
        ["no client", () => resolveSecretReferences({ TOKEN: "voximplant://app/token" }, {})],
        ["unresolved, two of them", () => resolveSecretReferences({ A: "dapr://vault/nope", B: "dapr://vault/nope" }, dapr(notFound))],
        ["no such key", () => resolveSecretReferences({ PASSWORD: "dapr://vault/multi" }, dapr(json({ user: "u", password: "p" })))],
        ["resolved value with a NUL byte", () => run({ references: { TOKEN: "dapr://vault/t" }, clients: dapr(json({ t: "a\0b" })) })],
        ["variable with a NUL byte", () => run({ env: { PLAIN: "a\0b" } })],
        ["command not found", () => run({ command: "typed-secrets-no-such-command" })],
        ["spawn refused", () => run({ command: "typed-secrets-command", args: ["a\0b"] })],
      ]),
    ).toMatchSnapshot();
  });
});
