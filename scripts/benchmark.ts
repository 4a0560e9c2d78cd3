// `npm run bench`: the clients against raw fetch and the official `@dapr/dapr` client, on one loopback server running in
// a child process. Variants run interleaved (rotated order), 3 repetitions, medians; client CPU per request from
// process.cpuUsage(). Also the transport choice (node:http against undici's Pool), heap after 20,000 calls, cold
// start and bundle sizes. Nothing here asserts: each target is printed beside its figure, with "ok" or "MISSED".
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpus } from "node:os";
import { gzipSync } from "node:zlib";
import { CommunicationProtocolEnum, DaprClient as DaprSdkClient } from "@dapr/dapr";
import { build } from "esbuild";
import { SignJWT } from "jose";
import { Cancellation } from "../src/core/cancellation.js";
import type { HttpTransport } from "../src/core/http.js";
import { createNodeTransport } from "../src/core/node-transport.js";
import { createDaprClient } from "../src/providers/dapr/client.js";
import { createGcoreClient } from "../src/providers/gcore/client.js";
import { createVoximplantClient } from "../src/providers/voximplant/client.js";
import { createUndiciTransport } from "./bench/undici-transport.js";
import { type Call, fixed, latency, median, rotated, startServer, verdict } from "./bench/common.js";

const REPETITIONS = 3;
const BLOCKS = 10;
const CALLS_PER_BLOCK = 100;
const CONCURRENCY = 64;
const THROUGHPUT_MS = 4_000;
const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";

async function variants(url: string): Promise<Record<string, Record<string, Call>>> {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const credentials = { accountId: 1, keyId: "bench", privateKey };
  const now = Math.floor(Date.now() / 1000);
  const { createPrivateKey } = await import("node:crypto");
  const claims: Record<string, unknown> = { iss: 1, iat: now, exp: now + 3000 };
  const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "bench" }).sign(createPrivateKey(privateKey));
  const common = { baseUrl: url, env: {} };
  const voximplant = (transport: "node" | "fetch") => createVoximplantClient({ ...common, credentials, application: { id: 1 }, transport });
  const dapr = (transport: "node" | "fetch") => createDaprClient({ ...common, transport });
  const gcore = (transport: "node" | "fetch") =>
    createGcoreClient({ ...common, apiKey: "bench-key", projectId: 1, regionId: 1, transport });
  const [voximplantNode, voximplantFetch] = [voximplant("node"), voximplant("fetch")];
  const [daprNode, daprFetch] = [dapr("node"), dapr("fetch")];
  const [gcoreNode, gcoreFetch] = [gcore("node"), gcore("fetch")];
  const sdk = new DaprSdkClient({
    daprHost: "127.0.0.1",
    daprPort: new URL(url).port,
    communicationProtocol: CommunicationProtocolEnum.HTTP,
  });
  const form = {
    method: "POST",
    body: "application_id=1&secret_id=10",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${jwt}` },
  };
  return {
    "dapr getSecret": {
      "raw fetch": () => fetch(`${url}/v1.0/secrets/vault/db`).then((response) => response.json()),
      "typed-secrets": () => daprNode.getSecret("vault", "db"),
      "transport fetch": () => daprFetch.getSecret("vault", "db"),
      "@dapr/dapr": () => sdk.secret.get("vault", "db"),
    },
    "gcore getSecret": {
      "raw fetch": () =>
        fetch(`${url}/cloud/v1/secrets/1/1/${SECRET_ID}`, { headers: { authorization: "APIKey bench-key" } }).then((response) =>
          response.json(),
        ),
      "typed-secrets": () => gcoreNode.getSecret(SECRET_ID),
      "transport fetch": () => gcoreFetch.getSecret(SECRET_ID),
    },
    "voximplant getSecretValue": {
      "raw fetch": () => fetch(`${url}/GetSecretValue`, form).then((response) => response.json()),
      "typed-secrets": () => voximplantNode.getSecretValue("a"),
      "transport fetch": () => voximplantFetch.getSecretValue("a"),
    },
  };
}

/** Calls per second at CONCURRENCY, and this process's CPU time per call (the server runs in another process). */
async function throughput(call: Call): Promise<{ rate: number; cpuMicros: number }> {
  const cpu = process.cpuUsage();
  const deadline = performance.now() + THROUGHPUT_MS;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await call();
        done += 1;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { rate: (done / THROUGHPUT_MS) * 1000, cpuMicros: (used.user + used.system) / done };
}

/** Every variant's throughput, REPETITIONS interleaved runs each, printed per run; the medians. */
async function throughputs(label: string, calls: Record<string, Call>): Promise<Record<string, { rate: number; cpuMicros: number }>> {
  const names = Object.keys(calls);
  const runs: Record<string, { rate: number; cpuMicros: number }[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
    for (const name of rotated(names, repetition)) runs[name]!.push(await throughput(calls[name]!));
    const cells = names.map((name) => `${name} ${fixed(runs[name]!.at(-1)!.rate, 0)}/s ${fixed(runs[name]!.at(-1)!.cpuMicros, 0)} µs`);
    console.log(`  #${repetition + 1} ${label.padEnd(26)} ${cells.join("  ")}`);
  }
  return Object.fromEntries(
    names.map((name) => [
      name,
      { rate: median(runs[name]!.map((run) => run.rate)), cpuMicros: median(runs[name]!.map((run) => run.cpuMicros)) },
    ]),
  );
}

