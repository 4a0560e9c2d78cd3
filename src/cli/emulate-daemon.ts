// The background process of `typed-secrets emulate` (started by emulate-background.ts, detached, stdio ignored):
// serves the emulators, tells its parent over IPC once they listen, answers its pid on the control socket, and exits
// on SIGTERM/SIGINT/SIGHUP, when its state folder disappears, or when its time to live (if any) runs out.
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { Emulator } from "../emulator/index.js";
import { CONTROL_SOCKET, type DaemonMessage } from "./emulate-background.js";
import { emulatePlan, ListenError, startEmulators } from "./emulate-serve.js";

const [stateDir, portText, ttlText, ...providers] = process.argv.slice(2);
const send = (message: DaemonMessage) =>
  new Promise<boolean>((resolve) => {
    if (!process.send) return resolve(false);
    process.send(message, undefined, {}, (error) => resolve(!error));
  });

async function serve(dir: string): Promise<void> {
  const plan = emulatePlan(providers, portText === "0" ? undefined : portText);
  let emulators: Emulator[];
  try {
    emulators = await startEmulators(plan);
  } catch (error) {
    const failed = error instanceof ListenError ? error : new ListenError(plan.port, "error");
    await send({ kind: "failed", port: failed.port, systemCode: failed.systemCode });
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }
  const socketPath = path.join(dir, CONTROL_SOCKET);
  const control = createServer((socket) => socket.end(`${JSON.stringify({ pid: process.pid })}\n`));
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    if (ttl) clearTimeout(ttl);
    control.close();
    await Promise.all(emulators.map((emulator) => emulator.close()));
    // Last: `emulate stop` takes the folder's removal as the sign that the ports are free.
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void shutdown());
  // Orphan protection: a state folder removed (a temp cleaner, a reboot's tmpfs) ends the emulators with it.
  const watch = setInterval(() => existsSync(socketPath) || void shutdown(), 2_000);
  const seconds = Number(ttlText);
  const ttl = seconds > 0 ? setTimeout(() => void shutdown(), seconds * 1000) : undefined;
  await new Promise<void>((resolve, reject) => control.once("error", reject).listen(socketPath, resolve));
  const served = plan.providers.map((provider, index) => ({ provider, url: emulators[index]!.url, env: emulators[index]!.env }));
  // Nobody to tell (the parent gave up waiting): nobody knows where we are, so we stop.
  if (!(await send({ kind: "ready", served }))) return shutdown();
  process.disconnect?.();
}

if (!stateDir || !process.send) {
  process.stderr.write("typed-secrets: emulate-daemon is started by `typed-secrets emulate`, not by hand\n");
  process.exitCode = 2;
} else {
  await serve(stateDir);
}
