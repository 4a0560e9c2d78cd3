// Type test: a cached client keeps its client's own type (Dapr stays read-only), adds `cache`, and Gcore has none.
import { describe, expectTypeOf, it } from "vitest";
import type { DaprClient } from "../providers/dapr/client.js";
import type { GcoreClient } from "../providers/gcore/client.js";
import type { VoximplantClient } from "../providers/voximplant/client.js";
import type { SecretCacheControls } from "./controls.js";
import { withSecretCache } from "./with-secret-cache.js";

declare const voximplant: VoximplantClient;
declare const dapr: DaprClient;
declare const gcore: GcoreClient;

describe("withSecretCache types", () => {
  it("answers the wrapped client's type with `cache`", () => {
    expectTypeOf(withSecretCache(voximplant)).toEqualTypeOf<VoximplantClient & { readonly cache: SecretCacheControls }>();
    expectTypeOf(withSecretCache(dapr).getSecret).toEqualTypeOf<DaprClient["getSecret"]>();
    // @ts-expect-error: Dapr has no write, cached or not
    withSecretCache(dapr).setSecret;
    // @ts-expect-error: Gcore returns no payload: nothing to cache
    withSecretCache(gcore);
  });
});
