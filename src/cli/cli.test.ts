// The real CLI as a process (node --import tsx src/cli/main.ts): stdout, stderr, exit codes, embedded and configured (signals:
// cli-signals.test.ts).
import { generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess, tempFiles } from "../testing/cli-process.js";
import { startMocks } from "../mock/prism-mocks.js";
import { runCli } from "./cli.js";
import { MOCK_ENV_STATE_NOTE } from "./connect.js";
import type { CliIo } from "./output.js";
import { createTestCertificates } from "./self-signed.js";

const TIMEOUT = 30_000;
const MOCK_URL = "http://127\\.0\\.0\\.1:\\d+";
const NOTE = " \\(demo data, kept in memory\\)";
const STATE_NOTE = MOCK_ENV_STATE_NOTE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const { dir, file } = tempFiles("typed-secrets-cli-test-");
const cli = runCliProcess;

describe.concurrent("embedded emulators", () => {
  it("with no credentials and --mock: run injects resolved references and literals, passes the exit code, prints no value itself", {
    timeout: TIMEOUT,
  }, async () => {
    const env = file("ok.env", 'API_KEY=voximplant://demo/apiKeyProd\nDB=dapr://vault/db-secret\nURL="postgres://db/app"\n');
    const script = "console.log([process.env.API_KEY, process.env.DB, process.env.URL].join(' ')); process.exit(7)";
    const result = await cli(["run", "--mock", "-f", env, "--", process.execPath, "-e", script]);
    expect(result.code).toBe(7);
    // The resolved values are masked in the command's output (the command itself had them: it printed them).
    expect(result.stdout).toBe("<concealed by typed-secrets> <concealed by typed-secrets> postgres://db/app\n");
    expect(result.stderr).toMatch(/^typed-secrets: --mock: voximplant calls go to the embedded emulator at http:\/\/127\.0\.0\.1:\d+ /m);
    expect(result.stderr).toMatch(/^typed-secrets: --mock: dapr calls go to the embedded emulator/m);
    expect(result.stderr).not.toMatch(/demo-api-key-value|demo-db-secret-value/);
  });

  it("with TYPED_SECRETS_MOCK=1 (a whole script's switch), and saying so", { timeout: TIMEOUT }, async () => {
    const result = await cli(["dapr", "get", "vault", "db-secret"], { env: { TYPED_SECRETS_MOCK: "1" } });
    expect(result).toMatchObject({ code: 0, stdout: "demo-db-secret-value\n" });
    expect(result.stderr).toMatch(
      new RegExp(`^typed-secrets: TYPED_SECRETS_MOCK=1: dapr calls go to the embedded emulator at ${MOCK_URL}${NOTE}\n${STATE_NOTE}\n$`),
    );
  });

  it("with --mock, even when credentials are configured: get prints the value alone on stdout", { timeout: TIMEOUT }, async () => {
    const result = await cli(["voximplant", "get", "apiKeyProd", "--mock"], {
      env: { VOXIMPLANT_CREDENTIALS: "/nonexistent/credentials.json" },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("demo-api-key-value\n");
    expect(result.stderr).toMatch(
      new RegExp(`^typed-secrets: --mock: voximplant calls go to the embedded emulator at ${MOCK_URL}${NOTE}\n$`),
    );
  });
});

describe.concurrent("run: no mocks needed", () => {
  it("without --mock and without credentials, a reference fails before the command starts (exit 2), naming the variable and the setting", {
    timeout: TIMEOUT,
  }, async () => {
    const marker = path.join(dir, "no-credentials-started");
    const env = file("no-credentials.env", "DB_PASSWORD=dapr://vault/db-secret\nAPI_KEY=voximplant://demo/apiKeyProd\n");
    const result = await cli([
      "run",
      "-f",
      env,
      "--",
      process.execPath,
      "-e",
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "started")`,
    ]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe(
      "typed-secrets: API_KEY: no credentials: set VOXIMPLANT_CREDENTIALS to the path of a service account's credentials.json, or " +
        "pass --mock (or TYPED_SECRETS_MOCK=1) for the embedded emulator\n",
    );
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses gcore:// and unknown schemes before starting, naming the variable and not the value (exit 2)", {
    timeout: TIMEOUT,
  }, async () => {
    const env = file("bad.env", "LOG_LEVEL=info\nDATABASE_URL=postgres://admin:hunter2@db/app\n");
    const result = await cli(["run", "-f", env, "--", process.execPath, "-e", "console.log('started')"]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe(
      "typed-secrets: DATABASE_URL: unknown reference scheme postgres:// (known: voximplant://, dapr://); to pass the value as it " +
        "is, quote it in the env file\n",
    );
    const gcore = await cli(["run", "-f", file("gcore.env", "TLS_KEY=gcore://bfc7824b-31b6-4a28-a0c4-7df137139215\n"), "--", "true"]);
    expect(gcore.code).toBe(2);
    expect(gcore.stderr).toMatch(/^typed-secrets: TLS_KEY: gcore:\/\/ references cannot be resolved: Gcore secrets are write-only/);
  });
});

describe("credentials configured: real clients against mocks this file starts", () => {
  let mocks: Awaited<ReturnType<typeof startMocks>>;
  let failing: Server;
  let env: Record<string, string>;
  let failingUrl = "";
  beforeAll(async () => {
    mocks = await startMocks();
    // Answers 404 to reading one secret and 401 to everything else, the way Gcore does.
    failing = createServer((request, response) => {
      const notFound = request.method === "GET" && /\/secrets\/1\/1\/[0-9a-f-]{36}$/.test(request.url ?? "");
      response.writeHead(notFound ? 404 : 401, { "content-type": "application/json" });
      response.end(
        JSON.stringify(
          notFound
            ? { exception_class: "NotFoundError", message: "Secret not found", request_id: "r1" }
            : { exception_class: "NotAuthenticated", message: "Invalid token" },
        ),
      );
    });
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    failingUrl = `http://127.0.0.1:${(failing.address() as { port: number }).port}`;
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    env = {
      VOXIMPLANT_CREDENTIALS: file("credentials.json", JSON.stringify({ account_id: 1, key_id: "test", private_key: privateKey })),
      VOXIMPLANT_BASE_URL: mocks.urls.voximplant,
      VOXIMPLANT_APPLICATION_NAME: "demo",
      DAPR_HTTP_ENDPOINT: mocks.urls.dapr,
      GCORE_API_KEY: "test-key",
      GCORE_BASE_URL: mocks.urls.gcore,
      GCORE_CLOUD_PROJECT_ID: "1",
      GCORE_CLOUD_REGION_ID: "1",
    };
  }, TIMEOUT);
  afterAll(async () => {
    await mocks?.close();
    failing?.close();
  });

  describe.concurrent("as a process", () => {
    it("voximplant list: an aligned table on stdout, nothing on stderr", { timeout: TIMEOUT }, async () => {
      const result = await cli(["voximplant", "list"], { env });
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout.split("\n")).toEqual([
        "ID   NAME        DESCRIPTION                                   CREATED              MODIFIED",
        "101  apiKeyProd  Production API key for external integrations  2024-05-10 14:22:35  2024-06-01 08:15:42",
        "102  dbPassword  Database password for application DB access   2024-04-20 11:05:12  2024-05-15 16:30:00",
        "",
      ]);
    });

    it("voximplant set reads the value from stdin and reports on stderr only", { timeout: TIMEOUT }, async () => {
      const result = await cli(["voximplant", "set", "apiKeyProd", "--value-stdin"], { env, input: "s3cret-from-stdin\n" });
      expect(result).toEqual({ code: 0, signal: null, stdout: "", stderr: "voximplant: updated secret apiKeyProd\n" });
    });

    it("refuses a value given as an argument without echoing it (exit 2)", { timeout: TIMEOUT }, async () => {
      const result = await cli(["voximplant", "set", "apiKeyProd", "--value=hunter2"], { env });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("secret values are never taken from the command line");
      expect(result.stderr).not.toContain("hunter2");
    });

    it("dapr get -n prints exactly the value", { timeout: TIMEOUT }, async () => {
      expect(await cli(["dapr", "get", "vault", "db-secret", "-n"], { env })).toMatchObject({ code: 0, stdout: "value1", stderr: "" });
    });

    it("dapr get of a missing key is not found (exit 3), naming the keys and not the value", { timeout: TIMEOUT }, async () => {
      const result = await cli(["dapr", "get", "vault", "db-secret", "--key", "password"], { env });
      expect(result).toMatchObject({
        code: 3,
        stdout: "",
        stderr: "typed-secrets: dapr getSecret: secret db-secret has no key password (keys: db-secret)\n",
      });
    });

    it("run fails before the command starts on an unresolvable reference, naming the variable and not the value", {
      timeout: TIMEOUT,
    }, async () => {
      const references = file("missing.env", "FIRST=dapr://vault/db-secret\nTOKEN=dapr://vault/api-key#token\n");
      const result = await cli(["run", "-f", references, "--", process.execPath, "-e", "console.log('started')"], { env });
      expect(result).toMatchObject({ code: 3, stdout: "" });
      expect(result.stderr).toBe(
        "typed-secrets: TOKEN: reference not resolved: dapr getSecret: secret api-key has no key token (keys: db-secret)\n",
      );
    });

    it("gcore upload-cert --wait uploads PEM files and prints the new secret", { timeout: TIMEOUT }, async () => {
      const { ca, leaf } = await createTestCertificates("cli-test.example.com");
      const upload = await cli(
        [
          "gcore",
          "upload-cert",
          "--name",
          "test-cert",
          "--cert",
          file("cert.pem", leaf.certificate),
          "--key",
          file("key.pem", leaf.privateKey),
          "--chain",
          file("chain.pem", ca.certificate),
          "--wait",
        ],
        { env },
      );
      expect(upload.code).toBe(0);
      expect(upload.stderr).toBe("gcore: uploaded certificate test-cert as secret bfc7824b-31b6-4a28-a0c4-7df137139215\n");
      expect(upload.stdout).toMatch(/^id: {13}bfc7824b-31b6-4a28-a0c4-7df137139215\nname: {11}lb-cert\n/);
    });

    it("exit code 4 when the API rejects the credentials", { timeout: TIMEOUT }, async () => {
      const result = await cli(["gcore", "list"], { env: { ...env, GCORE_BASE_URL: failingUrl } });
      expect(result).toMatchObject({
        code: 4,
        stdout: "",
        stderr: "typed-secrets: gcore listSecrets: listing secrets: Invalid token (HTTP 401)\n",
      });
    });

    it("exit code 3 when the secret does not exist", { timeout: TIMEOUT }, async () => {
      const result = await cli(["gcore", "get", "00000000-0000-4000-8000-000000000000"], { env: { ...env, GCORE_BASE_URL: failingUrl } });
      expect(result).toMatchObject({ code: 3, stdout: "" });
      expect(result.stderr).toBe(
        "typed-secrets: gcore getSecret: secret 00000000-0000-4000-8000-000000000000: Secret not found (HTTP 404)\n",
      );
    });

    it("exit code 2 when a setting is missing", { timeout: TIMEOUT }, async () => {
      const { VOXIMPLANT_APPLICATION_NAME: _unused, ...noApplication } = env;
      const result = await cli(["voximplant", "list"], { env: noApplication });
      expect(result).toMatchObject({ code: 2, stdout: "" });
      expect(result.stderr).toContain("voximplant: no application: pass --app NAME|ID or set VOXIMPLANT_APPLICATION_NAME");
    });
  });

  // The rest of the commands, called as a function (same code, no process start) with the same environment.
  describe("in process", () => {
    async function call(argv: string[], input = ""): Promise<{ code: number; stdout: string; stderr: string }> {
      let stdout = "";
      let stderr = "";
      const io: CliIo = {
        stdout: { write: (chunk: string) => (stdout += chunk) },
        stderr: { write: (chunk: string) => (stderr += chunk) },
        stdin: (async function* () {
          yield input;
        })(),
        env,
      };
      return { code: await runCli(argv, { io }), stdout, stderr };
    }

    it("voximplant add, update, delete and list --json", async () => {
      expect(
        await call([
          "voximplant",
          "add",
          "newKey",
          "--value-file",
          file("value.txt", "s3cret-from-file\n"),
          "--description",
          "made by a test",
          "--app",
          "7",
        ]),
      ).toEqual({ code: 0, stdout: "", stderr: "voximplant: added secret newKey (id 10)\n" });
      const update = await call(["voximplant", "update", "--id", "10", "--rename", "renamedKey", "--value-stdin", "--json"], "new-s3cret");
      expect(update.stderr).toBe("voximplant: updated secret id 10: renamed to renamedKey, value changed\n");
      expect(JSON.parse(update.stdout)).toEqual({ action: "updated", id: 10, newName: "renamedKey" });
      expect(await call(["voximplant", "delete", "oldKey", "otherKey"])).toEqual({
        code: 0,
        stdout: "",
        stderr: "voximplant: deleted secret oldKey, otherKey\n",
      });
      expect(await call(["voximplant", "delete", "--id", "101", "--id", "102"])).toMatchObject({
        code: 0,
        stderr: "voximplant: deleted secret id 101, 102\n",
      });
      expect(await call(["voximplant", "delete", "--all", "--yes"])).toMatchObject({
        code: 0,
        stderr: "voximplant: deleted every secret\n",
      });
      const list = await call(["voximplant", "list", "--json", "--name-part", "Prod"]);
      expect(JSON.parse(list.stdout).map((secret: { id: number; name: string }) => [secret.id, secret.name])).toEqual([
        [101, "apiKeyProd"],
        [102, "dbPassword"],
      ]);
      expect(await call(["voximplant", "get", "--id", "10", "-n"])).toEqual({ code: 0, stdout: "example-value-not-a-secret", stderr: "" });
    });

    it("dapr bulk lists names and keys, not values; --json has the values; wait reports readiness", async () => {
      const bulk = await call(["dapr", "bulk", "vault"]);
      expect(bulk).toEqual({
        code: 0,
        stdout: "SECRET     KEYS\napi-key    api-key\ndb-secret  db-secret\n",
        stderr: "dapr: 2 secrets; values not shown: use 'dapr get vault NAME' or --json\n",
      });
      expect(JSON.parse((await call(["dapr", "bulk", "vault", "--json", "--metadata", "namespace=prod"])).stdout)).toEqual({
        "db-secret": { "db-secret": "value1" },
        "api-key": { "api-key": "value2" },
      });
      expect(await call(["dapr", "wait", "--timeout", "5"])).toEqual({ code: 0, stdout: "", stderr: "dapr: the sidecar is ready\n" });
    });

    it("gcore list, get, delete (task id, or --wait) and task", async () => {
      const list = await call(["gcore", "list"]);
      expect(list.stdout).toBe(
        "ID                                    NAME     TYPE         STATUS  CREATED              " +
          "EXPIRES\nbfc7824b-31b6-4a28-a0c4-7df137139215  lb-cert  certificate  ACTIVE  2026-03-23 20:00:00  2027-03-23 20:00:00\n",
      );
      expect((await call(["gcore", "get", "bfc7824b-31b6-4a28-a0c4-7df137139215", "--project", "2", "--region", "3"])).stdout).toContain(
        "content types:  default: application/octet-stream\n",
      );
      expect(await call(["gcore", "delete", "bfc7824b-31b6-4a28-a0c4-7df137139215"])).toEqual({
        code: 0,
        stdout: "e589bf3a-efed-4970-93a1-a7215536f676\n",
        stderr:
          "gcore: deletion of bfc7824b-31b6-4a28-a0c4-7df137139215 started; follow it with 'typed-secrets gcore task " +
          "e589bf3a-efed-4970-93a1-a7215536f676'\n",
      });
      expect(await call(["gcore", "delete", "bfc7824b-31b6-4a28-a0c4-7df137139215", "--wait"])).toMatchObject({
        code: 0,
        stderr: "gcore: deleted secret bfc7824b-31b6-4a28-a0c4-7df137139215\n",
      });
      const task = await call(["gcore", "task", "e589bf3a-efed-4970-93a1-a7215536f676", "--json"]);
      expect(JSON.parse(task.stdout)).toMatchObject({ state: "FINISHED", createdSecretIds: ["bfc7824b-31b6-4a28-a0c4-7df137139215"] });
      expect((await call(["gcore", "get", "not-a-uuid"])).code).toBe(2);
    });
  });
});
