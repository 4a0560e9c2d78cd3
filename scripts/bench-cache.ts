// `npm run bench:cache` (and the end of `npm run bench`): a cached read against an uncached one and against the
// official `@dapr/dapr` client, on the benchmark's loopback server in a child process (p50 one call at a time, then
// throughput at concurrency 64; variants interleaved in rotated order, 3 repetitions, medians); the requests 1,000
// concurrent cold reads send, from the emulators' request logs; the heap 1,000 cached entries hold after a full GC.
// Nothing here asserts: each target is printed beside its figure, with "ok" or "MISSED".
import { CommunicationProtocolEnum, DaprClient as DaprSdkClient } from "@dapr/dapr";
import { withSecretCache } from "../src/cache/with-secret-cache.js";
import { startDaprEmulator, startVoximplantEmulator } from "../src/emulator/index.js";
import { createDaprClient } from "../src/providers/dapr/client.js";
import { createVoximplantClient } from "../src/providers/voximplant/client.js";
import { type Call, fixed, latency, median, rotated, startServer, verdict } from "./bench/common.js";

const REPETITIONS = 3;
const BLOCKS = 10;
const CALLS_PER_BLOCK = 100;
const CONCURRENCY = 64;
const THROUGHPUT_MS = 3_000;

async function throughput(call: Call): Promise<number> {
  const deadline = performance.now() + THROUGHPUT_MS;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await call();
        done += 1;
        // A cached read settles without the event loop: give it a turn now and then (sockets, the other variants' timers).
        if (done % 4096 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
  return (done / THROUGHPUT_MS) * 1000;
}

async function throughputs(calls: Record<string, Call>): Promise<Record<string, number>> {
  const names = Object.keys(calls);
  const runs: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
    for (const name of rotated(names, repetition)) runs[name]!.push(await throughput(calls[name]!));
    console.log(`  #${repetition + 1} ${names.map((name) => `${name} ${fixed(runs[name]!.at(-1)!, 0)}/s`).join("  ")}`);
  }
  return Object.fromEntries(names.map((name) => [name, median(runs[name]!)]));
}

/** Requests that 1,000 concurrent reads of one cold key send, counted in each emulator's request log. */
async function coldReads(): Promise<Record<string, number>> {
  const dapr = await startDaprEmulator();
  const voximplant = await startVoximplantEmulator();
  try {
    const daprClient = withSecretCache(createDaprClient({ env: dapr.env, store: "vault" }));
    const voximplantClient = withSecretCache(createVoximplantClient({ env: voximplant.env }));
    await Promise.all(Array.from({ length: 1000 }, () => daprClient.getSecret("vault", "db-secret")));
    await Promise.all(Array.from({ length: 1000 }, () => voximplantClient.getSecretValue("dbPassword")));
    return {
      "dapr getSecret": dapr.requests.filter((arrival) => arrival.operation === "getSecret").length,
      "voximplant GetSecretValue": voximplant.requests.filter((arrival) => arrival.operation === "GetSecretValue").length,
    };
  } finally {
    await Promise.all([dapr.close(), voximplant.close()]);
  }
}

/**
 * Voximplant change detection: 20 cached secrets expire, one changed meanwhile; the requests their next reads send,
 * with and without it (the emulator's log). The cache's clock is moved past the TTL; the emulator's by 5 s for the change.
 */
async function changeDetection(): Promise<Record<string, string>> {
  const names = Array.from({ length: 20 }, (_, index) => `secret${index}`);
  const result: Record<string, string> = {};
  for (const enabled of [true, false]) {
    const base = Date.now();
    const clocks = { emulator: 0, cache: 3000 };
    const secrets = names.map((name) => ({ name, value: `${name}-v1` }));
    const emulator = await startVoximplantEmulator({
      seed: { applications: [{ id: 1, name: "shop", secrets }] },
      now: () => base + clocks.emulator,
    });
    try {
      const client = () => createVoximplantClient({ env: emulator.env });
      const cached = withSecretCache(client(), { changeDetection: enabled, now: () => base + clocks.cache });
      for (const name of names) await cached.getSecretValue(name);
      clocks.emulator += 5000;
      await client().setSecret("secret7", "secret7-v2");
      const start = emulator.requests.length;
      clocks.cache += 300_000;
      await Promise.all(names.map((name) => cached.getSecretValue(name)));
      const sent = emulator.requests.slice(start).map((arrival) => arrival.operation);
      const count = (operation: string) => sent.filter((each) => each === operation).length;
      result[enabled ? "with change detection" : "without"] =
        `${count("GetSecrets")} GetSecrets + ${count("GetSecretValue")} GetSecretValue`;
    } finally {
      await emulator.close();
    }
  }
  return result;
}

