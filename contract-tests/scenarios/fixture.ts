// One emulator per test: started by the test, closed after it whatever happened.
import { afterEach } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";

export function emulatorPerTest<Options>(start: (options: Options) => Promise<Emulator>): (options: Options) => Promise<Emulator> {
  let current: Emulator | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await start(options);
    return current;
  };
}
