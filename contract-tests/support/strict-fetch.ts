// A fetch for contract tests: asks Prism for a response (`Prefer`), records every exchange and flags
// contract violations (422, `sl-violations`, Prism's own errors, undecodable JSON) for the test to assert.
import { afterEach, expect } from "vitest";
import type { ProviderName } from "../../src/providers/names.js";
import { declaresStatus, operationOfRequest } from "./specs.js";

/** A `Prefer` value for every request, per operationId (`*` for the rest), or chosen per request. */
export type Prefer = string | Record<string, string> | ((operation: string, index: number) => string | undefined);

export interface Exchange {
  operation: string;
  method: string;
  url: string;
  requestHeaders: Headers;
  requestBody: string;
  status: number;
  responseHeaders: Headers;
  responseBody: string;
}

export interface StrictFetchOptions {
  prefer?: Prefer | undefined;
  /** Sent as `accept` (Prism picks the content type by it, e.g. Dapr's text/plain 401). */
  accept?: string | undefined;
}

export interface StrictFetch {
  (request: Request): Promise<Response>;
  readonly exchanges: Exchange[];
  /** The operationIds requested, in order. */
  operations(): string[];
  /** Every contract violation seen so far, one line each. */
  problems(): string[];
}

function preferFor(prefer: Prefer | undefined, operation: string, index: number): string | undefined {
  if (prefer === undefined || typeof prefer === "string") return prefer;
  if (typeof prefer === "function") return prefer(operation, index);
  return prefer[operation] ?? prefer["*"];
}

export function strictFetch(provider: ProviderName, options: StrictFetchOptions = {}): StrictFetch {
  const exchanges: Exchange[] = [];
  const problems: string[] = [];
  const fetch = (async (request: Request) => {
    const operation = operationOfRequest(provider, request) ?? `unknown ${request.method} ${new URL(request.url).pathname}`;
    if (operation.startsWith("unknown"))
      problems.push(`${provider}: no operation of generated/${provider}.yaml matches ${operation.slice(8)}`);
    const prefer = preferFor(options.prefer, operation, exchanges.filter((exchange) => exchange.operation === operation).length);
    if (prefer) request.headers.set("prefer", prefer);
    if (options.accept) request.headers.set("accept", options.accept);
    const requestBody = request.body ? await request.clone().text() : "";
    const response = await globalThis.fetch(request);
    const responseBody = await response.clone().text();
    const exchange: Exchange = {
      operation,
      method: request.method,
      url: request.url,
      requestHeaders: new Headers(request.headers),
      requestBody,
      status: response.status,
      responseHeaders: response.headers,
      responseBody,
    };
    exchanges.push(exchange);
    const violations = violationsOf(exchange);
    // An answer the spec does not declare (e.g. 431 from the HTTP server itself, before Prism).
    if (violations.length === 0 && !operation.startsWith("unknown") && !declaresStatus(provider, operation, response.status))
      violations.push(`${operation} → ${response.status}: status not declared in generated/${provider}.yaml`);
    problems.push(...violations);
    return response;
  }) as StrictFetch;
  Object.defineProperty(fetch, "exchanges", { value: exchanges });
  fetch.operations = () => exchanges.map((exchange) => exchange.operation);
  fetch.problems = () => [...problems];
  return fetch;
}

/** What makes one exchange a contract failure, whatever the test expects of the answer. */
export function violationsOf(exchange: Exchange): string[] {
  const where = `${exchange.operation} → ${exchange.status}`;
  const found: string[] = [];
  const violations = exchange.responseHeaders.get("sl-violations");
  if (violations) found.push(`${where}: sl-violations ${violations}`);
  if (exchange.status === 422) found.push(`${where}: Prism rejected the request (422) ${exchange.responseBody.slice(0, 500)}`);
  const type = exchange.responseHeaders.get("content-type") ?? "";
  // None of the APIs answers problem+json: it is Prism's own error (no such example or status, or in
  // proxy mode an upstream answer it could not read).
  if (type.includes("problem+json") && exchange.status !== 422)
    found.push(`${where}: Prism could not answer: ${exchange.responseBody.slice(0, 500)}`);
  else if (type.includes("json") && exchange.responseBody !== "") {
    try {
      JSON.parse(exchange.responseBody);
    } catch {
      found.push(`${where}: the JSON body does not decode`);
    }
  }
  return found;
}

/** Strict fetches created through this are checked after every test of the file: any violation fails it. */
export function checkedFetches(provider: ProviderName): (options?: StrictFetchOptions) => StrictFetch {
  const created: StrictFetch[] = [];
  afterEach(() => {
    const problems = created.flatMap((fetch) => fetch.problems());
    created.length = 0;
    expect(problems, "contract violations").toEqual([]);
  });
  return (options) => {
    const fetch = strictFetch(provider, options);
    created.push(fetch);
    return fetch;
  };
}
