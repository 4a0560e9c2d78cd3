// Voximplant change detection: GetSecrets lists every secret's `modified` without its value, so one call (per page of
// 100) per application tells which cached values changed; unchanged ones are renewed without reading them again.
// `modified` has whole seconds ("YYYY-MM-DD HH:MM:SS", docs/vendor-behaviour.md): a value read within the second of
// its last change (plus 1 s for clock skew) is not trusted unchanged, since a second change that second would look
// the same; it is read again.
import type { VoximplantApplication, VoximplantClient, VoximplantSecret } from "../providers/voximplant/client.js";
import type { CacheEngine } from "./cache-engine.js";
import type { ResolvedCacheOptions } from "./options.js";

const SECOND_AND_SKEW_MS = 2000;
const applicationKey = (application: VoximplantApplication | undefined) => `application:${JSON.stringify(application ?? null)}`;

const isSecret = (value: unknown): value is VoximplantSecret =>
  typeof value === "object" && value !== null && "name" in value && "value" in value && "updatedAt" in value;

export interface ChangeDetection {
  /** True when GetSecrets shows `previous` unchanged (other unchanged entries of the application are renewed too). */
  unchanged(application: VoximplantApplication | undefined, previous: VoximplantSecret | undefined): Promise<boolean>;
}

export function createChangeDetection(client: VoximplantClient, engine: CacheEngine, options: ResolvedCacheOptions): ChangeDetection {
  const listings = new Map<string, Promise<Map<string, number>>>();

  async function modifiedTimes(application: VoximplantApplication | undefined): Promise<Map<string, number>> {
    const modified = new Map<string, number>();
    for await (const info of client.listSecrets(application ? { application } : {}))
      if (info.updatedAt) modified.set(info.name, info.updatedAt.getTime());
    return modified;
  }

  /** One listing in flight per application, shared by every refresh that starts meanwhile. */
  function listing(application: VoximplantApplication | undefined): Promise<Map<string, number>> {
    const key = applicationKey(application);
    const running = listings.get(key);
    if (running) return running;
    const started = modifiedTimes(application);
    listings.set(key, started);
    const forget = () => listings.delete(key);
    started.then(forget, forget);
    return started;
  }

  return {
    async unchanged(application, previous) {
      if (!options.changeDetection || previous?.updatedAt === undefined) return false;
      const modified = await listing(application);
      let result = false;
      for (const entry of engine.tagged(applicationKey(application))) {
        if (!isSecret(entry.value) || entry.value.updatedAt === undefined) continue;
        const at = entry.value.updatedAt.getTime();
        const same = modified.get(entry.value.name) === at && entry.loadedAt >= at + SECOND_AND_SKEW_MS;
        if (entry.value === previous) result = same;
        else if (same) engine.renew(entry.key);
      }
      return result;
    },
  };
}
