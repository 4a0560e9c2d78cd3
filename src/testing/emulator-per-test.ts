// Test helper: emulators started by a test, all closed after it whatever happened.
import { afterEach } from "vitest";

export function emulatorPerTest<Options, Started extends { close(): Promise<void> }>(
  start: (options: Options) => Promise<Started>,
): (options: Options) => Promise<Started> {
  const started: Started[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((emulator) => emulator.close()));
  });
  return async (options) => {
    const emulator = await start(options);
    started.push(emulator);
    return emulator;
  };
}
