// Global setup of the `emulated` project: the three emulators, a `prism proxy` in front of each (the live-mode
// path), and their environment, so that every emulator answer to every replay case is validated against our specs.
import type { TestProject } from "vitest/node";
import { startDaprEmulator, startGcoreEmulator, startVoximplantEmulator } from "../../src/emulator/index.js";
import { type MockServer, startMock } from "../../src/mock/prism-mocks.js";
import type { ProviderName } from "../../src/providers/names.js";
import type { LiveTarget } from "../support/targets.js";

declare module "vitest" {
  export interface ProvidedContext {
    emulatedEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const closers: Array<() => Promise<void>> = [];
  const close = () => Promise.allSettled(closers.map((closeOne) => closeOne())).then(() => undefined);
  try {
    const emulators = {
      voximplant: await startVoximplantEmulator(),
      dapr: await startDaprEmulator(),
      gcore: await startGcoreEmulator(),
    };
    for (const emulator of Object.values(emulators)) closers.push(emulator.close);
    const targets = {} as Record<ProviderName, LiveTarget>;
    const upstreams: Record<ProviderName, string> = {
      voximplant: emulators.voximplant.env.VOXIMPLANT_BASE_URL!,
      dapr: emulators.dapr.url,
      gcore: emulators.gcore.url,
    };
    for (const provider of Object.keys(upstreams) as ProviderName[]) {
      const proxy: MockServer = await startMock(provider, { upstream: upstreams[provider] });
      closers.push(proxy.close);
      // The emulators are disposable: the write cases run too.
      targets[provider] = { url: proxy.url, allowWrites: true };
    }
    project.provide("liveTargets", targets);
    project.provide("emulatedEnv", {
      ...emulators.voximplant.env,
      ...emulators.dapr.env,
      ...emulators.gcore.env,
      CONTRACT_DAPR_STORE: "vault",
    });
  } catch (error) {
    await close();
    throw error;
  }
  return close;
}
