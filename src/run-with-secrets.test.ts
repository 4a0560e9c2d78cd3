// Secret references: parsing, resolution with fake clients, and runWithSecrets with a real child process.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, NotFoundError, ValidationError } from "./core/errors.js";
import type { DaprClient } from "./providers/dapr/client.js";
import type { VoximplantClient } from "./providers/voximplant/client.js";
import {
  CommandStartError,
  parseSecretReference,
  resolveSecretReferences,
  runWithSecrets,
  SecretReferenceError,
  type SecretReferenceClients,
} from "./run-with-secrets.js";

type VoximplantGet = Pick<VoximplantClient, "getSecret">;
type DaprGet = Pick<DaprClient, "getSecret">;

function fakeClients(values: Record<string, string>, calls: string[] = []): { voximplant: VoximplantGet; dapr: DaprGet } {
  return {
    voximplant: {
      getSecret: async (ref) => {
        calls.push(`voximplant ${JSON.stringify(ref)}`);
        const value = values[`voximplant/${ref.application?.name ?? ref.application?.id}/${ref.name}`];
        if (value === undefined)
          throw new NotFoundError("Secret not found (Voximplant code 496)", { provider: "voximplant", operation: "GetSecretValue" });
        return { key: ref.name ?? "", id: 1, name: ref.name ?? "", value };
      },
    },
    dapr: {
      getSecret: async (store, name, options) => {
        calls.push(`dapr ${store} ${name} ${JSON.stringify(options?.metadata ?? {})}`);
        if (store === "locked")
          throw new AuthenticationError("secret in store locked: invalid or missing Dapr API token", {
            provider: "dapr",
            operation: "getSecret",
            status: 401,
          });
        return name === "multi" ? { user: "admin", password: "p@ss" } : { [name]: values[`dapr/${store}/${name}`] ?? "" };
      },
    },
  };
}

function failure(run: () => unknown): SecretReferenceError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretReferenceError) return error;
    throw error;
  }
  throw new Error("expected a SecretReferenceError");
}

async function rejection(promise: Promise<unknown>): Promise<SecretReferenceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SecretReferenceError);
  return error as SecretReferenceError;
}

describe("parseSecretReference", () => {
  it("reads voximplant://APP/NAME with an application name or a numeric id", () => {
    expect(parseSecretReference("voximplant://my-app/dbPassword", "DB")).toEqual({
      provider: "voximplant",
      application: { name: "my-app" },
      name: "dbPassword",
    });
    expect(parseSecretReference("voximplant://42/dbPassword", "DB")).toEqual({
      provider: "voximplant",
      application: { id: 42 },
      name: "dbPassword",
    });
  });

  it("reads dapr://STORE/NAME with an optional #KEY, ?metadata and %-escapes", () => {
    expect(parseSecretReference("dapr://vault/db", "X")).toEqual({ provider: "dapr", store: "vault", name: "db" });
    expect(parseSecretReference("dapr://kubernetes/db-secret?namespace=prod#password", "X")).toEqual({
      provider: "dapr",
      store: "kubernetes",
      name: "db-secret",
      key: "password",
      metadata: { namespace: "prod" },
    });
    expect(parseSecretReference("dapr://vault/team%2Fdb#a%23b", "X")).toEqual({
      provider: "dapr",
      store: "vault",
      name: "team/db",
      key: "a#b",
    });
  });

  it("refuses gcore:// (write-only payloads), unknown schemes and malformed references, naming the variable and not the value", () => {
    const gcore = failure(() => parseSecretReference("gcore://bfc7824b-31b6-4a28-a0c4-7df137139215", "TLS_KEY"));
    expect(gcore).toMatchObject({ code: "ERR_SECRET_REFERENCE", causeCode: "ERR_VALIDATION", variable: "TLS_KEY", reason: "unsupported" });
    expect(gcore.message).not.toContain("bfc7824b");

    const unknown = failure(() => parseSecretReference("postgres://admin:hunter2@db/app", "DATABASE_URL"));
    expect(unknown).toMatchObject({ variable: "DATABASE_URL", reason: "unknown-scheme" });
    expect(unknown.message).not.toContain("hunter2");

    for (const value of [
      "voximplant://only-app",
      "voximplant://app/name/extra",
      "dapr://store",
      "dapr://vault/%E0%A4%A",
      "voximplant:///name",
    ]) {
      const malformed = failure(() => parseSecretReference(value, "BROKEN"));
      expect(malformed).toMatchObject({
        variable: "BROKEN",
        reason: "malformed",
        code: "ERR_SECRET_REFERENCE",
        causeCode: "ERR_VALIDATION",
      });
      expect(malformed.message).not.toContain(value);
    }
  });
});

