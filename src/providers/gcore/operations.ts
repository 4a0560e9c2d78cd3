// The Gcore client's operations, one named function each over a small context (the call function, the default
// project and region, task polling): requests built as the generated types say, answers read as them.
import { ProviderApiError } from "../../core/errors.js";
import { paginate } from "../../core/paginate.js";
import type { Success } from "../../core/provider-client.js";
import { requirePositiveInteger, requireUuid } from "../../core/validate.js";
import { at, type GcoreContext, locationPath } from "./context.js";
import type { Wire } from "./spec.js";
import { waitForAcceptedTask } from "./tasks.js";
import type { GcoreClient } from "./types.js";
import { uploadBody } from "./upload-body.js";
import { type GcoreSecret, toSecret } from "./wire.js";

type Method<Name extends keyof GcoreClient> = GcoreClient[Name];

export function listSecrets(context: GcoreContext, options: Parameters<Method<"listSecrets">>[0] = {}): AsyncIterable<GcoreSecret> {
  const operation = "listSecrets";
  const path = locationPath(context, options, operation);
  const pageSize = options.pageSize === undefined ? 1000 : requirePositiveInteger(options.pageSize, "pageSize", at(operation), 1000);
  const page = (offset: number, limit: number) =>
    context.call(
      operation,
      { path, query: { limit, offset } },
      { signal: options.signal, subject: "listing secrets" },
      ({ body, details }) => {
        if (!Array.isArray(body?.results)) throw new ProviderApiError("the answer has no results", details);
        // `count` is the collection's size: the official Python SDK pages while offset + results < count (gcore-python
        // src/gcore/pagination.py, SyncOffsetPage); a count that is not a number falls back to stopping on a short page.
        return { items: body.results.map(toSecret), total: typeof body.count === "number" ? body.count : undefined };
      },
    );
  return paginate(page, pageSize, at(operation));
}

export async function getSecret(context: GcoreContext, ...[id, options = {}]: Parameters<Method<"getSecret">>): Promise<GcoreSecret> {
  const operation = "getSecret";
  const path = { ...locationPath(context, options, operation), secret_id: requireUuid(id, "id", at(operation)) };
  return context.call(operation, { path }, { signal: options.signal, subject: `secret ${id}` }, ({ body, details }) => {
    if (body === undefined) throw new ProviderApiError("empty answer", details);
    return toSecret(body);
  });
}

export async function uploadCertificate(context: GcoreContext, ...[input, options = {}]: Parameters<Method<"uploadCertificate">>) {
  const operation = "uploadCertificate";
  const path = locationPath(context, options, operation);
  const json = uploadBody(input, at(operation));
  const settings = { signal: options.signal, secrets: Object.values(json.payload), subject: `uploading certificate ${json.name}` };
  return context.call(operation, { path, json }, settings, taskIds);
}

export async function startDeleteSecret(context: GcoreContext, ...[id, options = {}]: Parameters<Method<"startDeleteSecret">>) {
  const operation = "deleteSecret";
  const path = { ...locationPath(context, options, operation), secret_id: requireUuid(id, "id", at(operation)) };
  return context.call(operation, { path }, { signal: options.signal, subject: `deleting secret ${id}` }, taskIds);
}

export async function deleteSecret(context: GcoreContext, ...[id, options = {}]: Parameters<Method<"deleteSecret">>): Promise<void> {
  const { taskIds: tasks } = await startDeleteSecret(context, id, options);
  for (const task of tasks) await waitForAcceptedTask(context, task, options, "deletion");
}

/** The tasks a create or delete started (none when there was nothing to do). */
function taskIds({ body, details }: Success<Wire<"TaskIDsSerializer">>): { taskIds: string[] } {
  if (!Array.isArray(body?.tasks)) throw new ProviderApiError("the answer has no task list", details);
  return { taskIds: body.tasks };
}
