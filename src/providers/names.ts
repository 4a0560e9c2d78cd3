// The vendors this package has a client for: the `provider` of their errors and clients.
export type ProviderName = "voximplant" | "dapr" | "gcore";
