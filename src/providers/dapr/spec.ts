// The Dapr operations of the generated spec, and the request types the client builds.
import type { OperationOf, RequestInput } from "../../core/operations.js";
import type { paths } from "../../../generated/dapr.js";
import { encodePathParam } from "./wire.js";

/** Every route of this API is a read; the readiness probe is polled, so one attempt per poll. */
export const OPERATIONS = {
  getSecret: { method: "get", path: "/v1.0/secrets/{store}/{name}", repeatable: true, encodePathParam },
  getBulkSecret: { method: "get", path: "/v1.0/secrets/{store}/bulk", repeatable: true, encodePathParam },
  getOutboundHealth: { method: "get", path: "/v1.0/healthz/outbound", repeatable: true, maxRetries: 0 },
} as const;

export type OperationName = keyof typeof OPERATIONS;

export type Request<Name extends OperationName> = RequestInput<OperationOf<paths, (typeof OPERATIONS)[Name]>>;
