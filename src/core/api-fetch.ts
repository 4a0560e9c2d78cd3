// The fetch `client.api` (openapi-fetch) sends through: the same request path as the facade (credentials for the
// configured origin only, timeouts, retries by operation, the vendor's verdict), with the final answer handed back
// as a Response for openapi-fetch to read. The operation is named by the spec path the request matches.
import type { Answer } from "./answer.js";
import { AbortedError, ProviderApiError, SecretsError } from "./errors.js";
import { operationMatcher, type OperationTable } from "./operations.js";
import { perform, type RequestPath } from "./request-path.js";

export interface ApiFetchOptions<Paths> {
  path: RequestPath;
  provider: string;
  baseUrl: string;
  operations: OperationTable<Paths>;
  redact: <E>(error: E) => E;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

export function createApiFetch<Paths>(options: ApiFetchOptions<Paths>): (request: Request) => Promise<Response> {
  const operationFor = operationMatcher(options.operations);
  const origin = new URL(options.baseUrl).origin;
  return async (request) => {
    const name = request.url.startsWith(`${options.baseUrl}/`)
      ? operationFor(request.method, new URL(request.url).pathname.slice(new URL(options.baseUrl).pathname.replace(/\/$/, "").length))
      : undefined;
    const rules = name === undefined ? { repeatable: request.method === "GET" } : options.operations[name]!;
    const details = { provider: options.provider, operation: name ?? `${request.method} request` };
    try {
      // A body is read once, to be sent on every attempt.
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
      const prepared = {
        details,
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body,
        withCredentials: request.url.startsWith(`${origin}/`),
        signal: request.signal,
      };
      const { answer } = await perform<unknown>(prepared, rules, options.path);
      return asResponse(answer, details);
    } catch (error) {
      if (error instanceof SecretsError) throw options.redact(error);
      if (request.signal.aborted) throw new AbortedError("aborted by the caller", { ...details, cause: request.signal.reason });
      throw new ProviderApiError(`unexpected failure (${error instanceof Error ? error.name : "error"})`, details);
    }
  };
}

/** The answer as a Response again, its body in memory. */
function asResponse(answer: Answer<unknown>, details: { provider: string; operation: string }): Response {
  try {
    return new Response(NULL_BODY.has(answer.status) ? null : answer.text, {
      status: answer.status,
      headers: [...answer.headers.entries()],
    });
  } catch {
    throw new ProviderApiError(`unexpected HTTP status ${answer.status}`, details);
  }
}
