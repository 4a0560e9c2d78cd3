// The replay cases against a running API through `prism proxy`, which validates each answer against our spec:
// the real APIs (live.test.ts) or the emulators (emulated/replay.test.ts). A case passes on any answer the API
// gives that is valid per spec; cases refused before sending must still send nothing and fail as expected.
import { describe, expect, it } from "vitest";
import { SecretsError } from "../../src/core/errors.js";
import type { ProviderName } from "../../src/providers/names.js";
import type { Case } from "../cases/types.js";
import type { Clients } from "./clients.js";
import { expectOutcome, replay } from "./replay.js";
import type { LiveTarget } from "./targets.js";

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
function liveArgs(provider: ProviderName, args: readonly unknown[], env: Record<string, string | undefined>): unknown[] {
  return provider === "dapr" && args[0] === "vault" ? [env.CONTRACT_DAPR_STORE, ...args.slice(1)] : [...args];
}

export function describeLive<P extends ProviderName>(
  provider: P,
  cases: Case<Clients[P]>[],
  target: LiveTarget,
  env: Record<string, string | undefined>,
  label = "live",
): void {
  const skipAll = "skip" in target ? target.skip : undefined;
  if (skipAll) console.warn(`[contract] ${label} ${provider} skipped: ${skipAll}`);
  (skipAll ? describe.skip : describe)(
    skipAll ? `${label} ${provider} (skipped: ${skipAll})` : `${label} ${provider} through prism proxy`,
    () => {
      for (const kase of cases) {
        const skip =
          kase.writes && !("allowWrites" in target && target.allowWrites)
            ? "writes need CONTRACT_ALLOW_WRITES=1 and a disposable application/project"
            : undefined;
        (skip ? it.skip : it)(skip ? `${kase.intent} (${skip})` : kase.intent, async () => {
          if (!("url" in target)) throw new Error(`${label} ${provider}: no proxy`);
          const replayed = await replay(provider, { ...kase, args: liveArgs(provider, kase.args, env) } as Case<Clients[P]>, {
            baseUrl: target.url,
            live: env,
          });
          expect(replayed.fetch.problems(), "the answer violates our spec").toEqual([]);
          if (kase.requests.length === 0) {
            expect(replayed.fetch.exchanges).toEqual([]);
            expectOutcome(replayed, kase.expect, provider);
          } else {
            expect(replayed.fetch.exchanges.length).toBeGreaterThan(0);
            expectLiveOutcome(replayed.outcome);
          }
        });
      }
    },
  );
}
