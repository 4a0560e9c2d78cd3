// Live mode (CONTRACT_TARGET=live + vendor variables): the replay cases against the real APIs through
// `prism proxy`, which validates each real answer against our spec. Reads only, unless
// CONTRACT_ALLOW_WRITES=1 (then the vendor variables must name a disposable application / project).
import { describe, expect, it } from "vitest";
import { SecretsError } from "../src/core/errors.js";
import type { ProviderName } from "../src/providers/names.js";
import { casesByProvider } from "./cases/index.js";
import type { Case } from "./cases/types.js";
import type { Clients } from "./support/clients.js";
import { liveTarget } from "./support/context.js";
import { expectOutcome, replay } from "./support/replay.js";

/** Mock answers cannot be asked of a real API: a live case passes on any answer the API gives, valid per spec. */
function expectLiveOutcome(outcome: { returns: unknown } | { threw: unknown }): void {
  if ("returns" in outcome) return;
  const error = outcome.threw;
  expect(error, String(error)).toBeInstanceOf(SecretsError);
  const { code, status } = error as SecretsError;
  expect(["ERR_CONNECTION", "ERR_CONFIGURATION"], `${code}: ${String(error)}`).not.toContain(code);
  if (code === "ERR_PROVIDER_API") expect(status, `an API answer, not a decoding failure: ${String(error)}`).toBeDefined();
}

/** Dapr cases name the store "vault"; live, that is the store CONTRACT_DAPR_STORE names. */
function liveArgs(provider: ProviderName, args: readonly unknown[]): unknown[] {
  return provider === "dapr" && args[0] === "vault" ? [process.env.CONTRACT_DAPR_STORE, ...args.slice(1)] : [...args];
}

function live<P extends ProviderName>(provider: P, cases: Case<Clients[P]>[]): void {
  const target = liveTarget(provider);
  const skipAll = "skip" in target ? target.skip : undefined;
  if (skipAll) console.warn(`[contract] live ${provider} skipped: ${skipAll}`);
  (skipAll ? describe.skip : describe)(skipAll ? `live ${provider} (skipped: ${skipAll})` : `live ${provider} through prism proxy`, () => {
    for (const kase of cases) {
      const skip =
        kase.writes && !("allowWrites" in target && target.allowWrites)
          ? "writes need CONTRACT_ALLOW_WRITES=1 and a disposable application/project"
          : undefined;
      (skip ? it.skip : it)(skip ? `${kase.intent} (${skip})` : kase.intent, async () => {
        if (!("url" in target)) throw new Error(`live ${provider}: no proxy`);
        const replayed = await replay(provider, { ...kase, args: liveArgs(provider, kase.args) } as Case<Clients[P]>, {
          baseUrl: target.url,
          live: true,
        });
        expect(replayed.fetch.problems(), "the real answer violates our spec").toEqual([]);
        if (kase.requests.length === 0) {
          expect(replayed.fetch.exchanges).toEqual([]);
          expectOutcome(replayed, kase.expect, provider);
        } else {
          expect(replayed.fetch.exchanges.length).toBeGreaterThan(0);
          expectLiveOutcome(replayed.outcome);
        }
      });
    }
  });
}

live("voximplant", casesByProvider.voximplant);
live("dapr", casesByProvider.dapr);
live("gcore", casesByProvider.gcore);
