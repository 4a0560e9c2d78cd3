// Live mode: which vendor variables each provider needs, the real API `prism proxy` forwards to, and
// why a provider is skipped. No vitest import: the global setup (main process) uses it.
import type { ProviderName } from "../../src/providers/names.js";
import { VOXIMPLANT_BASE_URL } from "../../src/index.js";

export type LiveTarget = { url: string; allowWrites: boolean } | { skip: string };

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<ProviderName, string>;
    liveTargets: Record<ProviderName, LiveTarget>;
  }
}

type Env = Record<string, string | undefined>;

/** The real API each provider is proxied to in live mode, or why it cannot be (missing variables). */
export function liveUpstream(provider: ProviderName, env: Env): { upstream: string } | { skip: string } {
  if (env.CONTRACT_TARGET !== "live") return { skip: "CONTRACT_TARGET is not 'live' (mock mode)" };
  const missing = (names: string[]) => names.filter((name) => !env[name]);
  switch (provider) {
    case "voximplant": {
      const absent = [
        ...missing(["VOXIMPLANT_CREDENTIALS"]),
        ...(env.VOXIMPLANT_APPLICATION_ID || env.VOXIMPLANT_APPLICATION_NAME
          ? []
          : ["VOXIMPLANT_APPLICATION_ID or VOXIMPLANT_APPLICATION_NAME"]),
      ];
      return absent.length
        ? { skip: `voximplant: set ${absent.join(", ")}` }
        : { upstream: env.VOXIMPLANT_BASE_URL || VOXIMPLANT_BASE_URL };
    }
    case "dapr": {
      const endpoint = env.DAPR_HTTP_ENDPOINT || (env.DAPR_HTTP_PORT ? `http://127.0.0.1:${env.DAPR_HTTP_PORT}` : undefined);
      const absent = [...(endpoint ? [] : ["DAPR_HTTP_ENDPOINT or DAPR_HTTP_PORT"]), ...missing(["CONTRACT_DAPR_STORE"])];
      return absent.length || !endpoint ? { skip: `dapr: set ${absent.join(", ")}` } : { upstream: endpoint };
    }
    case "gcore": {
      const absent = missing(["GCORE_API_KEY", "GCORE_CLOUD_PROJECT_ID", "GCORE_CLOUD_REGION_ID"]);
      return absent.length ? { skip: `gcore: set ${absent.join(", ")}` } : { upstream: env.GCORE_BASE_URL || "https://api.gcore.com" };
    }
  }
}
