// A vendor's client core: its options resolved, its request path (transport, credentials, retries, its classify),
// `call` for the facade's operations, typed by the generated spec, and `api`, the typed openapi-fetch client over
// the same path. What differs per vendor comes in as data.
import type { Client, ClientOptions as FetchClientOptions } from "openapi-fetch";
import { createApiFetch } from "./api-fetch.js";
import type { Answer } from "./answer.js";
import type { Authorize, CallDetails } from "./attempt-failures.js";
import { type Classify, finalError } from "./decide.js";
import { AbortedError, ProviderApiError, SecretsError, TimeoutError } from "./errors.js";
import type { HeaderReader } from "./http.js";
import {
  buildRequest,
  type OperationDef,
  type OperationOf,
  type OperationTable,
  type RequestInput,
  type SuccessBody,
} from "./operations.js";
import { type BaseUrlSource, type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from "./options.js";
import { redactError } from "./redact.js";
import { lazyClient } from "./lazy-api.js";
import { perform, type RequestPath } from "./request-path.js";
import { createClientTransport } from "./transports.js";

/** Everything core needs to know about a vendor. */
export interface VendorSpec<Paths, Table extends OperationTable<Paths>> {
  provider: string;
  options: ClientOptions;
  baseUrl: BaseUrlSource;
  /** Plain http to any host (a sidecar on the pod's network), not only to loopback. */
  allowPlainHttp?: boolean;
  operations: Table;
  /** The vendor's one reading of an answer: the retry decision and the error both come from it. */
  classify: Classify;
  authorize?: Authorize | undefined;
  /** Headers `authorize` sets (default `authorization`): their values are remembered, for redaction, until replaced. */
  credentialHeaders?: readonly string[];
  /** Options of `client.api` (e.g. a form body serializer). */
  apiOptions?: Omit<FetchClientOptions, "baseUrl" | "fetch" | "Request">;
  /** Test hooks: backoff sleep and jitter. */
  sleep?: RequestPath["sleep"];
  random?: RequestPath["random"];
}

/** Per call: the caller's signal, and the call's secrets (values, keys, PEMs), cut out of any error it throws. */
export interface CallSettings {
  signal?: AbortSignal | undefined;
  secrets?: readonly string[];
  /** What the call is about, for the vendor's messages (e.g. `secret db in store vault`). */
  subject?: string;
}

/** A 2xx answer, its body as the spec types it (undefined when there is none). */
export interface Success<Body> {
  status: number;
  headers: HeaderReader;
  body: Body | undefined;
  /** Provider, operation and status, for the errors a mapper throws. */
  details: { provider: string; operation: string; status: number };
}

export type CallFunction<Paths, Table> = <Name extends keyof Table & string, T>(
  name: Name,
  input: RequestInput<OperationOf<Paths, Table[Name]>>,
  settings: CallSettings,
  map: (answer: Success<SuccessBody<OperationOf<Paths, Table[Name]>>>) => T,
) => Promise<T>;

export interface ProviderClient<Paths extends {}, Table> {
  /** The typed openapi-fetch client: every operation of the spec, through the same request path. */
  api: Client<Paths>;
  resolved: ResolvedClientOptions;
  /** A facade call: the request built as the spec types it, sent, classified, and the success mapped by `map`. */
  call: CallFunction<Paths, Table>;
  /** Cuts `secrets` and the credentials sent out of an error made outside `call` (a task's failure, a lookup). */
  redact: <E>(error: E, secrets?: readonly string[]) => E;
}

const REMEMBERED_CREDENTIALS = 4;

export function createProviderClient<Paths extends {}, Table extends OperationTable<Paths>>(
  spec: VendorSpec<Paths, Table>,
): ProviderClient<Paths, Table> {
  const operations: { [Name in keyof Table]: OperationDef<Paths> } = spec.operations;
  const resolved = resolveClientOptions(spec.options, spec.provider, spec.baseUrl, spec.allowPlainHttp ?? false);
  const remembered = rememberCredentials(spec.credentialHeaders ?? ["authorization"]);
  const path: RequestPath = {
    transport: createClientTransport(resolved),
    timeoutMs: resolved.timeoutMs,
    maxResponseBytes: resolved.maxResponseBytes,
    userAgent: resolved.userAgent,
    authorize: spec.authorize,
    sentCredentials: remembered.add,
    classify: spec.classify,
    retry: resolved.retry,
    sleep: spec.sleep,
    random: spec.random,
  };
  const redact = <E>(error: E, secrets: readonly string[] = []): E => redactError(error, [...secrets, ...remembered.values]);

  const call: CallFunction<Paths, Table> = async (name, input, settings, map) => {
    const details = { provider: spec.provider, operation: name, subject: settings.subject };
    const def = operations[name];
    try {
      const request = buildRequest(resolved.baseUrl, def, input);
      const headers: Record<string, string> = request.contentType ? { "content-type": request.contentType } : {};
      const prepared = { details, ...request, headers, withCredentials: true, signal: settings.signal };
      const { answer, classification } = await perform<SuccessBody<OperationOf<Paths, Table[typeof name]>>>(prepared, def, path);
      if (classification.kind === "error") throw finalError(classification, answer.status, def, details);
      return map(success(answer, details));
    } catch (error) {
      throw redact(unexpected(error, settings.signal, details), settings.secrets);
    }
  };

  const apiFetch = createApiFetch({ path, provider: spec.provider, baseUrl: resolved.baseUrl, operations: spec.operations, redact });
  const api = lazyClient<Paths>(async () => {
    const { default: createClient } = await import("openapi-fetch");
    return createClient<Paths>({ ...spec.apiOptions, baseUrl: resolved.baseUrl, fetch: apiFetch });
  });
  return { api, resolved, call, redact };
}

/** A 2xx answer whose body, when there is one, is a JSON object: anything else is said to be what it is. */
function success<Body>(answer: Answer<Body>, call: CallDetails): Success<Body> {
  const { status, headers, body } = answer;
  const details = { provider: call.provider, operation: call.operation, status };
  const failure = (what: string) => new ProviderApiError(what, details);
  if (status < 200 || status > 299) throw failure("unexpected HTTP status");
  if (answer.malformed !== undefined) throw failure(`the answer cannot be read: ${answer.malformed}`);
  if (body === undefined) return { status, headers, body, details };
  if (typeof body !== "object" || body === null) throw failure("the answer is not a JSON object");
  return { status, headers, body, details };
}

/** Anything not ours (a mapper's bug, a stray abort) is converted: callers switch on SecretsError codes only. */
function unexpected(error: unknown, signal: AbortSignal | undefined, details: CallDetails): SecretsError {
  if (error instanceof SecretsError) return error;
  if (signal?.aborted) return new AbortedError("aborted by the caller", { ...details, cause: signal.reason });
  const kind = error instanceof Error ? error.name : undefined;
  if (kind === "TimeoutError") return new TimeoutError("the answer did not arrive in time", details);
  return new ProviderApiError(`unexpected failure (${kind ?? "error"})`, details);
}

/** The newest few credential values sent, each with its bare token ("APIKey k" → "k"): enough for a token being replaced. */
function rememberCredentials(names: readonly string[]) {
  const values: string[] = [];
  const add = (headers: Record<string, string>) => {
    for (const name of names) {
      const value = headers[name];
      if (!value || values.includes(value)) continue;
      const token = value.slice(value.indexOf(" ") + 1);
      values.unshift(value, ...(token !== value && token.length > 0 ? [token] : []));
      values.length = Math.min(values.length, REMEMBERED_CREDENTIALS * 2);
    }
  };
  return { values, add };
}
