// `typed-secrets emulate`: the export lines it prints point another process (here: the CLI itself, without --mock)
// at the emulators; it serves until SIGTERM or SIGINT and then exits 0.
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../testing/cli-process.js";

const TIMEOUT = 60_000;

/** The variables of `export NAME=value` lines (values as the CLI quotes them: plain, or in single quotes). */
function exported(stdout: string): Record<string, string> {
  const lines = [...stdout.matchAll(/^export ([A-Z_]+)=(.*)$/gm)];
  return Object.fromEntries(lines.map(([, name, value]) => [name!, value!.replace(/^'(.*)'$/s, "$1").replace(/'\\''/g, "'")]));
}

describe("typed-secrets emulate", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "prints export lines another process can use, serves until %s, exits 0",
    { timeout: TIMEOUT },
    async (signal) => {
      let env: Record<string, string> = {};
      let reads: Promise<unknown> | undefined;
      const served = await runCliProcess(["emulate", "voximplant", "dapr", "gcore"], {
        route: "dist",
        onStdout(stdout, pid) {
          if (reads || !stdout.includes("GCORE_CLOUD_REGION_ID")) return;
          env = exported(stdout);
          reads = Promise.all([
            runCliProcess(["voximplant", "get", "apiKeyProd"], { route: "dist", env }),
            runCliProcess(["dapr", "get", "vault", "db-secret"], { route: "dist", env }),
            runCliProcess(["gcore", "list", "--json"], { route: "dist", env }),
          ]).finally(() => process.kill(pid, signal));
        },
      });
      const [voximplant, dapr, gcore] = (await reads) as Array<{ code: number; stdout: string; stderr: string }>;
      expect(served).toMatchObject({ code: 0, signal: null });
      expect(Object.keys(env).sort()).toEqual(
        [
          "DAPR_HTTP_ENDPOINT",
          "DAPR_HTTP_PORT",
          "GCORE_API_KEY",
          "GCORE_BASE_URL",
          "GCORE_CLOUD_PROJECT_ID",
          "GCORE_CLOUD_REGION_ID",
          "VOXIMPLANT_APPLICATION_ID",
          "VOXIMPLANT_BASE_URL",
          "VOXIMPLANT_CREDENTIALS",
        ].sort(),
      );
      expect(voximplant).toMatchObject({ code: 0, stdout: "demo-api-key-value\n", stderr: "" });
      expect(dapr).toMatchObject({ code: 0, stdout: "demo-db-secret-value\n", stderr: "" });
      expect(JSON.parse(gcore!.stdout).map((secret: { name: string }) => secret.name)).toEqual(["lb-cert"]);
    },
  );

  it("refuses an unknown provider and --json (exit 2)", { timeout: TIMEOUT }, async () => {
    expect(await runCliProcess(["emulate", "aws"], { route: "dist" })).toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringContaining("emulate: unknown provider (choose from voximplant, dapr, gcore)"),
    });
    expect((await runCliProcess(["emulate", "--json"], { route: "dist" })).code).toBe(2);
  });
});
