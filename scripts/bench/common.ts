// What the benchmarks share: medians, number formatting, verdicts, rotated orders, and the local server they call.
import { fork } from "node:child_process";

export type Call = () => Promise<unknown>;
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const fixed = (value: number, digits = 2) => value.toFixed(digits);
export const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
export const rotated = <T>(items: T[], by: number) => items.map((_, index) => items[(index + by) % items.length]!);

/** The local server of scripts/bench/server.mjs, in a process of its own (so its work is not counted as ours). */
export async function startServer(): Promise<{ url: string; stop(): void }> {
  const child = fork(new URL("./server.mjs", import.meta.url), { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const port = await new Promise<string>((resolve) => child.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.send("stop") };
}

/** p50 in ms per variant, one call at a time, `blocks` blocks of `perBlock` calls interleaved in rotated order. */
export async function latency(calls: Record<string, Call>, blocks: number, perBlock: number): Promise<Record<string, number>> {
  const names = Object.keys(calls);
  const medians: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let block = 0; block < blocks; block += 1) {
    for (const name of rotated(names, block)) {
      const times: number[] = [];
      for (let index = 0; index < perBlock; index += 1) {
        const start = performance.now();
        await calls[name]!();
        times.push(performance.now() - start);
      }
      medians[name]!.push(median(times));
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(medians[name]!)]));
}
