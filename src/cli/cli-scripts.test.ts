// The CLI as scripts and CI use it, spawned by both routes (built bin, tsx): no silent mocks, Node's --env-file
// refused, bounded inputs, exit codes and JSON, errors that say what to do next.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type RequestListener, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES, runCliProcess, tempFiles, type CliProcessOptions } from "../testing/cli-process.js";

const TIMEOUT = 30_000;
const { dir, file } = tempFiles("typed-secrets-cli-scripts-");

async function listen(handler: RequestListener, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const { server } = await listen(() => {});
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const MISSING_VOXIMPLANT =
  "typed-secrets: voximplant: no credentials: set VOXIMPLANT_CREDENTIALS to the path of a service account's credentials.json, or " +
  "pass --mock (or TYPED_SECRETS_MOCK=1) for the embedded emulator\n";

describe.each(ROUTES)("route %s", (route) => {
  const cli = (args: string[], options: CliProcessOptions = {}) => runCliProcess(args, { route, ...options });

  describe.concurrent("no silent mocks", () => {
    it("an empty VOXIMPLANT_CREDENTIALS (CI's missing secret) exits 2 with one line; stdout stays empty; set never reports a write", {
      timeout: TIMEOUT,
    }, async () => {
      expect(await cli(["voximplant", "get", "dbPassword"], { env: { VOXIMPLANT_CREDENTIALS: "" } })).toEqual({
        code: 2,
        signal: null,
        stdout: "",
        stderr: MISSING_VOXIMPLANT,
      });
      const value = file(`value-${route}.txt`, "new-value\n");
      expect(
        await cli(["voximplant", "set", "dbPassword", "--app", "demo", "--value-file", value], { env: { VOXIMPLANT_CREDENTIALS: " " } }),
      ).toEqual({ code: 2, signal: null, stdout: "", stderr: MISSING_VOXIMPLANT });
      const gcore = await cli(["gcore", "list"], { env: { GCORE_API_KEY: "", GCORE_CLOUD_PROJECT_ID: "1", GCORE_CLOUD_REGION_ID: "1" } });
      expect(gcore).toMatchObject({ code: 2, stdout: "" });
      expect(gcore.stderr).toBe(
        "typed-secrets: gcore: no credentials: set GCORE_API_KEY (with GCORE_CLOUD_PROJECT_ID and GCORE_CLOUD_REGION_ID), or pass " +
          "--mock (or TYPED_SECRETS_MOCK=1) for the embedded emulator\n",
      );
    });

    it("dapr without DAPR_HTTP_* goes to 127.0.0.1:3500, as the library and the official SDK do", { timeout: TIMEOUT }, async (context) => {
      let sidecar: Awaited<ReturnType<typeof listen>>;
      try {
        sidecar = await listen(
          (request, response) =>
            response
              .writeHead(200, { "content-type": "application/json" })
              .end(JSON.stringify({ [decodeURIComponent(request.url!.split("/").pop()!)]: "from-the-sidecar" })),
          3500,
        );
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = `port 3500 is taken on this machine (${code}): the default address cannot be tested here`;
        console.log(`skipped: ${reason}`);
        return context.skip(reason);
      }
      try {
        expect(await cli(["dapr", "get", "vault", "db-secret"])).toEqual({
          code: 0,
          signal: null,
          stdout: "from-the-sidecar\n",
          stderr: "",
        });
      } finally {
        sidecar.server.close();
      }
    });
  });

  describe.concurrent("Node's --env-file", () => {
    it("is refused with exit 2 and one line; a NODE_OPTIONS payload in the file never runs in the CLI process", {
      timeout: TIMEOUT,
    }, async () => {
      const marker = path.join(dir, `payload-${route}.pid`);
      const payload = file(`payload-${route}.cjs`, `require("node:fs").appendFileSync(${JSON.stringify(marker)}, process.pid + "\\n");\n`);
      const envFile = file(`payload-${route}.env`, `NODE_OPTIONS=--require ${payload}\nMODE=from-file\n`);
      const refused = await cli(["run", "--env-file", envFile, "--", process.execPath, "-e", "console.log('started')"]);
      expect(refused).toEqual({
        code: 2,
        signal: null,
        stdout: "",
        stderr:
          "typed-secrets: --env-file is Node's own option (Node loads that file itself, before this CLI runs): use -f FILE / --file FILE\n",
      });
      expect(existsSync(marker)).toBe(false);
      // With -f, the file's NODE_OPTIONS reaches the command only: the payload runs in the child, whose pid it writes.
      const ran = await cli(["run", "-f", envFile, "--", process.execPath, "-e", "console.log(process.pid, process.env.MODE)"]);
      expect(ran).toMatchObject({ code: 0, stderr: "" });
      const [childPid, mode] = ran.stdout.trim().split(" ");
      expect(mode).toBe("from-file");
      expect(readFileSync(marker, "utf8")).toBe(`${childPid}\n`);
    });

    it("a missing file exits 2 with the CLI's message (Node's would be exit 9)", { timeout: TIMEOUT }, async () => {
      expect(await cli(["run", "--env-file", "/nonexistent/app.env", "--", "true"])).toMatchObject({ code: 2, stdout: "" });
      expect(await cli(["run", "-f", "/nonexistent/app.env", "--", "true"])).toEqual({
        code: 2,
        signal: null,
        stdout: "",
        stderr: "typed-secrets: -f /nonexistent/app.env: cannot read the file (ENOENT)\n",
      });
    });

    it("-f is repeatable and later files win", { timeout: TIMEOUT }, async () => {
      const first = file(`first-${route}.env`, "A=first\nB=first\n");
      const second = file(`second-${route}.env`, "B=second\n");
      const result = await cli([
        "run",
        "-f",
        first,
        "--file",
        second,
        "--",
        process.execPath,
        "-e",
        "console.log(process.env.A, process.env.B)",
      ]);
      expect(result).toEqual({ code: 0, signal: null, stdout: "first second\n", stderr: "" });
    });
  });

  describe.concurrent("bounded inputs", () => {
    const fifo = path.join(dir, `fifo-${route}`);
    beforeAll(() => void execFileSync("mkfifo", [fifo]));
    const big = file(`big-${route}.txt`, Buffer.alloc((1 << 20) + 1, 0x61));
    const small = file(`small-${route}.pem`, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    const notRegular = (option: string, target: string) =>
      `typed-secrets: ${option} ${target}: not a regular file (a FIFO, device or directory is refused: it may never end)\n`;

    it.each([
      ["-f", (target: string) => ["run", "-f", target, "--", "true"]],
      ["--value-file", (target: string) => ["voximplant", "set", "x", "--app", "demo", "--value-file", target, "--mock"]],
      ["--cert", (target: string) => ["gcore", "upload-cert", "--name", "x", "--cert", target, "--key", small, "--chain", small, "--mock"]],
    ] as const)(
      "%s: a FIFO or /dev/zero exits 2 at once, an oversized file names the 1 MiB limit",
      { timeout: TIMEOUT },
      async (option, argv) => {
        for (const target of [fifo, "/dev/zero"])
          expect(await cli([...argv(target)])).toMatchObject({
            code: 2,
            stdout: "",
            stderr: expect.stringContaining(notRegular(option, target)),
          });
        expect(await cli([...argv(big)])).toMatchObject({
          code: 2,
          stdout: "",
          stderr: expect.stringContaining(`typed-secrets: ${option} ${big}: larger than the limit of 1 MiB\n`),
        });
      },
    );

    it("a credentials file must be a regular file of at most 64 KiB", { timeout: TIMEOUT }, async () => {
      const oversized = file(`credentials-${route}.json`, `{"padding":"${"x".repeat(64 * 1024)}"}`);
      for (const [target, reason] of [
        [fifo, "not a regular file"],
        [oversized, "larger than the limit of 64 KiB"],
      ] as const) {
        const result = await cli(["voximplant", "list", "--app", "demo"], { env: { VOXIMPLANT_CREDENTIALS: target } });
        expect(result).toMatchObject({ code: 2, stdout: "" });
        expect(result.stderr).toContain(`voximplant: credentials (${target}): ${reason}`);
      }
    });

    it("stdin is bounded to 1 MiB", { timeout: TIMEOUT }, async () => {
      const result = await cli(["voximplant", "set", "x", "--app", "demo", "--value-stdin", "--mock"], {
        input: "a".repeat((1 << 20) + 10),
      });
      expect(result).toMatchObject({ code: 2, stdout: "" });
      expect(result.stderr).toContain("typed-secrets: stdin: more than the limit of 1 MiB\n");
    });
  });

  describe.concurrent("errors that say what to do next", () => {
    it("a connection error names the host and port; dapr wait names the address it waited on", { timeout: TIMEOUT }, async () => {
      const port = await closedPort();
      const env = { DAPR_HTTP_PORT: String(port) };
      expect(await cli(["dapr", "get", "vault", "db"], { env })).toEqual({
        code: 1,
        signal: null,
        stdout: "",
        stderr: `typed-secrets: dapr getSecret: cannot reach 127.0.0.1:${port} (ECONNREFUSED)\n`,
      });
      const wait = await cli(["dapr", "wait", "--timeout", "0.2"], { env });
      expect(wait).toMatchObject({ code: 1, stdout: "" });
      expect(wait.stderr).toBe(
        `typed-secrets: dapr getOutboundHealth: gave up waiting for the Dapr sidecar at http://127.0.0.1:${port} to load its components ` +
          `after 200 ms\n`,
      );
    });

    it("an option without its value gets the CLI's own message; bad switches are named", { timeout: TIMEOUT }, async () => {
      expect(await cli(["voximplant", "list", "--app"], { env: { VOXIMPLANT_CREDENTIALS: "/x" } })).toMatchObject({
        code: 2,
        stderr:
          "typed-secrets: voximplant list: --app needs a value (--app NAME|ID)\nRun 'typed-secrets voximplant list --help' for usage.\n",
      });
      expect(await cli(["--version"], { env: { TYPED_SECRETS_DEBUG: "maybe" } })).toMatchObject({
        code: 2,
        stderr:
          "typed-secrets: TYPED_SECRETS_DEBUG must be 1 or 0 (or true/false, yes/no, on/off)\nRun 'typed-secrets --help' for usage.\n",
      });
      expect(
        await cli(["gcore", "upload-cert", "--name", "x", "--cert", "c", "--key", "k", "--chain", "c", "--timeout", "5", "--mock"]),
      ).toMatchObject({ code: 2, stderr: expect.stringContaining("--timeout applies to the wait: add --wait") });
    });
  });
});

describe.concurrent("--json on every command never crashes: the exit code is the command's and stdout parses", () => {
  const fake = tempFiles("typed-secrets-cli-json-");
  let servers: { voximplant: string; dapr: string; gcore: string; close(): Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    const { startMocks } = await import("../mock/prism-mocks.js");
    const { generateKeyPairSync } = await import("node:crypto");
    const mocks = await startMocks();
    servers = { ...mocks.urls, close: mocks.close };
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    env = {
      VOXIMPLANT_CREDENTIALS: fake.file("credentials.json", JSON.stringify({ account_id: 1, key_id: "test", private_key: privateKey })),
      VOXIMPLANT_BASE_URL: servers.voximplant,
      VOXIMPLANT_APPLICATION_NAME: "demo",
      DAPR_HTTP_ENDPOINT: servers.dapr,
      GCORE_API_KEY: "test-key",
      GCORE_BASE_URL: servers.gcore,
      GCORE_CLOUD_PROJECT_ID: "1",
      GCORE_CLOUD_REGION_ID: "1",
    };
  }, TIMEOUT);
  afterAll(() => servers?.close());

  const secretId = "bfc7824b-31b6-4a28-a0c4-7df137139215";
  const taskId = "e589bf3a-efed-4970-93a1-a7215536f676";
  const CASES: Record<string, () => Promise<string[]>> = {
    "voximplant list": async () => ["voximplant", "list"],
    "voximplant get": async () => ["voximplant", "get", "apiKeyProd"],
    "voximplant add": async () => ["voximplant", "add", "newKey", "--value-file", fake.file("v1.txt", "value-one")],
    "voximplant set": async () => ["voximplant", "set", "apiKeyProd", "--value-file", fake.file("v2.txt", "value-two")],
    "voximplant update": async () => ["voximplant", "update", "apiKeyProd", "--description", "changed"],
    "voximplant delete": async () => ["voximplant", "delete", "apiKeyProd"],
    "dapr get": async () => ["dapr", "get", "vault", "db-secret"],
    "dapr bulk": async () => ["dapr", "bulk", "vault"],
    "dapr wait": async () => ["dapr", "wait", "--timeout", "20"],
    "gcore list": async () => ["gcore", "list"],
    "gcore get": async () => ["gcore", "get", secretId],
    "gcore upload-cert": async () => {
      const { createTestCertificates } = await import("./self-signed.js");
      const { ca, leaf } = await createTestCertificates("json.example.com");
      return [
        "gcore",
        "upload-cert",
        "--name",
        "json-cert",
        "--cert",
        fake.file("c.pem", leaf.certificate),
        "--key",
        fake.file("k.pem", leaf.privateKey),
        "--chain",
        fake.file("ca.pem", ca.certificate),
      ];
    },
    "gcore delete": async () => ["gcore", "delete", secretId],
    "gcore task": async () => ["gcore", "task", taskId],
    run: async () => ["run", "--", process.execPath, "-e", "console.log(JSON.stringify({ ran: true }))"],
    read: async () => ["read", "dapr://vault/db-secret"],
  };

  // The first import of the CLI's modules in this file: seconds on a loaded machine, so not the default 5 s limit.
  it("covers every command of the CLI (the tour and emulate, which refuse --json, are checked below and in emulate.test.ts)", {
    timeout: TIMEOUT,
  }, async () => {
    const { COMMANDS, GROUPS } = await import("./cli.js");
    const all = [
      ...GROUPS.flatMap((group) => group.commands.map((command) => `${group.name} ${command.name}`)),
      ...COMMANDS.map((command) => command.name),
    ];
    expect([...Object.keys(CASES), "tour", "emulate"].sort()).toEqual(all.sort());
  });

  it.each(Object.keys(CASES))("%s --json", { timeout: TIMEOUT }, async (name) => {
    const argv = await CASES[name]!();
    // Before `--`: what follows it is the command's.
    const at = argv.includes("--") ? argv.indexOf("--") : argv.length;
    const result = await runCliProcess([...argv.slice(0, at), "--json", ...argv.slice(at)], { route: "dist", env });
    expect(result.code, result.stderr).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  it("dapr get --key KEY --json prints that key only; a missing key is exit 3 with a JSON error and nothing on stdout", {
    timeout: TIMEOUT,
  }, async () => {
    const one = await runCliProcess(["dapr", "get", "vault", "db-secret", "--key", "db-secret", "--json"], { route: "dist", env });
    expect({ code: one.code, json: JSON.parse(one.stdout) }).toEqual({ code: 0, json: { "db-secret": "value1" } });
    const missing = await runCliProcess(["dapr", "get", "vault", "db-secret", "--key", "nope", "--json"], { route: "dist", env });
    expect(missing).toMatchObject({ code: 3, stdout: "" });
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: "ERR_NOT_FOUND", name: "NotFoundError" } });
  });

  it("the tsx route too: dapr get and bulk with --json exit 0", { timeout: TIMEOUT }, async () => {
    for (const argv of [
      ["dapr", "get", "vault", "db-secret", "--json"],
      ["dapr", "bulk", "vault", "--json"],
    ]) {
      const result = await runCliProcess(argv, { route: "tsx", env });
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(() => JSON.parse(result.stdout)).not.toThrow();
    }
  });

  it("tour refuses --json (exit 2, the error as JSON on stderr)", { timeout: TIMEOUT }, async () => {
    const result = await runCliProcess(["tour", "--json"], { route: "dist", env });
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(JSON.parse(result.stderr.split("\n")[0]!)).toEqual({ error: { name: "UsageError", message: "tour: unknown option --json" } });
  });
});
