// Every replay case, by provider.
import type { ProviderName } from "../../src/providers/names.js";
import type { Clients } from "../support/clients.js";
import { daprCases } from "./dapr.js";
import { gcoreCases } from "./gcore.js";
import type { Case } from "./types.js";
import { voximplantCases } from "./voximplant.js";

export const casesByProvider: { [P in ProviderName]: Case<Clients[P]>[] } = {
  voximplant: voximplantCases,
  dapr: daprCases,
  gcore: gcoreCases,
};
