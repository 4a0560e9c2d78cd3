// The watch loop driven by a fake clock (no wall time decides anything), against the real emulators and a real child
// process: a rotation restarts the command with the new value, old and new values masked; a failed check never
// restarts it and is reported once per streak; a command that ignores SIGTERM is killed after the grace; the command's
// own exit ends the watch with its code; no timer or signal listener is left behind.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { startVoximplantEmulator } from "../emulator/index.js";
import { createVoximplantClient } from "../providers/voximplant/client.js";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { SecretReferenceError } from "./secret-references.js";
import { type WatchClock, type WatchEvent, watchWithSecrets } from "./watch.js";

const startEmulator = emulatorPerTest(startVoximplantEmulator);
const OLD = "first-s3cret-value";
const NEW = "second-s3cret-value-2";

/** A clock that moves only when the test says so; `asleep(ms)` resolves once the watch waits for `ms`. */
function fakeClock() {
  let now = Date.now();
  const sleepers = new Set<{ until: number; ms: number; wake: () => void }>();
  const watchers: Array<{ ms: number; resolve: () => void }> = [];
  const notify = () => {
    for (const watcher of [...watchers])
      if ([...sleepers].some((sleeper) => sleeper.ms === watcher.ms)) watchers.splice(watchers.indexOf(watcher), 1), watcher.resolve();
  };
  const clock: WatchClock & { advance(ms: number): void; asleep(ms: number): Promise<void>; pending(): number } = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const sleeper = {
          until: now + ms,
          ms,
          wake: () => {
            sleepers.delete(sleeper);
            signal.removeEventListener("abort", sleeper.wake);
            resolve();
          },
        };
        sleepers.add(sleeper);
        signal.addEventListener("abort", sleeper.wake, { once: true });
        notify();
      }),
    advance(ms) {
      now += ms;
      for (const sleeper of [...sleepers]) if (sleeper.until <= now) sleeper.wake();
    },
    asleep: (ms) =>
      new Promise<void>((resolve) => {
        watchers.push({ ms, resolve });
        notify();
      }),
    pending: () => sleepers.size,
  };
  return clock;
}

function capture() {
  let text = "";
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      for (const waiter of [...waiters]) if (waiter.pattern.test(text)) waiters.splice(waiters.indexOf(waiter), 1), waiter.resolve();
      done();
    },
  });
  return {
    stream,
    text: () => text,
    /** Resolves once the output matches `pattern`. */
    until: (pattern: RegExp) => new Promise<void>((resolve) => (pattern.test(text) ? resolve() : waiters.push({ pattern, resolve }))),
  };
}

/** Prints its value's length, the value and the old value (both masked), then waits; exits 7 on SIGUSR2. */
const CHILD = `
process.on("SIGUSR2", () => process.exit(7));
console.log("gen " + process.env.DB.length + " " + process.env.DB + " " + ${JSON.stringify(OLD)});
setInterval(() => {}, 1000);
`;

async function setup(script = CHILD) {
  const clock = fakeClock();
  // The emulator's stamps follow the fake clock, so that a rotation after a check lands in a later second.
  const secrets = [{ name: "db", value: OLD }];
  const emulator = await startEmulator({ seed: { applications: [{ id: 1, name: "shop", secrets }] }, now: clock.now });
  const client = createVoximplantClient({ env: emulator.env, application: { name: "shop" }, retryDelayMs: 0 });
  const [stdout, stderr] = [capture(), capture()];
  const events: WatchEvent[] = [];
  const pids: number[] = [];
  const arrivedAtRestart: number[] = [];
  const listeners = process.listenerCount("SIGTERM");
  const watching = watchWithSecrets({
    command: process.execPath,
    args: ["-e", script],
    references: { DB: "voximplant://shop/db" },
    clients: { voximplant: client },
    env: { PATH: process.env.PATH },
    output: { stdout: stdout.stream, stderr: stderr.stream },
    signalPlan: { ownProcessGroup: true, forward: () => true },
    clock,
    onEvent: (event) => {
      events.push(event);
      if (event.type === "started") pids.push(event.child.pid!);
      if (event.type === "restarting") arrivedAtRestart.push(emulator.requests.length);
    },
  });
  return { emulator, client, clock, stdout, stderr, events, pids, arrivedAtRestart, listeners, watching };
}

