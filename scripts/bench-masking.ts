// `npm run bench:masking`: what masking costs `typed-secrets run` on a command that writes 100 MB to stdout.
// The built CLI runs the same command with and without --no-masking, alternately, 5 times each; stdout goes
// to /dev/null. Nothing asserts: the figures are printed, with the machine's load (other work on a shared machine
// slows the masked runs most: they keep two processes busy, the plain ones one), and the best run of each kind
// beside the median.
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";

const MEGABYTES = 100;
const SECRET = "bench-s3cret-value-0123456789";
const dir = mkdtempSync(path.join(tmpdir(), "typed-secrets-bench-masking-"));
// About 64 KiB per round of two writes, each round holding the secret once, split across the two writes.
const writer = path.join(dir, "write.cjs");
writeFileSync(
  writer,
  `const secret = process.env.SECRET, line = "x".repeat(120) + "\\n";
let chunk = line.repeat(Math.floor(65536 / line.length)); chunk = chunk.slice(0, 59990) + secret + chunk.slice(59990 + secret.length);
const head = chunk.slice(0, 60000), tail = chunk.slice(60000);
let left = ${MEGABYTES} * 1024 * 1024;
(function write() {
  while (left > 0) {
    left -= head.length + tail.length;
    process.stdout.write(head);
    if (!process.stdout.write(tail)) return process.stdout.once("drain", write);
  }
})();`,
);
const refs = path.join(dir, "refs.env");
writeFileSync(refs, "SECRET=dapr://vault/bench\n");

const sidecar = createServer((_request, response) =>
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ bench: SECRET })),
);
await new Promise<void>((resolve) => sidecar.listen(0, "127.0.0.1", resolve));
const env = { ...process.env, DAPR_HTTP_ENDPOINT: `http://127.0.0.1:${(sidecar.address() as { port: number }).port}` };

function once(masking: boolean): Promise<number> {
  const start = performance.now();
  const args = ["run", ...(masking ? [] : ["--no-masking"]), "-f", refs, "--", process.execPath, writer];
  return new Promise((resolve, reject) => {
    const child = spawn("dist/src/cli/main.js", args, { env, stdio: ["ignore", openSync("/dev/null", "w"), "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`exit ${code}`))));
  });
}

const times: Record<"masked" | "plain", number[]> = { masked: [], plain: [] };
await once(true);
for (let round = 0; round < 5; round += 1) {
  times.plain.push(await once(false));
  times.masked.push(await once(true));
}
sidecar.close();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const best = (values: number[]) => Math.min(...values);
const rate = (ms: number) => `${((MEGABYTES / ms) * 1000).toFixed(0)} MB/s`;
for (const kind of ["plain", "masked"] as const)
  console.log(
    `${kind.padEnd(6)} ${times[kind].map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")}  median ${rate(median(times[kind]))}` +
      `, best ${rate(best(times[kind]))}`,
  );
const ratio = (pick: (values: number[]) => number) => (pick(times.masked) / pick(times.plain)).toFixed(2);
console.log(
  `masked/plain wall time: ${ratio(median)}× (medians), ${ratio(best)}× (best runs) on ${MEGABYTES} MB ` +
    `(${process.version}, ${SECRET.length}-character value, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
);
