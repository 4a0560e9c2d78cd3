// The Gcore operations of the generated spec, and the request types the client builds.
import type { OperationOf, RequestInput } from "../../core/operations.js";
import type { components, paths } from "../../../generated/gcore.js";

/** Reads are repeatable; create and delete are never re-sent once they may have arrived. */
export const OPERATIONS = {
  listSecrets: { method: "get", path: "/cloud/v1/secrets/{project_id}/{region_id}", repeatable: true },
  getSecret: { method: "get", path: "/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", repeatable: true },
  uploadCertificate: { method: "post", path: "/cloud/v2/secrets/{project_id}/{region_id}", repeatable: false },
  deleteSecret: { method: "delete", path: "/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", repeatable: false },
  waitForTask: { method: "get", path: "/cloud/v1/tasks/{task_id}", repeatable: true },
} as const;

export type OperationName = keyof typeof OPERATIONS;

export type Request<Name extends OperationName> = RequestInput<OperationOf<paths, (typeof OPERATIONS)[Name]>>;

export type Wire<Name extends keyof components["schemas"]> = components["schemas"][Name];