describe("resolveSecretReferences", () => {
  const values = { "voximplant/my-app/apiKey": "vox-value", "dapr/vault/db": "dapr-value" };

  it("resolves every reference, reading identical references once", async () => {
    const calls: string[] = [];
    const resolved = await resolveSecretReferences(
      {
        API_KEY: "voximplant://my-app/apiKey",
        SAME_KEY: "voximplant://my-app/apiKey",
        DB: "dapr://vault/db",
        USER: "dapr://k8s/multi#user",
        VERSIONED: "dapr://vault/db?version_id=2",
      },
      fakeClients(values, calls),
    );
    expect(resolved).toEqual({ API_KEY: "vox-value", SAME_KEY: "vox-value", DB: "dapr-value", USER: "admin", VERSIONED: "dapr-value" });
    expect(calls.filter((call) => call.startsWith("voximplant"))).toHaveLength(1);
    expect(calls).toContain('dapr vault db {"version_id":"2"}');
  });

  it("calls a lazy client only when a reference needs it", async () => {
    let created = 0;
    const clients: SecretReferenceClients = {
      dapr: fakeClients(values).dapr,
      voximplant: () => ((created += 1), fakeClients(values).voximplant),
    };
    await resolveSecretReferences({ DB: "dapr://vault/db" }, clients);
    expect(created).toBe(0);
  });

  it("fails on the first unresolvable variable, keeping the provider error's code and naming the others", async () => {
    const error = await rejection(
      resolveSecretReferences(
        { OK: "dapr://vault/db", MISSING: "voximplant://my-app/nope", LOCKED: "dapr://locked/x" },
        fakeClients(values),
      ),
    );
    expect(error).toMatchObject({ variable: "MISSING", reason: "unresolved", code: "ERR_SECRET_REFERENCE", causeCode: "ERR_NOT_FOUND" });
    // The first failure is the error, the others are named in its message.
    expect(error.message).toContain("LOCKED");
    expect(error.message).not.toContain("dapr-value");

    const locked = await rejection(resolveSecretReferences({ LOCKED: "dapr://locked/x" }, fakeClients(values)));
    expect([locked.code, locked.causeCode]).toEqual(["ERR_SECRET_REFERENCE", "ERR_AUTHENTICATION"]);
  });

  it("names the variable whose Dapr secret lacks the key, listing the keys and never their values", async () => {
    const error = await rejection(resolveSecretReferences({ PASSWORD: "dapr://k8s/multi" }, fakeClients(values)));
    expect(error).toMatchObject({ variable: "PASSWORD", code: "ERR_SECRET_REFERENCE", causeCode: "ERR_NOT_FOUND" });
    expect(error.message).toContain("user, password");
    expect(error.message).not.toMatch(/admin|p@ss/);
  });

  it("checks every reference before reading any", async () => {
    const calls: string[] = [];
    const error = await rejection(resolveSecretReferences({ DB: "dapr://vault/db", TLS: "gcore://x" }, fakeClients(values, calls)));
    expect(error.variable).toBe("TLS");
    expect(calls).toEqual([]);
    const noClient = await rejection(resolveSecretReferences({ DB: "dapr://vault/db" }, { voximplant: fakeClients(values).voximplant }));
    expect(noClient).toMatchObject({ variable: "DB", reason: "no-client", code: "ERR_SECRET_REFERENCE", causeCode: "ERR_CONFIGURATION" });
  });
});

