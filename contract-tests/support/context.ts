// What the global setup provides to the test workers: the mock URLs and the live targets.
import { inject } from "vitest";
import type { ProviderName } from "../../src/providers/names.js";
import type { LiveTarget } from "./targets.js";

export const mockUrl = (provider: ProviderName): string => inject("mockUrls")[provider];
export const liveTarget = (provider: ProviderName): LiveTarget => inject("liveTargets")[provider];
