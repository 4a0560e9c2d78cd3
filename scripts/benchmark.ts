// `npm run bench`: measures what the README claims (generation time, token reuse, per-call overhead,
// package size) and prints the figures. Nothing here asserts: the numbers are reported.
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { generateKeyPairSync } from "node:crypto";
import { createJwtSigner } from "../src/providers/voximplant/jwt.js";
import { createVoximplantClient } from "../src/providers/voximplant/client.js";

const run = promisify(execFile);
const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

async function timeCommand(command: string, args: string[]): Promise<number> {
  const start = performance.now();
  await run(command, args, { maxBuffer: 64 * 1024 * 1024 });
  return ms(start);
}

async function main(): Promise<void> {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const credentials = { accountId: 1, keyId: "bench", privateKey };

  console.log(`generate --check: ${await timeCommand("npx", ["tsx", "scripts/generate.ts", "--check"])} ms`);

  let signatures = 0;
  const signer = createJwtSigner({ credentials: async () => credentials, onSign: () => (signatures += 1) });
  let start = performance.now();
  await signer.token();
  console.log(`first JWT (key import + RS256 signature): ${ms(start)} ms`);
  start = performance.now();
  await Promise.all(Array.from({ length: 10_000 }, () => signer.token()));
  console.log(`10,000 concurrent token() calls: ${ms(start)} ms, ${signatures} signature(s) in all`);

  const body = JSON.stringify({
    result: { secret_id: 10, secret_name: "a", secret_value: "v", created: "2024-05-10 14:22:35", modified: "2024-06-01 08:15:42" },
  });
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const calls = 2_000;
  const client = createVoximplantClient({ baseUrl: url, credentials, application: { id: 1 }, env: {} });
  await client.getSecret({ id: 10 });
  start = performance.now();
  for (let index = 0; index < calls; index += 1)
    await fetch(`${url}/GetSecretValue`, {
      method: "POST",
      body: "application_id=1&secret_id=10",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }).then((response) => response.json());
  const raw = ms(start);
  start = performance.now();
  for (let index = 0; index < calls; index += 1) await client.getSecret({ id: 10 });
  const facade = ms(start);
  console.log(
    `${calls} sequential GetSecretValue on loopback: raw fetch ${raw} ms, facade ${facade} ms ` +
      `(+${Math.round(((facade - raw) / calls) * 1000) / 1000} ms per call)`,
  );
  server.close();

  const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { maxBuffer: 16 * 1024 * 1024 });
  const [pack] = JSON.parse(stdout) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
  if (pack)
    console.log(
      `npm package (needs a prior npm run build): ${pack.entryCount} files, ${(pack.size / 1024).toFixed(1)} kB packed, ` +
        `${(pack.unpackedSize / 1024).toFixed(1)} kB unpacked`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
