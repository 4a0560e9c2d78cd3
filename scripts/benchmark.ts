// `npm run bench`: the facade against raw fetch (and the official Dapr SDK) on one loopback server running in a child
// process. Variants are interleaved in rotated blocks and compared by the median of per-block ratios; every
// figure is printed for 3 repetitions. Also heap after 20,000 calls, cold start, and bundle sizes. Nothing here
// asserts: the targets are printed beside the figures (Node 20, 2 cores: see the README).
import { execFileSync, fork } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { gzipSync } from "node:zlib";
import { CommunicationProtocolEnum, DaprClient as DaprSdkClient } from "@dapr/dapr";
import { build } from "esbuild";
import { type JWTPayload, SignJWT } from "jose";
import { createDaprClient } from "../src/providers/dapr/client.js";
import { createGcoreClient } from "../src/providers/gcore/client.js";
import { createVoximplantClient } from "../src/providers/voximplant/client.js";
import { createNodeHttpFetch } from "./bench/node-http-fetch.js";

const REPETITIONS = 3;
const BLOCKS = 10;
const CALLS_PER_BLOCK = 100;
const CONCURRENCY = 64;
const THROUGHPUT_MS = 5_000;
const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";

type Call = () => Promise<unknown>;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

async function startServer(): Promise<{ url: string; stop(): void }> {
  const child = fork(new URL("./bench/server.mjs", import.meta.url), { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const port = await new Promise<string>((resolve) => child.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.send("stop") };
}

async function variants(url: string): Promise<Record<string, Record<string, Call>>> {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const credentials = { accountId: 1, keyId: "bench", privateKey };
  const now = Math.floor(Date.now() / 1000);
  const { createPrivateKey } = await import("node:crypto");
  const jwt = await new SignJWT({ iss: 1, iat: now, exp: now + 3000 } as unknown as JWTPayload)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "bench" })
    .sign(createPrivateKey(privateKey));
  const voximplant = createVoximplantClient({ baseUrl: url, credentials, application: { id: 1 }, env: {} });
  const dapr = createDaprClient({ baseUrl: url, env: {} });
  const gcore = createGcoreClient({ baseUrl: url, apiKey: "bench-key", projectId: 1, regionId: 1, env: {} });
  // The same clients on a node:http keep-alive transport given through the `fetch` option (benchmark only).
  const nodeFetch = createNodeHttpFetch();
  const voximplantNode = createVoximplantClient({ baseUrl: url, credentials, application: { id: 1 }, env: {}, fetch: nodeFetch });
  const daprNode = createDaprClient({ baseUrl: url, env: {}, fetch: nodeFetch });
  const gcoreNode = createGcoreClient({ baseUrl: url, apiKey: "bench-key", projectId: 1, regionId: 1, env: {}, fetch: nodeFetch });
  const port = new URL(url).port;
  const sdk = new DaprSdkClient({ daprHost: "127.0.0.1", daprPort: port, communicationProtocol: CommunicationProtocolEnum.HTTP });
  const form = {
    method: "POST",
    body: "application_id=1&secret_id=10",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${jwt}` },
  };
  return {
    "dapr getSecret": {
      "raw fetch": () => fetch(`${url}/v1.0/secrets/vault/db`).then((response) => response.json()),
      // The floor for any fetch-based client with a per-attempt timeout: raw fetch given a signal and a timer.
      "raw + timeout": () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30_000);
        return fetch(`${url}/v1.0/secrets/vault/db`, { signal: controller.signal })
          .then((response) => response.json())
          .finally(() => clearTimeout(timer));
      },
      "typed-secrets": () => dapr.getSecret("vault", "db"),
      "on node:http": () => daprNode.getSecret("vault", "db"),
      "@dapr/dapr": () => sdk.secret.get("vault", "db"),
    },
    "gcore getSecret": {
      "raw fetch": () =>
        fetch(`${url}/cloud/v1/secrets/1/1/${SECRET_ID}`, { headers: { authorization: "APIKey bench-key" } }).then((response) =>
          response.json(),
        ),
      "typed-secrets": () => gcore.getSecret(SECRET_ID),
      "on node:http": () => gcoreNode.getSecret(SECRET_ID),
    },
    "voximplant getSecretValue": {
      "raw fetch": () => fetch(`${url}/GetSecretValue`, form).then((response) => response.json()),
      "typed-secrets": () => voximplant.getSecret({ id: 10 }),
      "on node:http": () => voximplantNode.getSecret({ id: 10 }),
    },
  };
}

/** p50 latency per variant, blocks interleaved in rotated order; the ratio is the median of the blocks' ratios. */
async function latency(calls: Record<string, Call>): Promise<Record<string, { p50: number; ratio: number }>> {
  const names = Object.keys(calls);
  const perBlock: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let block = 0; block < BLOCKS; block += 1) {
    const order = names.map((_, index) => names[(index + block) % names.length]!);
    for (const name of order) {
      const times: number[] = [];
      for (let index = 0; index < CALLS_PER_BLOCK; index += 1) {
        const start = performance.now();
        await calls[name]!();
        times.push(performance.now() - start);
      }
      perBlock[name]!.push(median(times));
    }
  }
  const raw = perBlock["raw fetch"]!;
  return Object.fromEntries(
    names.map((name) => [
      name,
      { p50: median(perBlock[name]!), ratio: median(perBlock[name]!.map((value, block) => value / raw[block]!)) },
    ]),
  );
}

async function throughput(call: Call): Promise<number> {
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
  return (done / THROUGHPUT_MS) * 1000;
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

/** min+gz size per entry, and how many of its modules come from src/emulator (its own entry: 0 for the others). */
async function sizes(): Promise<Record<string, { kilobytes: number; emulatorModules: number }>> {
  const result: Record<string, { kilobytes: number; emulatorModules: number }> = {};
  // The emulator is its own entry: the library entries must not grow with it.
  for (const entry of ["index", "voximplant", "dapr", "gcore", "emulator/index"]) {
    const { outputFiles, metafile } = await build({
      entryPoints: [`dist/src/${entry}.js`],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      external: ["node:*"],
      write: false,
      metafile: true,
    });
    const emulatorModules = Object.keys(metafile.inputs).filter((file) => file.includes("src/emulator/")).length;
    result[entry.replace("/index", "")] = { kilobytes: gzipSync(outputFiles[0]!.contents).length / 1024, emulatorModules };
  }
  return result;
}

async function main(): Promise<void> {
  console.log(`typed-secrets benchmark on ${process.version}, ${(await import("node:os")).cpus().length} cores`);
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
    console.log(`  typed-secrets/${entry.padEnd(11)} ${fixed(cold[entry]!, 1)} ms (×${fixed(cold[entry]! / cold.base!)})`);
  }

  const server = await startServer();
  try {
    const providers = await variants(server.url);
    for (const calls of Object.values(providers))
      for (const call of Object.values(calls)) for (let index = 0; index < 200; index += 1) await call();

    console.log(
      `\np50 latency, ${BLOCKS} rotated blocks of ${CALLS_PER_BLOCK} sequential calls per variant ` +
        "(target: typed-secrets ≤ 1.15× raw fetch)",
    );
    for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
      for (const [provider, calls] of Object.entries(providers)) {
        const result = await latency(calls);
        const cells = Object.entries(result).map(([name, { p50, ratio }]) => `${name} ${fixed(p50 * 1000, 0)} µs (×${fixed(ratio)})`);
        console.log(`  #${repetition} ${provider.padEnd(26)} ${cells.join("  ")}`);
      }
    }

    console.log("\nheap after 20,000 calls and a full GC (target: within 10 MB of the start)");
    for (const [provider, calls] of Object.entries(providers)) {
      const growth = await heapAfter(calls["typed-secrets"]!, 20_000);
      console.log(`  ${provider.padEnd(26)} ${Number.isNaN(growth) ? "(run with --expose-gc)" : `${fixed(growth)} MB`}`);
    }
    console.log(
      `\nthroughput at concurrency ${CONCURRENCY}, ${THROUGHPUT_MS / 1000} s per run, runs interleaved (target: ≥ 0.90× raw fetch)`,
    );
    for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
      for (const [provider, calls] of Object.entries(providers)) {
        const names = Object.keys(calls);
        const rates: Record<string, number> = {};
        for (const name of names.map((_, index) => names[(index + repetition) % names.length]!))
          rates[name] = await throughput(calls[name]!);
        const raw = rates["raw fetch"]!;
        const cells = names.map((name) => `${name} ${fixed(rates[name]!, 0)}/s (×${fixed(rates[name]! / raw)})`);
        console.log(`  #${repetition} ${provider.padEnd(26)} ${cells.join("  ")}`);
      }
    }
  } finally {
    server.stop();
  }

  console.log("\nmin+gz size per entry, esbuild, node:* external (target ≤ 12 kB for /dapr and /gcore)");
  for (const [entry, { kilobytes, emulatorModules }] of Object.entries(await sizes())) {
    const name = `  typed-secrets${entry === "index" ? "" : `/${entry}`}`.padEnd(28);
    console.log(`${name}${fixed(kilobytes, 1)} kB  (${emulatorModules} modules of src/emulator)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
