// Live mode (CONTRACT_TARGET=live + vendor variables): the replay cases against the real APIs through
// `prism proxy`, which validates each real answer against our spec. Reads only, unless
// CONTRACT_ALLOW_WRITES=1 (then the vendor variables must name a disposable application / project).
import { casesByProvider } from "./cases/index.js";
import { liveTarget } from "./support/context.js";
import { describeLive } from "./support/live.js";

describeLive("voximplant", casesByProvider.voximplant, liveTarget("voximplant"), process.env);
describeLive("dapr", casesByProvider.dapr, liveTarget("dapr"), process.env);
describeLive("gcore", casesByProvider.gcore, liveTarget("gcore"), process.env);
