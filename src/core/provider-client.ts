// Builds a provider's openapi-fetch client on the shared transport (auth, retries, timeout, user agent).
import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import type { ProviderName } from "../errors.js";
import { resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from "./options.js";
import { createTransport, type Transport, type TransportOptions } from "./transport.js";

export interface ProviderClientSpec {
  provider: ProviderName;
  options: ClientOptions;
  baseUrl: { value: string; from: string };
  authorize?: TransportOptions["authorize"];
  isRepeatable: TransportOptions["isRepeatable"];
  operationOf: TransportOptions["operationOf"];
  classify?: TransportOptions["classify"];
  fetchClientOptions?: Omit<FetchClientOptions, "baseUrl" | "fetch">;
  /** Test hooks: backoff sleep and jitter. */
  sleep?: TransportOptions["sleep"];
  random?: TransportOptions["random"];
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function createProviderClient<Paths extends {}>(spec: ProviderClientSpec): { client: Client<Paths>; resolved: ResolvedClientOptions; withoutRetries: Transport } {
  const resolved = resolveClientOptions(spec.options, spec.provider, spec.baseUrl);
  const transportWith = (maxRetries: number) => createTransport({
    provider: spec.provider,
    fetch: resolved.fetch,
    timeoutMs: resolved.timeoutMs,
    retry: { ...resolved.retry, maxRetries },
    userAgent: resolved.userAgent,
    authorize: spec.authorize,
    isRepeatable: spec.isRepeatable,
    operationOf: spec.operationOf,
    classify: spec.classify,
    sleep: spec.sleep,
    random: spec.random,
  });
  const client = createClient<Paths>({ ...spec.fetchClientOptions, baseUrl: resolved.baseUrl, fetch: transportWith(resolved.retry.maxRetries) });
  // For requests that are polled anyway (readiness probes): one attempt each, the poll loop retries.
  return { client, resolved, withoutRetries: transportWith(0) };
}
