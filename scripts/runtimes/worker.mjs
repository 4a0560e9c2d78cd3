// The workerd smoke test: a Worker whose fetch handler creates each client from its bindings (credentials
// included, as text bindings) and reads once from each provider's emulator. Bundled by test-runtimes.ts.
import * as root from "../../dist/src/index.js";
import { createDaprClient } from "../../dist/src/dapr.js";
import { createGcoreClient } from "../../dist/src/gcore.js";
import { createVoximplantClient } from "../../dist/src/voximplant.js";

async function check(name, run) {
  try {
    await run();
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, error: `${error?.name ?? "Error"}: ${error?.message ?? String(error)}` };
  }
}
function expectEqual(actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export default {
  async fetch(_request, env) {
    const transports = new Set();
    const used = (client) => (transports.add(JSON.parse(JSON.stringify(client)).transport), client);
    const checks = [
      await check("import the root entry", async () => {
        if (typeof root.createVoximplantClient !== "function" || "runWithSecrets" in root) throw new Error("unexpected root entry");
      }),
      await check("voximplant read (RS256 JWT)", async () => {
        const account = JSON.parse(env.VOXIMPLANT_CREDENTIALS_JSON);
        const credentials = { accountId: account.account_id, keyId: account.key_id, privateKey: account.private_key };
        const client = used(createVoximplantClient({ baseUrl: env.VOXIMPLANT_BASE_URL, credentials, application: { id: 1 }, env: {}, maxRetries: 0 }));
        expectEqual(await client.getSecretValue("apiKeyProd"), "demo-api-key-value");
      }),
      await check("dapr read", async () => {
        const client = used(createDaprClient({ baseUrl: env.DAPR_HTTP_ENDPOINT, store: "vault", env: {}, maxRetries: 0 }));
        expectEqual(await client.getSecretValue("db-secret"), "demo-db-secret-value");
      }),
      await check("gcore list", async () => {
        const client = used(createGcoreClient({ baseUrl: env.GCORE_BASE_URL, apiKey: env.GCORE_API_KEY, projectId: 1, regionId: 1, env: {}, maxRetries: 0 }));
        const names = [];
        for await (const secret of client.listSecrets()) names.push(secret.name);
        expectEqual(names, ["lb-cert"]);
      }),
    ];
    return Response.json({ checks, transports: [...transports] });
  },
};
