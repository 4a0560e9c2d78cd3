// Vitest global setup of the contract project: one in-process Prism mock per generated spec on a free
// port (and, in live mode, one `prism proxy` per provider with credentials), closed whatever happens.
import type { TestProject } from "vitest/node";
import type { ProviderName } from "../src/providers/names.js";
import { startMock, startMocks, type MockServer } from "../src/mock/prism-mocks.js";
import { PROVIDERS } from "./support/specs.js";
import { liveUpstream, type LiveTarget } from "./support/targets.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const closers: Array<() => Promise<void>> = [];
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= Promise.allSettled(closers.map((closeOne) => closeOne())).then(() => undefined));
  // Vitest exits on SIGINT/SIGTERM without running teardowns; the servers live in this process, so they
  // cannot outlive it, but stop accepting connections at once rather than at exit. If nothing else
  // handles the signal, it is raised again so that this listener never swallows an interrupt.
  const onSignal = (signal: NodeJS.Signals) => {
    void close().finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const mocks = await startMocks(PROVIDERS);
    closers.push(mocks.close);
    project.provide("mockUrls", mocks.urls);
    const liveTargets = {} as Record<ProviderName, LiveTarget>;
    for (const provider of PROVIDERS) {
      const upstream = liveUpstream(provider, process.env);
      if ("skip" in upstream) {
        liveTargets[provider] = upstream;
        continue;
      }
      // errors: false keeps the real answer and reports response violations in `sl-violations`.
      const proxy: MockServer = await startMock(provider, { upstream: upstream.upstream });
      closers.push(proxy.close);
      liveTargets[provider] = { url: proxy.url, allowWrites: process.env.CONTRACT_ALLOW_WRITES === "1" };
    }
    project.provide("liveTargets", liveTargets);
  } catch (error) {
    await close();
    throw error;
  }
  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await close();
  };
}
