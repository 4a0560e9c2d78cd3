/**
 * Subpath entry `typed-secrets/cache`: secrets read once and served from memory (`withSecretCache`), and a typed set
 * of an application's secrets (`defineSecretSet`). Its own entry: the root entry stays as small as it was.
 *
 * @example
 * ```ts
 * import { createVoximplantClient } from "typed-secrets";
 * import { defineSecretSet, withSecretCache } from "typed-secrets/cache";
 *
 * const voximplant = withSecretCache(createVoximplantClient());
 * const secrets = defineSecretSet({ stripeKey: "voximplant://shop/stripeKey" }, { voximplant });
 * const { stripeKey } = await secrets.load();
 * ```
 */
export { withSecretCache } from "./cache/with-secret-cache.js";
export type { CachedClient, SecretCacheControls } from "./cache/controls.js";
export type { SecretCacheStats } from "./cache/cache-engine.js";
export { CACHE_DEFAULTS, type SecretCacheOptions } from "./cache/options.js";
export {
  defineSecretSet,
  SecretSetError,
  type SecretSet,
  type SecretSetClients,
  type SecretSetValues,
  type SecretSpec,
} from "./cache/secret-set.js";
export { SecretReferenceError } from "./run/secret-references.js";
