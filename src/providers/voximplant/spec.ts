// The Voximplant operations of the generated spec, and the request and answer types the client builds and reads.
import type { OperationOf, RequestInput } from "../../core/operations.js";
import type { components, paths } from "../../../generated/voximplant.js";

/** The API's operations: reads are POSTs too, and safe to repeat; writes are not. */
export const OPERATIONS = {
  AddSecret: { method: "post", path: "/AddSecret", repeatable: false },
  GetSecrets: { method: "post", path: "/GetSecrets", repeatable: true },
  GetSecretValue: { method: "post", path: "/GetSecretValue", repeatable: true },
  SetSecretInfo: { method: "post", path: "/SetSecretInfo", repeatable: false },
  DelSecret: { method: "post", path: "/DelSecret", repeatable: false },
} as const;

export type OperationName = keyof typeof OPERATIONS;

/** An operation's form body, as the spec types it (optional fields may be given as undefined). */
export type Form<Name extends OperationName> = NonNullable<RequestInput<OperationOf<paths, (typeof OPERATIONS)[Name]>>["form"]>;

export type Wire<Name extends keyof components["schemas"]> = components["schemas"][Name];
