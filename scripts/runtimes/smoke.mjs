// The runtime smoke test (npm run test:runtimes), plain JavaScript for any runtime: import every entry of the
// built package, create each client, and read once from each provider's emulator, whose variables are in the
// environment (the Voximplant read signs a real RS256 JWT). Prints one JSON line; exits 1 on any failure.
const env = globalThis.Deno ? globalThis.Deno.env.toObject() : globalThis.process.env;
const root = new URL("../../", import.meta.url);
const load = (entry) => import(new URL(`dist/src/${entry}.js`, root).href);
const checks = [];
const check = async (name, run) => {
  try {
    await run();
    checks.push({ name, ok: true });
  } catch (error) {
    checks.push({ name, ok: false, error: `${error?.name ?? "Error"}: ${error?.message ?? String(error)}` });
  }
};
const expectEqual = (actual, expected) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
};

const entries = {};
// The transport each client chose on this runtime (its JSON form names it).
const transports = new Set();
const used = (client) => (transports.add(JSON.parse(JSON.stringify(client)).transport), client);
await check("import every entry", async () => {
  for (const entry of ["index", "voximplant", "dapr", "gcore", "run", "emulator/index"]) entries[entry] = await load(entry);
  for (const [entry, name] of [
    ["index", "createVoximplantClient"],
    ["voximplant", "createVoximplantClient"],
    ["dapr", "createDaprClient"],
    ["gcore", "createGcoreClient"],
    ["run", "runWithSecrets"],
    ["emulator/index", "startVoximplantEmulator"],
  ])
    if (typeof entries[entry][name] !== "function") throw new Error(`${entry} has no ${name}`);
});
await check("voximplant read (RS256 JWT)", async () => {
  const client = used(entries.voximplant.createVoximplantClient({ env, maxRetries: 0 }));
  expectEqual(await client.getSecretValue("apiKeyProd"), "demo-api-key-value");
});
await check("dapr read", async () => {
  const client = used(entries.dapr.createDaprClient({ env, store: "vault", maxRetries: 0 }));
  expectEqual(await client.getSecretValue("db-secret"), "demo-db-secret-value");
});
await check("gcore list", async () => {
  const client = used(entries.gcore.createGcoreClient({ env, maxRetries: 0 }));
  const names = [];
  for await (const secret of client.listSecrets()) names.push(secret.name);
  expectEqual(names, ["lb-cert"]);
});
console.log(JSON.stringify({ checks, transports: [...transports] }));
if (checks.some((each) => !each.ok)) (globalThis.Deno ? globalThis.Deno.exit : globalThis.process.exit)(1);
