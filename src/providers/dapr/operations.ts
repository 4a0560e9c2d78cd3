// The Dapr client's operations, one named function each over a small context (the call function, the default store,
// the sidecar's address): requests built as the generated types say, answers read as the generated types.
import type { paths } from "../../../generated/dapr.js";
import type { ReadOptions, SecretSummary } from "../../core/capabilities.js";
import { ConfigurationError, NotFoundError, ProviderApiError } from "../../core/errors.js";
import type { CallOptions } from "../../core/options.js";
import type { CallFunction } from "../../core/provider-client.js";
import { type FieldContext, requirePathSegment } from "../../core/validate.js";
import { waitUntil } from "../../core/wait.js";
import type { OPERATIONS, Request } from "./spec.js";
import type { DaprClient } from "./types.js";
import { daprSecretValue, metadataQuery } from "./wire.js";

export interface DaprContext {
  call: CallFunction<paths, typeof OPERATIONS>;
  /** The client's store, for getSecretValue and listSecrets. */
  store: string | undefined;
  /** Where the sidecar is, for the readiness wait's message. */
  baseUrl: string;
}

type Method<Name extends keyof DaprClient> = DaprClient[Name];
const at = (operation: string): FieldContext => ({ provider: "dapr", operation });

export async function getSecret(context: DaprContext, ...[store, name, options = {}]: Parameters<Method<"getSecret">>) {
  const operation = "getSecret";
  const request: Request<typeof operation> = {
    path: { store: requirePathSegment(store, "store", at(operation)), name: requirePathSegment(name, "name", at(operation)) },
    query: { ...metadataQuery(options.metadata, at(operation)) },
  };
  const subject = `secret ${name} in store ${store}`;
  return context.call(operation, request, { signal: options.signal, subject }, ({ status, body, details }) => {
    if (status === 204) throw new NotFoundError(`${subject}: the store returned no data`, details);
    if (body === undefined) throw new ProviderApiError("empty answer", details);
    return body;
  });
}

export async function getBulkSecret(context: DaprContext, ...[store, options = {}]: Parameters<Method<"getBulkSecret">>) {
  const operation = "getBulkSecret";
  const request: Request<typeof operation> = {
    path: { store: requirePathSegment(store, "store", at(operation)) },
    query: { ...metadataQuery(options.metadata, at(operation)) },
  };
  // 204: the store returned no data.
  return context.call(operation, request, { signal: options.signal, subject: `secrets of store ${store}` }, ({ body }) => body ?? {});
}

export async function waitUntilReady(context: DaprContext, ...[options = {}]: Parameters<Method<"waitUntilReady">>): Promise<void> {
  const operation = "getOutboundHealth";
  let attempts = 0;
  const probe = (signal: AbortSignal | undefined, report: (attempt: number) => void) => {
    attempts += 1;
    report(attempts);
    return context.call(operation, {}, { signal }, ({ status }) => (status === 204 ? true : undefined)).catch(() => undefined);
  };
  await waitUntil(
    probe,
    { intervalMs: 500, timeoutMs: 60_000, ...options },
    {
      ...at(operation),
      // The address says where it waited: a wrong port is the usual cause.
      what: `the Dapr sidecar at ${context.baseUrl} to load its components`,
    },
  );
}

export async function getSecretValue(context: DaprContext, ...[name, options = {}]: Parameters<Method<"getSecretValue">>): Promise<string> {
  const keys = await getSecret(context, defaultStore(context, "getSecret"), name, options);
  return daprSecretValue(keys, name, (options satisfies ReadOptions).key);
}

export async function* listSecrets(context: DaprContext, options: CallOptions = {}): AsyncGenerator<SecretSummary> {
  const secrets = await getBulkSecret(context, defaultStore(context, "getBulkSecret"), options);
  for (const name of Object.keys(secrets).sort()) yield { key: name, name };
}

function defaultStore(context: DaprContext, operation: string): string {
  if (!context.store) throw new ConfigurationError("no store: pass option store to createDaprClient", at(operation));
  return context.store;
}
