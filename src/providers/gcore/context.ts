// What the Gcore operations share: the call function, the client's project and region, task polling, redaction.
import type { paths } from "../../../generated/gcore.js";
import { ConfigurationError } from "../../core/errors.js";
import type { CallFunction } from "../../core/provider-client.js";
import { type FieldContext, requirePositiveInteger } from "../../core/validate.js";
import type { OPERATIONS } from "./spec.js";
import type { GcoreLocation } from "./types.js";

export interface GcoreContext {
  call: CallFunction<paths, typeof OPERATIONS>;
  /** The client's project and region (options or environment). */
  location: { projectId: number | undefined; regionId: number | undefined };
  taskPolling: { intervalMs: number; timeoutMs: number };
  /** Cuts the given secrets and the credentials sent out of an error made outside a call. */
  redact: <E>(error: E, secrets?: readonly string[]) => E;
}

export const at = (operation: string): FieldContext => ({ provider: "gcore", operation });

/** `project_id` and `region_id`: the call's, else the client's. */
export function locationPath(context: GcoreContext, given: GcoreLocation, operation: string) {
  const projectId = given.projectId ?? context.location.projectId;
  const regionId = given.regionId ?? context.location.regionId;
  if (projectId === undefined)
    throw new ConfigurationError("no project: pass option projectId or set GCORE_CLOUD_PROJECT_ID", at(operation));
  if (regionId === undefined) throw new ConfigurationError("no region: pass option regionId or set GCORE_CLOUD_REGION_ID", at(operation));
  return {
    project_id: requirePositiveInteger(projectId, "projectId", at(operation)),
    region_id: requirePositiveInteger(regionId, "regionId", at(operation)),
  };
}
