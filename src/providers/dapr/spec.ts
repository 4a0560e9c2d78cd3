// The Dapr operations of the generated spec, and the request types the client builds.
import type { OperationOf, RequestInput } from "../../core/operations.js";
import type { components, paths } from "../../../generated/dapr.js";

/**
 * Each path parameter percent-encoded. The runtime matches routes on the escaped path and unescapes parameters
 * afterwards, so a secret named `bulk` is sent as `bul%6B`: it reaches the single route (as `bulk`) instead of the
 * bulk route (docs/vendor-behaviour.md: inferred from the router code).
 */
export function encodePathParam(name: string, value: string): string {
  return name === "name" && value === "bulk" ? "bul%6B" : encodeURIComponent(value);
}

/** Every route of this API is a read; the readiness probe is polled, so one attempt per poll. */
export const OPERATIONS = {
  getSecret: { method: "get", path: "/v1.0/secrets/{store}/{name}", repeatable: true, encodePathParam },
  getBulkSecret: { method: "get", path: "/v1.0/secrets/{store}/bulk", repeatable: true, encodePathParam },
  getOutboundHealth: { method: "get", path: "/v1.0/healthz/outbound", repeatable: true, maxRetries: 0 },
} as const;

export type OperationName = keyof typeof OPERATIONS;

export type Request<Name extends OperationName> = RequestInput<OperationOf<paths, (typeof OPERATIONS)[Name]>>;

export type Wire<Name extends keyof components["schemas"]> = components["schemas"][Name];