describe("runWithSecrets", () => {
  const clients = fakeClients({ "voximplant/my-app/apiKey": "vox-value", "voximplant/my-app/withNul": "top\0secret-value" });
  const leaks = (error: unknown) =>
    [String(error), JSON.stringify(error), inspect(error, { depth: 5 })].some((text) => text.includes("secret-value"));

  it("starts the command with the resolved variables added to its environment and answers its exit code", async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), "run-with-secrets-")), "out.json");
    const script =
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, JSON.stringify({ key: process.env.API_KEY, plain: ` +
      `process.env.PLAIN })); process.exit(3)`;
    const result = await runWithSecrets({
      command: process.execPath,
      args: ["-e", script],
      references: { API_KEY: "voximplant://my-app/apiKey" },
      env: { PLAIN: "kept" },
      clients,
      stdio: "ignore",
    });
    expect(result).toEqual({ exitCode: 3, signal: null });
    expect(JSON.parse(readFileSync(marker, "utf8"))).toEqual({ key: "vox-value", plain: "kept" });
  });

  it("does not start the command when a reference fails", async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), "run-with-secrets-")), "started");
    const script = `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "yes")`;
    const error = await rejection(
      runWithSecrets({
        command: process.execPath,
        args: ["-e", script],
        references: { MISSING: "voximplant://my-app/nope" },
        clients,
        stdio: "ignore",
      }),
    );
    expect(error.variable).toBe("MISSING");
    expect(existsSync(marker)).toBe(false);
  });

  it("answers the signal that ended the command, and a missing command as ENOENT", async () => {
    const listeners = process.listenerCount("SIGTERM");
    const killed = await runWithSecrets({
      command: process.execPath,
      args: ["-e", "process.kill(process.pid, 'SIGTERM')"],
      references: {},
      clients,
      stdio: "ignore",
    });
    expect(killed).toEqual({ exitCode: null, signal: "SIGTERM" });
    await expect(
      runWithSecrets({ command: "typed-secrets-no-such-command", references: {}, clients, stdio: "ignore" }),
    ).rejects.toMatchObject({
      code: "ERR_COMMAND_START",
      systemCode: "ENOENT",
    });
    expect(process.listenerCount("SIGTERM")).toBe(listeners);
  });

  it("refuses a resolved value holding a NUL byte before starting, naming the variable and never the value", async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), "run-with-secrets-")), "started");
    const script = `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "yes")`;
    const error = await rejection(
      runWithSecrets({
        command: process.execPath,
        args: ["-e", script],
        references: { TOKEN: "voximplant://my-app/withNul" },
        clients,
        stdio: "ignore",
      }),
    );
    expect(error).toMatchObject({ variable: "TOKEN", reason: "invalid-value", code: "ERR_SECRET_REFERENCE", causeCode: "ERR_VALIDATION" });
    expect(leaks(error)).toBe(false);
    // The same for a variable of `env`, as a ValidationError naming it.
    const literal = await runWithSecrets({
      command: process.execPath,
      args: ["-e", script],
      references: {},
      env: { PLAIN: "top\0secret-value" },
      clients,
      stdio: "ignore",
    }).catch((reason: unknown) => reason);
    expect(literal).toBeInstanceOf(ValidationError);
    expect(literal).toMatchObject({
      code: "ERR_VALIDATION",
      field: "env.PLAIN",
    });
    expect(leaks(literal)).toBe(false);
    expect(existsSync(marker)).toBe(false);
  });

  it("reports a failure of spawn itself by its code, never by Node's message (which quotes the value)", async () => {
    const listeners = process.listenerCount("SIGINT");
    const error = await runWithSecrets({
      command: process.execPath,
      args: ["-e", "top\0secret-value"],
      references: {},
      clients,
      stdio: "ignore",
    }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CommandStartError);
    expect(error).toMatchObject({
      code: "ERR_COMMAND_START",
      systemCode: "ERR_INVALID_ARG_VALUE",
    });
    expect((error as Error).cause).toBeUndefined();
    expect(leaks(error)).toBe(false);
    expect(process.listenerCount("SIGINT")).toBe(listeners);
  });

  it("masks resolved values in stdout and stderr, streaming; short values are reported; masking: false shows them", async () => {
    const values = fakeClients({ "voximplant/my-app/long": "long-s3cret-value", "voximplant/my-app/short": "pin12" });
    const references = { LONG: "voximplant://my-app/long", SHORT: "voximplant://my-app/short" };
    // The value is written in two pieces, so it is split across chunks.
    const script =
      "const v = process.env.LONG; process.stdout.write(v.slice(0, 5)); setTimeout(() => { process.stdout.write(v.slice(5) + ' ' + " +
      "process.env.SHORT + '\\n'); console.error('err: ' + v); }, 20);";
    const capture = () => {
      const chunks: string[] = [];
      return { chunks, stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString()), done()) }) };
    };
    const [stdout, stderr] = [capture(), capture()];
    const unmasked: string[][] = [];
    const result = await runWithSecrets({
      command: process.execPath,
      args: ["-e", script],
      references,
      clients: values,
      output: { stdout: stdout.stream, stderr: stderr.stream },
      onUnmasked: (names) => unmasked.push(names),
    });
    expect(result).toEqual({ exitCode: 0, signal: null });
    expect(stdout.chunks.join("")).toBe("<concealed by typed-secrets> pin12\n");
    expect(stderr.chunks.join("")).toBe("err: <concealed by typed-secrets>\n");
    expect(unmasked).toEqual([["SHORT"]]);
    let plain = "";
    const onStart = (child: ChildProcess) => child.stdout!.on("data", (chunk: Buffer) => (plain += chunk.toString()));
    await runWithSecrets({
      command: process.execPath,
      args: ["-e", "console.log(process.env.LONG)"],
      references,
      clients: values,
      masking: false,
      stdio: ["ignore", "pipe", "inherit"],
      onStart,
    });
    expect(plain).toBe("long-s3cret-value\n");
  });
});