describe("watchWithSecrets", () => {
  it("on a rotation: new values first, then SIGTERM, then the command again with the new value; old and new stay masked", {
    timeout: 20_000,
  }, async () => {
    const { emulator, client, clock, stdout, events, pids, arrivedAtRestart, listeners, watching } = await setup();
    await stdout.until(/gen 18/);
    // The first check reads every value once (no stamp known yet): the same value, no restart.
    await clock.asleep(60_000);
    clock.advance(60_000);
    await clock.asleep(60_000);
    expect(events.map((event) => event.type)).toEqual(["started"]);

    await client.setSecret("db", NEW);
    const before = emulator.requests.length;
    clock.advance(60_000);
    await stdout.until(/gen 21/);
    // One listing, one read of the changed value: the new value was read before the old command was stopped.
    const calls = emulator.requests.slice(before).map((arrival) => arrival.operation);
    expect(calls).toEqual(["GetSecrets", "GetSecretValue"]);
    expect(arrivedAtRestart).toEqual([before + 2]);
    expect(events.map((event) => event.type)).toEqual(["started", "restarting", "started"]);
    expect(events[1]).toEqual({ type: "restarting", variables: ["DB"] });
    expect(pids[0]).not.toBe(pids[1]);
    const masked = "<concealed by typed-secrets>";
    expect(stdout.text()).toBe(`gen 18 ${masked} ${masked}\ngen 21 ${masked} ${masked}\n`);

    // The command's own exit ends the watch with its code; nothing is left waiting.
    process.kill(pids[1]!, "SIGUSR2");
    expect(await watching).toEqual({ exitCode: 7, signal: null });
    expect(clock.pending()).toBe(0);
    expect(process.listenerCount("SIGTERM")).toBe(listeners);
  });

  it("a failed check never restarts the command and is reported once per streak of failures", { timeout: 20_000 }, async () => {
    const { emulator, clock, stdout, events, pids, watching } = await setup();
    await stdout.until(/gen 18/);
    // Code 100 (authentication): not retried by the client, so each check fails once.
    emulator.faults.inject("GetSecrets", { kind: "vendor-error", code: 100 }, { times: Infinity });
    for (let check = 0; check < 3; check += 1) {
      await clock.asleep(60_000);
      clock.advance(60_000);
    }
    await clock.asleep(60_000);
    const failures = events.filter((event) => event.type === "check-failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]!.error).toBeInstanceOf(SecretReferenceError);
    expect(failures[0]!.error).toMatchObject({ variable: "DB", reason: "unresolved", causeCode: "ERR_AUTHENTICATION" });
    // Without the fault the next check succeeds and says so; a new streak is reported again.
    emulator.faults.clear();
    clock.advance(60_000);
    await clock.asleep(60_000);
    emulator.faults.inject("GetSecrets", { kind: "vendor-error", code: 100 });
    clock.advance(60_000);
    await clock.asleep(60_000);
    expect(events.map((event) => event.type)).toEqual(["started", "check-failed", "check-recovered", "check-failed"]);
    expect(stdout.text()).not.toContain(OLD);
    process.kill(pids[0]!, "SIGUSR2");
    expect(await watching).toEqual({ exitCode: 7, signal: null });
  });

  it("a command that ignores SIGTERM gets SIGKILL once the grace has passed on the fake clock", { timeout: 20_000 }, async () => {
    const stubborn = `process.on("SIGTERM", () => console.log("ignoring SIGTERM"));\n${CHILD}`;
    const { client, clock, stdout, events, pids, watching } = await setup(stubborn);
    await stdout.until(/gen 18/);
    await clock.asleep(60_000);
    await client.setSecret("db", NEW);
    clock.advance(60_000);
    await stdout.until(/ignoring SIGTERM/);
    await clock.asleep(10_000);
    expect(events.map((event) => event.type)).toEqual(["started", "restarting"]);
    clock.advance(10_000);
    await stdout.until(/gen 21/);
    expect(events.map((event) => event.type)).toEqual(["started", "restarting", "killed", "started"]);
    expect(events[2]).toEqual({ type: "killed", pid: pids[0] });
    process.kill(pids[1]!, "SIGUSR2");
    expect(await watching).toEqual({ exitCode: 7, signal: null });
  });
});