async function heapAfter(call: Call, count: number): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  // Finalizers and sockets settle over a few turns of the event loop: collect, wait, collect again.
  const settle = async () => {
    for (let round = 0; round < 5; round += 1) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return process.memoryUsage().heapUsed;
  };
  const before = await settle();
  for (let sent = 0; sent < count; sent += CONCURRENCY) await Promise.all(Array.from({ length: CONCURRENCY }, call));
  return ((await settle()) - before) / 1024 / 1024;
}

/** Milliseconds from the first import to a created client, in fresh processes: the variants interleaved, 9 rounds, medians. */
function coldStarts(codes: Record<string, string>): Record<string, number> {
  const runs: Record<string, number[]> = Object.fromEntries(Object.keys(codes).map((name) => [name, []]));
  for (let round = 0; round < 9; round += 1) {
    for (const [name, code] of Object.entries(codes)) {
      const script = `const start = performance.now(); ${code}; console.log(performance.now() - start);`;
      // A clean environment: tsx passes its loader to child processes through NODE_OPTIONS, which would be measured too.
      const env = { PATH: process.env.PATH ?? "" };
      runs[name]!.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env })));
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, median(values)]));
}

interface Size {
  /** What importing the entry loads: its chunk, min+gz. */
  atImport: number;
  /** With the chunks it loads on first use (the Node transport, openapi-fetch for client.api, jose), each min+gz. */
  total: number;
  emulatorModules: number;
}

/** min+gz size per entry, bundled with code splitting as a bundler for a Worker or a browser does. */
async function sizes(): Promise<Record<string, Size>> {
  const result: Record<string, Size> = {};
  for (const entry of ["index", "voximplant", "dapr", "gcore", "run", "cache", "emulator/index"]) {
    const { outputFiles, metafile } = await build({
      entryPoints: [`dist/src/${entry}.js`],
      bundle: true,
      splitting: true,
      outdir: ".tmp/sizes",
      minify: true,
      format: "esm",
      platform: "node",
      external: ["node:*"],
      write: false,
      metafile: true,
    });
    const gzipped = (contents: Uint8Array) => gzipSync(contents).length / 1024;
    const entryFile = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint !== undefined)![0];
    const atImport = gzipped(outputFiles.find((file) => file.path.endsWith(entryFile.replace(/^\.tmp\/sizes/, "")))!.contents);
    const total = outputFiles.reduce((sum, file) => sum + gzipped(file.contents), 0);
    const emulatorModules = Object.keys(metafile.inputs).filter((file) => file.includes("src/emulator/")).length;
    result[entry.replace("/index", "")] = { atImport, total, emulatorModules };
  }
  return result;
}

/** The Node transport against undici's Pool on the same route, the transports alone (no client around them). */
async function transportChoice(url: string): Promise<void> {
  const bounds = () => ({ cancellation: new Cancellation(), maxResponseBytes: 16 * 1024 * 1024 });
  const request = { method: "GET", url: `${url}/v1.0/secrets/vault/db`, headers: { "user-agent": "bench" } };
  const node = createNodeTransport();
  const undici = createUndiciTransport(url);
  const call = (transport: HttpTransport) => () => transport(request, bounds());
  for (let index = 0; index < 500; index += 1) await Promise.all([call(node)(), call(undici)()]);
  console.log(
    `\ntransport choice: the transports alone, Dapr route, concurrency ${CONCURRENCY} (undici needs ≥ 1.30× node:http to be chosen)`,
  );
  const result = await throughputs("transports", { "node:http": call(node), "undici Pool": call(undici) });
  const ratio = result["undici Pool"]!.rate / result["node:http"]!.rate;
  console.log(`  median: undici ${fixed(ratio)}× node:http → ${ratio >= 1.3 ? "undici would qualify" : "node:http (no new dependency)"}`);
  node.close();
  await undici.close();
}

