// Builds a vendor's openapi-fetch client on the shared transport, and the one wrapper every facade call goes
// through. What differs per vendor comes in as data: its operations, its verdict, its credentials.
import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import { AbortedError, ProviderApiError, SecretsError, TimeoutError, type SecretsErrorDetails } from "./errors.js";
import { redactError } from "./redact.js";
import { resolveClientOptions, type BaseUrlSource, type ClientOptions, type ResolvedClientOptions } from "./options.js";
import {
  answerOf,
  createTransport,
  OutgoingRequest,
  tagOperation,
  type Answer,
  type OperationSpec,
  type Transport,
  type TransportOptions,
} from "./transport.js";

/** Everything core needs to know about a vendor. */
export interface VendorSpec {
  provider: string;
  options: ClientOptions;
  baseUrl: BaseUrlSource;
  /** Plain http to any host (a sidecar on the pod's network), not only to loopback. */
  allowPlainHttp?: boolean;
  /** Operations by name; `paths` maps `METHOD /spec/path` to a name, for calls made on `client.api`. */
  operations: Record<string, Omit<OperationSpec, "name">>;
  paths: Record<string, string>;
  authorize?: TransportOptions["authorize"];
  verdict?: TransportOptions["verdict"];
  credentialHeaders?: TransportOptions["credentialHeaders"];
  fetchClientOptions?: Omit<FetchClientOptions, "baseUrl" | "fetch" | "Request">;
  /** Test hooks: backoff sleep and jitter. */
  sleep?: TransportOptions["sleep"];
  random?: TransportOptions["random"];
}

/**
 * A facade call: sends with the given fetch (which knows the operation), answers what `handle` makes of the answer.
 * `secrets` (the call's values, keys, PEMs) and the credentials sent are cut out of any error's message.
 */
export type Call = <T>(
  name: string,
  signal: AbortSignal | undefined,
  send: (fetch: Transport) => Promise<{ response: Response }>,
  handle: (answer: Answer, details: SecretsErrorDetails) => T,
  secrets?: readonly string[],
) => Promise<T>;

export interface ProviderClient<Paths extends {}> {
  /** The typed openapi-fetch client: every operation of the spec, through the transport. */
  api: Client<Paths>;
  /** The same, for the facade's own calls (made through `call`). */
  facade: Client<Paths>;
  resolved: ResolvedClientOptions;
  call: Call;
  /** Cuts `secrets` and the credentials sent out of an error made outside `call` (a task's failure, a lookup). */
  redact: <E>(error: E, secrets?: readonly string[]) => E;
}

export function createProviderClient<Paths extends {}>(spec: VendorSpec): ProviderClient<Paths> {
  const resolved = resolveClientOptions(spec.options, spec.provider, spec.baseUrl, spec.allowPlainHttp ?? false);
  const transport = createTransport({
    provider: spec.provider,
    fetch: resolved.fetch,
    timeoutMs: resolved.timeoutMs,
    retry: resolved.retry,
    userAgent: resolved.userAgent,
    credentialsOrigin: new URL(resolved.baseUrl).origin,
    maxResponseBytes: resolved.maxResponseBytes,
    authorize: spec.authorize,
    verdict: spec.verdict,
    credentialHeaders: spec.credentialHeaders,
    sleep: spec.sleep,
    random: spec.random,
  });
  const operations = new Map(Object.entries(spec.operations).map(([name, operation]) => [name, { name, ...operation }]));
  const clientOptions = { ...spec.fetchClientOptions, baseUrl: resolved.baseUrl, fetch: transport, Request: OutgoingRequest };
  // The facade's calls name their operation themselves: their client runs no middleware (one less step per call).
  const facade = createClient<Paths>(clientOptions);
  const api = createClient<Paths>(clientOptions);
  // Calls made on client.api name their operation by the spec path they use (never by parsing the URL).
  api.use({
    onRequest({ request, schemaPath }) {
      const name = spec.paths[`${request.method} ${schemaPath}`];
      const operation = name === undefined ? undefined : operations.get(name);
      if (operation) tagOperation(request, operation);
      return undefined;
    },
  });
  const fetchFor = new Map(
    [...operations.values()].map((operation) => [
      operation.name,
      (request: Request) => {
        tagOperation(request, operation, true);
        return transport(request);
      },
    ]),
  );

  const call: Call = async (name, signal, send, handle, secrets = []) => {
    const details = { provider: spec.provider, operation: name };
    try {
      return await attempt(name, signal, send, handle, details);
    } catch (error) {
      throw redactError(error, [...secrets, ...transport.credentials()]);
    }
  };
  const attempt = async <T>(
    name: string,
    signal: AbortSignal | undefined,
    send: (fetch: Transport) => Promise<{ response: Response }>,
    handle: (answer: Answer, details: SecretsErrorDetails) => T,
    details: SecretsErrorDetails,
  ): Promise<T> => {
    try {
      const { response } = await send(fetchFor.get(name) ?? transport);
      const answer = answerOf(response);
      if (!answer) throw new ProviderApiError("the answer did not come through the transport", details);
      // Once, for every vendor: a success whose JSON does not parse is said to be that, not "empty".
      if (answer.malformed && answer.status >= 200 && answer.status < 300)
        throw new ProviderApiError("the answer is not valid JSON", { ...details, status: answer.status });
      return handle(answer, details);
    } catch (error) {
      if (error instanceof SecretsError) throw error;
      // Anything else (a bug, a stray abort) is converted: callers switch on SecretsError codes only.
      if (signal?.aborted) throw new AbortedError("aborted by the caller", { ...details, cause: signal.reason });
      const kind = (error as { name?: unknown } | null)?.name;
      if (kind === "TimeoutError") throw new TimeoutError("the answer did not arrive in time", details);
      throw new ProviderApiError(`unexpected failure (${typeof kind === "string" ? kind : "error"})`, details);
    }
  };
  return { api, facade, resolved, call, redact: (error, secrets = []) => redactError(error, [...secrets, ...transport.credentials()]) };
}
