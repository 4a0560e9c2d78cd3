// `typed-secrets read REF`: the value alone (a newline after it unless -n, as `op read`), exact on a pipe, escaped on a
// terminal; the same exit codes as `get` for the same secret; --mock and --json.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess } from "../testing/cli-process.js";
import { runCli } from "./cli.js";
import { createMockPool } from "./connect.js";
import type { CliIo } from "./output.js";

const TIMEOUT = 30_000;
const VALUE = "a\x1b]52;c;ZXZpbA==\x07b\nsecond line";

// A Dapr sidecar (the real API path, no --mock) whose secret holds an escape sequence and a newline.
const sidecar = createServer((request, response) => {
  const found = request.url === "/v1.0/secrets/vault/db";
  response.writeHead(found ? 200 : 500, { "content-type": "application/json" });
  response.end(JSON.stringify(found ? { password: VALUE } : { errorCode: "ERR_SECRET_GET", message: "secret not found" }));
});
let endpoint = "";
beforeAll(
  () =>
    new Promise<void>((listening) =>
      sidecar.listen(0, "127.0.0.1", () => {
        endpoint = `http://127.0.0.1:${(sidecar.address() as { port: number }).port}`;
        listening();
      }),
    ),
);
afterAll(() => void sidecar.close());

async function read(argv: string[], { tty = false } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { isTTY: tty, write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: (async function* () {})(),
    env: { DAPR_HTTP_ENDPOINT: endpoint },
  };
  const mocks = createMockPool();
  try {
    return { code: await runCli(["read", ...argv], { io, mocks }), stdout, stderr };
  } finally {
    await mocks.close();
  }
}

describe("read, against a sidecar", () => {
  it("prints the value exactly and a newline on a pipe; -n prints the value alone", async () => {
    expect(await read(["dapr://vault/db#password"])).toEqual({ code: 0, stdout: `${VALUE}\n`, stderr: "" });
    expect(await read(["dapr://vault/db", "-n"])).toEqual({ code: 0, stdout: VALUE, stderr: "" });
  });

  it("on a terminal: the escape sequence removed, other controls shown escaped, newlines kept, and a note", async () => {
    const result = await read(["dapr://vault/db"], { tty: true });
    expect(result).toEqual({
      code: 0,
      stdout: "ab\nsecond line\n",
      stderr: "typed-secrets: the value holds control characters, shown escaped on this terminal; redirect stdout to get it exactly\n",
    });
  });

  it("--json prints the reference and the value (controls escaped as JSON)", async () => {
    const result = await read(["dapr://vault/db#password", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ reference: "dapr://vault/db#password", value: VALUE });
  });

  it("a missing key or secret exits 3; nothing on stdout", async () => {
    for (const reference of ["dapr://vault/db#nope", "dapr://vault/other"]) {
      const result = await read([reference]);
      expect(result).toMatchObject({ code: 3, stdout: "" });
      expect(result.stderr).toMatch(/^typed-secrets: read: reference not resolved: /);
    }
  });
});

describe.concurrent("read, as a process: the same exit codes as get for the same secret", () => {
  it.each([
    ["voximplant://demo/apiKeyProd", ["voximplant", "get", "apiKeyProd", "--app", "demo"], 0, "demo-api-key-value\n"],
    ["dapr://vault/db-secret", ["dapr", "get", "vault", "db-secret"], 0, "demo-db-secret-value\n"],
    ["dapr://vault/api-keys#stripe", ["dapr", "get", "vault", "api-keys", "--key", "stripe"], 0, "demo-stripe-key\n"],
    ["voximplant://demo/nope", ["voximplant", "get", "nope", "--app", "demo"], 3, ""],
    ["dapr://vault/nope", ["dapr", "get", "vault", "nope"], 3, ""],
    ["voximplant://no-such-app/apiKeyProd", ["voximplant", "get", "apiKeyProd", "--app", "no-such-app"], 3, ""],
  ])("--mock %s", { timeout: TIMEOUT }, async (reference, get, code, stdout) => {
    const [byRead, byGet] = await Promise.all([runCliProcess(["read", reference, "--mock"]), runCliProcess([...get, "--mock"])]);
    expect(byRead).toMatchObject({ code, stdout });
    expect(byGet).toMatchObject({ code, stdout });
  });

  it("without credentials: exit 2 with get's line; malformed and gcore:// references: exit 2 before any connection", {
    timeout: TIMEOUT,
  }, async () => {
    const [byRead, byGet] = await Promise.all([
      runCliProcess(["read", "voximplant://demo/apiKeyProd"]),
      runCliProcess(["voximplant", "get", "apiKeyProd", "--app", "demo"]),
    ]);
    expect(byRead).toMatchObject({ code: 2, stdout: "" });
    expect(byRead.stderr).toBe(byGet.stderr);
    expect(await runCliProcess(["read", "gcore://bfc7824b-31b6-4a28-a0c4-7df137139215"])).toMatchObject({
      code: 2,
      stdout: "",
      stderr:
        "typed-secrets: read: gcore:// references cannot be resolved: Gcore secrets are write-only (the API never returns a payload)\n",
    });
    expect(await runCliProcess(["read", "voximplant://only-app"])).toMatchObject({ code: 2, stdout: "" });
    expect(await runCliProcess(["read"])).toMatchObject({ code: 2, stdout: "" });
  });
});
