// The vendors this package has a client for: the `provider` of their errors and clients.
export const PROVIDER_NAMES = ["voximplant", "dapr", "gcore"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
