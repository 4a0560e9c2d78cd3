// Replays every case of contract-tests/cases/ against the Prism mocks: the outcome, the operations sent
// and a clean contract (no 422, no sl-violations, every body decodes) must all match.
import { describe, expect, it } from "vitest";
import type { ProviderName } from "../src/providers/names.js";
import { casesByProvider } from "./cases/index.js";
import type { Case } from "./cases/types.js";
import type { Clients } from "./support/clients.js";
import { mockUrl } from "./support/context.js";
import { expectOutcome, replay } from "./support/replay.js";

function replayAll<P extends ProviderName>(provider: P, cases: Case<Clients[P]>[]): void {
  describe(provider, () => {
    it("every intent is named once", () => {
      const intents = cases.map((kase) => kase.intent);
      expect(intents.filter((intent, index) => intents.indexOf(intent) !== index)).toEqual([]);
    });
    it.each(cases.map((kase) => [kase.intent, kase] as const))("%s", async (_intent, kase) => {
      const replayed = await replay(provider, kase, { baseUrl: mockUrl(provider) });
      expect(replayed.fetch.problems(), "contract violations").toEqual([]);
      expect(replayed.fetch.operations(), "operations sent").toEqual(kase.requests);
      expectOutcome(replayed, kase.expect, provider);
    });
  });
}

replayAll("voximplant", casesByProvider.voximplant);
replayAll("dapr", casesByProvider.dapr);
replayAll("gcore", casesByProvider.gcore);