async function main(): Promise<void> {
  console.log(`typed-secrets benchmark on Node ${process.version} (undici ${process.versions.undici}), ${cpus().length} cores`);
  // On a quiet machine, before the server starts: fresh processes, interleaved.
  console.log("\ncold start: import + create client, fresh processes, 9 interleaved rounds, medians (target ≤ 1.10× openapi-fetch + jose)");
  const cold = coldStarts({
    base: `await import("openapi-fetch"); await import("jose")`,
    dapr: `const m = await import("./dist/src/dapr.js"); m.createDaprClient({ env: {} })`,
    gcore: `const m = await import("./dist/src/gcore.js"); m.createGcoreClient({ apiKey: "k", env: {} })`,
    voximplant:
      `const m = await import("./dist/src/voximplant.js"); ` +
      `m.createVoximplantClient({ credentials: { accountId: 1, keyId: "k", privateKey: "" }, env: {} })`,
  });
  console.log(`  openapi-fetch + jose alone  ${fixed(cold.base!, 1)} ms`);
  for (const entry of ["dapr", "gcore", "voximplant"]) {
    const ratio = cold[entry]! / cold.base!;
    console.log(`  typed-secrets/${entry.padEnd(11)} ${fixed(cold[entry]!, 1)} ms (×${fixed(ratio)}) ${verdict(ratio <= 1.1)}`);
  }

  const server = await startServer();
  try {
    const providers = await variants(server.url);
    for (const calls of Object.values(providers))
      for (const call of Object.values(calls)) for (let index = 0; index < 300; index += 1) await call();

    console.log(
      `\nsequential keep-alive p50, ${BLOCKS} rotated blocks of ${CALLS_PER_BLOCK} calls, ×raw fetch (target typed-secrets ≤ 1.00×)`,
    );
    const p50s: Record<string, Record<string, number>[]> = {};
    for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
      for (const [provider, calls] of Object.entries(providers)) {
        const result = await latency(calls, BLOCKS, CALLS_PER_BLOCK);
        p50s[provider] = [...(p50s[provider] ?? []), result];
        const cells = Object.entries(result).map(
          ([name, p50]) => `${name} ${fixed(p50 * 1000, 0)} µs (×${fixed(p50 / result["raw fetch"]!)})`,
        );
        console.log(`  #${repetition} ${provider.padEnd(26)} ${cells.join("  ")}`);
      }
    }

    console.log(`\nthroughput and client CPU per call at concurrency ${CONCURRENCY}, ${THROUGHPUT_MS / 1000} s per run, runs interleaved`);
    const rates: Record<string, Record<string, { rate: number; cpuMicros: number }>> = {};
    for (const [provider, calls] of Object.entries(providers)) rates[provider] = await throughputs(provider, calls);

    console.log("\nmedians against the targets");
    for (const provider of Object.keys(providers)) {
      const p50 = median(p50s[provider]!.map((run) => run["typed-secrets"]! / run["raw fetch"]!));
      const ours = rates[provider]!["typed-secrets"]!;
      const raw = rates[provider]!["raw fetch"]!;
      console.log(
        `  ${provider.padEnd(26)} p50 ×${fixed(p50)} raw fetch ${verdict(p50 <= 1)}; ` +
          `throughput ${fixed(ours.rate, 0)}/s ×${fixed(ours.rate / raw.rate)} raw fetch ${verdict(ours.rate >= 1.3 * raw.rate)}; ` +
          `CPU ${fixed(ours.cpuMicros, 0)} µs/call (raw fetch ${fixed(raw.cpuMicros, 0)})`,
      );
    }
    const official = rates["dapr getSecret"]!["@dapr/dapr"]!;
    const dapr = rates["dapr getSecret"]!["typed-secrets"]!;
    const faster = dapr.rate / official.rate;
    console.log(
      `  dapr getSecret vs @dapr/dapr  throughput ×${fixed(faster)} ${verdict(faster >= 1.2)} (target ≥ 1.20×); ` +
        `CPU ${fixed(dapr.cpuMicros, 0)} µs against ${fixed(official.cpuMicros, 0)} µs ${verdict(dapr.cpuMicros <= official.cpuMicros)}`,
    );

    console.log("\nheap after 20,000 calls and a full GC (target: within 10 MB of the start)");
    for (const [provider, calls] of Object.entries(providers)) {
      const growth = await heapAfter(calls["typed-secrets"]!, 20_000);
      console.log(
        `  ${provider.padEnd(26)} ${Number.isNaN(growth) ? "(run with --expose-gc)" : `${fixed(growth)} MB ${verdict(growth <= 10)}`}`,
      );
    }
    await transportChoice(server.url);
  } finally {
    server.stop();
  }

  console.log("\nmin+gz size per entry, esbuild with code splitting, node:* external (target ≤ 12 kB for /dapr and /gcore)");
  for (const [entry, { atImport, total, emulatorModules }] of Object.entries(await sizes())) {
    const name = `  typed-secrets${entry === "index" ? "" : `/${entry}`}`.padEnd(28);
    const target = entry === "dapr" || entry === "gcore" ? ` ${verdict(atImport <= 12)}` : "";
    const lazy = total > atImport ? `, ${fixed(total, 1)} kB with what it loads on first use` : "";
    console.log(`${name}${fixed(atImport, 1)} kB at import${target}${lazy}  (${emulatorModules} modules of src/emulator)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
