// The replay cases against the emulators through `prism proxy`: every emulator answer is checked against the
// generated specs, as a real API's would be in live mode.
import { inject } from "vitest";
import { casesByProvider } from "../cases/index.js";
import { liveTarget } from "../support/context.js";
import { describeLive } from "../support/live.js";

const env = inject("emulatedEnv");
describeLive("voximplant", casesByProvider.voximplant, liveTarget("voximplant"), env, "emulated");
describeLive("dapr", casesByProvider.dapr, liveTarget("dapr"), env, "emulated");
describeLive("gcore", casesByProvider.gcore, liveTarget("gcore"), env, "emulated");
