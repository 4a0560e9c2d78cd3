// What the CLI prints: safe for a terminal whatever a server sends, masked in `run`, honest help, and the embedded
// emulators in an installation without development dependencies.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, ROUTES, runCliProcess, tempFiles } from "../testing/cli-process.js";

const TIMEOUT = 30_000;
const { file } = tempFiles("typed-secrets-cli-output-");
const OSC52 = "\x1b]52;c;ZXZpbA==\x07";

/** A Dapr sidecar whose names, keys, values and messages carry escape sequences. */
const HOSTILE: Record<string, [number, unknown]> = {
  "/v1.0/secrets/vault/bulk": [200, { [`${OSC52}evil`]: { "k\x1b[2J": "v" }, "ok\u009b31m": { ok: "v" } }],
  "/v1.0/secrets/vault/broken": [500, { errorCode: "ERR_SECRET_GET", message: "failed \x1b]0;pwned\x07 \x1b[2J\x1b[H" }],
  "/v1.0/secrets/vault/raw": [200, { raw: "a\x1b[31mb" }],
  "/v1.0/secrets/vault/db": [200, { db: "long-s3cret-value" }],
  "/v1.0/secrets/vault/pin": [200, { pin: "12345" }],
};

let sidecar: Server;
let env: Record<string, string>;
beforeAll(async () => {
  sidecar = createServer((request, response) => {
    const [status, body] = HOSTILE[request.url!.split("?")[0]!] ?? [404, {}];
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => sidecar.listen(0, "127.0.0.1", resolve));
  env = { DAPR_HTTP_ENDPOINT: `http://127.0.0.1:${(sidecar.address() as { port: number }).port}` };
});
afterAll(() => void sidecar.close());

describe.each(ROUTES)("route %s", (route) => {
  const cli = (args: string[], extra: Record<string, string> = {}) => runCliProcess(args, { route, env: { ...env, ...extra } });

  describe.concurrent("server-supplied text on a terminal", () => {
    it("tables and messages lose escape sequences and control characters; --json keeps them escaped as JSON", {
      timeout: TIMEOUT,
    }, async () => {
      const table = await cli(["dapr", "bulk", "vault"]);
      expect(table.code).toBe(0);
      expect(table.stdout).toBe("SECRET  KEYS\nevil    k\nok      ok\n");
      const failed = await cli(["dapr", "get", "vault", "broken"]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^typed-secrets: dapr getSecret: .*failed +\(HTTP 500\)\n$/);
      for (const text of [table.stdout, table.stderr, failed.stderr]) expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
      const json = await cli(["dapr", "bulk", "vault", "--json"]);
      expect(json.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
      expect(JSON.parse(json.stdout)).toEqual(HOSTILE["/v1.0/secrets/vault/bulk"]![1]);
    });

    it("get prints a value exactly when stdout is not a terminal", { timeout: TIMEOUT }, async () => {
      expect(await cli(["dapr", "get", "vault", "raw", "-n"])).toEqual({ code: 0, signal: null, stdout: "a\x1b[31mb", stderr: "" });
    });
  });

  describe.concurrent("run masks resolved values", () => {
    it("in the command's stdout and stderr; --no-masking shows them; values under 6 characters are named as unmasked", {
      timeout: TIMEOUT,
    }, async () => {
      const refs = file(`refs-${route}.env`, 'DB="dapr://vault/db"\nPIN=dapr://vault/pin\n');
      const script = "console.log(process.env.DB, process.env.PIN); console.error('db=' + process.env.DB); process.exit(5)";
      const masked = await cli(["run", "-f", refs, "--", process.execPath, "-e", script]);
      expect(masked).toEqual({
        code: 5,
        signal: null,
        stdout: "<concealed by typed-secrets> 12345\n",
        stderr: "typed-secrets: not masked in the output (shorter than 6 characters): PIN\ndb=<concealed by typed-secrets>\n",
      });
      const plain = await cli(["run", "--no-masking", "-f", refs, "--", process.execPath, "-e", script]);
      expect(plain).toEqual({ code: 5, signal: null, stdout: "long-s3cret-value 12345\n", stderr: "db=long-s3cret-value\n" });
    });

    it("in the forms a program prints them: JSON-escaped, base64, URL-encoded; env-file values expand ${VAR}", {
      timeout: TIMEOUT,
    }, async () => {
      const refs = file(`forms-${route}.env`, 'DB="dapr://vault/db"\nHOST=db.local\nURL="postgres://app@${HOST}:${PORT:-5432}/app"\n');
      const script =
        "const db = process.env.DB; console.log(JSON.stringify({ db }), Buffer.from(db).toString('base64'), " +
        "encodeURIComponent(db + '/'), process.env.URL)";
      const result = await cli(["run", "-f", refs, "--", process.execPath, "-e", script]);
      const mask = "<concealed by typed-secrets>";
      expect(result).toEqual({
        code: 0,
        signal: null,
        stdout: `{"db":"${mask}"} ${mask}= ${mask}%2F postgres://app@db.local:5432/app\n`,
        stderr: "",
      });
    });

    it("references already in the exported environment are resolved, as op run does", { timeout: TIMEOUT }, async () => {
      const result = await cli(
        ["run", "--no-masking", "--", process.execPath, "-e", "console.log(process.env.FROM_ENV, process.env.URL)"],
        { FROM_ENV: "dapr://vault/db", URL: "postgres://db/app" },
      );
      expect(result).toEqual({ code: 0, signal: null, stdout: "long-s3cret-value postgres://db/app\n", stderr: "" });
    });
  });
});

describe.concurrent("help says what the command does", () => {
  const help = async (...args: string[]) => (await runCliProcess([...args, "--help"], { route: "dist" })).stdout;

  it("run lists 126/127, what --json and --mock mean for it, masking and -f; tour takes no --json", { timeout: TIMEOUT }, async () => {
    const run = await help("run");
    expect(run).toMatch(/^ {2}126 +the command cannot be started/m);
    expect(run).toMatch(/^ {2}127 +the command was not found/m);
    expect(run).toMatch(/^ {2}--json +failures as one JSON line on stderr/m);
    expect(run).toMatch(/^ {2}--mock +resolve references from the embedded emulators/m);
    expect(run).toMatch(/^ {2}-f, --file FILE +an env file/m);
    expect(run).toMatch(/^ {2}--no-masking +/m);
    const tour = await help("tour");
    expect(tour).not.toContain("--json");
    expect(tour).toMatch(/^ {2}--mock +accepted and always on/m);
  });

  it("gcore task --timeout needs no --wait; upload-cert and delete say theirs does", { timeout: TIMEOUT }, async () => {
    expect(await help("gcore", "task")).toMatch(/^ {2}--timeout SECONDS +give up waiting after SECONDS \(default 7200\)$/m);
    for (const command of ["upload-cert", "delete"])
      expect(await help("gcore", command)).toMatch(/^ {2}--timeout SECONDS +with --wait only: /m);
  });
});

describe("an installation without the development dependencies (the emulators need none)", () => {
  // Exactly the files `npm pack` puts in the package, as an npm install lays them out, with the runtime dependencies only.
  const install = mkdtempSync(path.join(tmpdir(), "typed-secrets-install-"));
  beforeAll(() => {
    const packed = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    const files = (JSON.parse(packed) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path);
    expect(files).toContain("dist/src/emulator/index.js");
    for (const file of files) {
      mkdirSync(path.dirname(path.join(install, file)), { recursive: true });
      cpSync(path.join(ROOT, file), path.join(install, file));
    }
    mkdirSync(path.join(install, "node_modules"));
    for (const name of ["openapi-fetch", "openapi-typescript-helpers", "jose"])
      symlinkSync(path.join(ROOT, "node_modules", name), path.join(install, "node_modules", name));
    writeFileSync(path.join(install, "value.txt"), "x");
  });
  const bin = path.join(install, "dist/src/cli/main.js");
  const cli = (...args: string[]) => runCliProcess(args, { route: "dist", bin, env: { VOXIMPLANT_CREDENTIALS: "" } });

  it("--mock runs on the embedded emulator; the missing-credentials line offers it", { timeout: TIMEOUT }, async () => {
    const mock = await cli("voximplant", "list", "--mock", "--json");
    expect(mock).toMatchObject({ code: 0 });
    expect(JSON.parse(mock.stdout).map((secret: { name: string }) => secret.name)).toEqual(["apiKeyProd", "dbPassword"]);
    expect(mock.stderr).toMatch(/^typed-secrets: --mock: voximplant calls go to the embedded emulator at http:\/\/127\.0\.0\.1:\d+ /);
    expect((await cli("voximplant", "get", "x")).stderr).toBe(
      "typed-secrets: voximplant: no credentials: set VOXIMPLANT_CREDENTIALS to the path of a service account's credentials.json, " +
        "or pass --mock (or TYPED_SECRETS_MOCK=1) for the embedded emulator\n",
    );
  });

  it("the tour runs, and shows state: a new value read back, an uploaded certificate listed", { timeout: TIMEOUT }, async () => {
    const tour = await cli("tour");
    expect(tour).toMatchObject({ code: 0, stderr: "" });
    expect(tour.stdout).toContain("rotated-example-value");
    expect(tour.stdout).toMatch(/tour-cert/);
  });
});