/** Heap held by 1,000 cached entries (distinct secret names, 11-character values), after a full GC. */
async function heapOf1000(url: string): Promise<{ megabytes: number; counted: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = async () => {
    for (let round = 0; round < 5; round += 1) {
      gc?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return process.memoryUsage().heapUsed;
  };
  const client = withSecretCache(createDaprClient({ baseUrl: url, env: {} }));
  await client.getSecret("vault", "warm-up");
  client.cache.clear();
  const before = await settle();
  for (let index = 0; index < 1000; index += 50)
    await Promise.all(Array.from({ length: 50 }, (_, offset) => client.getSecret("vault", `secret-${index + offset}`)));
  const after = await settle();
  const counted = client.cache.stats().bytes;
  client.cache.close();
  return { megabytes: gc ? (after - before) / 1024 / 1024 : Number.NaN, counted };
}

async function main(): Promise<void> {
  console.log(`\ncache: withSecretCache (typed-secrets/cache) on Node ${process.version}`);
  const server = await startServer();
  try {
    const common = { baseUrl: server.url, env: {} };
    const cachedDapr = withSecretCache(createDaprClient(common));
    const uncachedDapr = createDaprClient(common);
    const sdk = new DaprSdkClient({
      daprHost: "127.0.0.1",
      daprPort: new URL(server.url).port,
      communicationProtocol: CommunicationProtocolEnum.HTTP,
    });
    const calls: Record<string, Call> = {
      cached: () => cachedDapr.getSecret("vault", "db"),
      uncached: () => uncachedDapr.getSecret("vault", "db"),
      "@dapr/dapr": () => sdk.secret.get("vault", "db"),
    };
    for (const call of Object.values(calls)) await call();

    console.log("\ncache p50, one Dapr getSecret at a time, 10 interleaved blocks of 100, medians");
    const p50 = await latency(calls, BLOCKS, CALLS_PER_BLOCK);
    for (const [name, ms] of Object.entries(p50)) console.log(`  ${name.padEnd(12)} ${fixed(ms * 1000, 1)} µs`);

    console.log(`\ncache throughput, Dapr getSecret at concurrency ${CONCURRENCY}, ${THROUGHPUT_MS / 1000} s per run, runs interleaved`);
    const rates = await throughputs(calls);
    const ratio = rates.cached! / rates["@dapr/dapr"]!;
    const rate = (name: string) => `${fixed(rates[name]!, 0)}/s`;
    console.log(`  medians: cached ${rate("cached")}, uncached ${rate("uncached")}, @dapr/dapr ${rate("@dapr/dapr")}`);
    const overUncached = fixed(rates.cached! / rates.uncached!, 0);
    console.log(`  cached ${fixed(ratio, 0)}× @dapr/dapr (target ≥ 100×) ${verdict(ratio >= 100)}; ${overUncached}× uncached`);

    console.log("\ncache: requests sent by 1,000 concurrent reads of one cold key (emulator request logs; target 1)");
    for (const [name, count] of Object.entries(await coldReads())) console.log(`  ${name.padEnd(26)} ${count} ${verdict(count === 1)}`);

    console.log("\ncache: Voximplant refresh of 20 expired secrets, one of them changed (emulator request log)");
    for (const [name, requests] of Object.entries(await changeDetection())) console.log(`  ${name.padEnd(26)} ${requests}`);

    const heap = await heapOf1000(server.url);
    console.log("\ncache: heap with 1,000 entries after a full GC");
    const perEntry = fixed((heap.megabytes * 1024 * 1024) / 1000, 0);
    console.log(
      `  ${fixed(heap.megabytes, 2)} MB (${perEntry} bytes per entry; the cache counts ${heap.counted} bytes of keys and values)`,
    );
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
