// The vendors this package has a client for: the `provider` of their errors and clients.
export const PROVIDER_NAMES = ["voximplant", "dapr", "gcore"] as const;
/** A vendor's name as its client and its errors give it: `"voximplant"`, `"dapr"` or `"gcore"`. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];
