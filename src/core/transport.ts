// The fetch every client uses under openapi-fetch: per-attempt auth, timeout combined with the
// caller's signal, user agent, and retries decided per operation.
import { setTimeout as delay } from "node:timers/promises";
import { AbortedError, ConfigurationError, ConnectionError, SecretsError, TimeoutError, type ProviderName } from "../errors.js";
import { backoffDelay, networkErrorCode, neverReachedServer, parseRetryAfter, RETRYABLE_STATUSES, type RetryPolicy } from "./retry.js";
import { untilAborted } from "./abort.js";

/** What a provider says of an answer beyond its HTTP status (Voximplant reports errors in 2xx bodies). */
export type Verdict = "ok" | "refresh-auth" | "rate-limited" | "try-later";

export interface TransportOptions {
  provider: ProviderName;
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string;
  /** Sets credentials on each attempt; `refresh` asks for a new token after the server rejected one. Bounded by the attempt's timeout. */
  authorize?: ((request: Request, options: { refresh: boolean }) => Promise<void>) | undefined;
  /** Whether the operation may be repeated after the request may have reached the server. */
  isRepeatable: (request: Request) => boolean;
  /** The operation's name for messages, e.g. `GetSecretValue`. */
  operationOf: (request: Request) => string;
  /** The provider's verdict on an answer; undefined leaves it to the status (429, 408, 5xx). */
  classify?: ((response: Response) => Promise<Verdict | undefined>) | undefined;
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
}

export type Transport = (request: Request) => Promise<Response>;

const defaultSleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal });

export function createTransport(options: TransportOptions): Transport {
  const sleep = options.sleep ?? defaultSleep;
  return async function transport(original: Request): Promise<Response> {
    const details = { provider: options.provider, operation: options.operationOf(original) };
    const repeatable = options.isRepeatable(original);
    let refresh = false;
    let refreshed = false;
    const wait = async (ms: number) => {
      try {
        await sleep(ms, original.signal);
      } catch {
        throw new AbortedError("aborted by the caller while waiting to retry", { ...details, cause: original.signal.reason });
      }
    };
    for (let attempt = 0; ; attempt += 1) {
      const retriesLeft = attempt < options.retry.maxRetries;
      if (original.signal.aborted) throw new AbortedError("aborted by the caller", { ...details, cause: original.signal.reason });
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = AbortSignal.any([original.signal, timeout]);
      // Redirects are not followed: a 3xx to another origin would carry the form body and credentials.
      const request = pin(new Request(original.clone(), { signal, redirect: "manual" }), [signal, timeout]);
      request.headers.set("user-agent", options.userAgent);
      let response: Response;
      try {
        if (options.authorize) await untilAborted(authorizeSafely(options.authorize, request, refresh, details), signal);
        refresh = false;
        response = pin(await options.fetch(request), [signal, timeout]);
      } catch (error) {
        if (error instanceof SecretsError) throw error;
        if (original.signal.aborted) throw new AbortedError("aborted by the caller", { ...details, cause: original.signal.reason });
        const failure = timeout.aborted
          ? new TimeoutError(`no answer within ${options.timeoutMs} ms`, details)
          : new ConnectionError(`cannot reach ${hostOf(original.url)} (${networkErrorCode(error) ?? "network error"})`, { ...details, cause: safeCause(error) });
        if (retriesLeft && (repeatable || neverReachedServer(error))) {
          await wait(backoffDelay(attempt, options.retry, options.random));
          continue;
        }
        throw failure;
      }
      // The provider's view first (Voximplant errors in 200 bodies, Dapr's permanent 500s), then the status.
      const verdict: Verdict = (await options.classify?.(response)) ?? (response.status === 429 ? "rate-limited" : RETRYABLE_STATUSES.has(response.status) ? "try-later" : "ok");
      if (verdict === "refresh-auth" && !refreshed) {
        // The token was rejected before anything ran (clock skew, expiry): one re-sign, one retry.
        refreshed = true;
        refresh = true;
        attempt -= 1;
        discard(response);
        continue;
      }
      // A rate-limited request was not processed, so any operation may be sent again.
      const retryable = verdict === "rate-limited" || (verdict === "try-later" && repeatable);
      if (!retryable || !retriesLeft) return response;
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfter !== undefined && retryAfter > options.retry.maxRetryAfterMs) return response;
      discard(response);
      await wait(retryAfter ?? backoffDelay(attempt, options.retry, options.random));
    }
  };
}

/** `host:port` of a request, for messages: base URLs never hold credentials (requireUrl refuses them), and the path and query are left out. */
function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === "https:" ? "443" : "80")}`;
}

/** Keeps the network error's name and code, dropping anything else it may carry (URLs, headers). */
function safeCause(error: unknown): Error {
  const code = networkErrorCode(error);
  const safe = new Error(code ? `${code}` : error instanceof Error ? error.name : "network error");
  if (code) (safe as Error & { code?: string }).code = code;
  return safe;
}

/** Releases an unread body without waiting: cancelling one branch of a teed (cloned) body waits for the other. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

const PINNED = Symbol("typed-secrets.signal");

/**
 * Keeps the attempt's signals alive as long as the request or response is: a Request follows its
 * init signal through weak references, so once the composite is collected neither the timeout nor
 * the caller's abort would reach the request (nodejs/node#55428).
 */
function pin<T extends object>(target: T, signals: AbortSignal[]): T {
  Object.defineProperty(target, PINNED, { value: signals });
  return target;
}

/** Runs a credential step; a failure that is not ours becomes a ConfigurationError without its message (it may hold the key). */
async function authorizeSafely(authorize: NonNullable<TransportOptions["authorize"]>, request: Request, refresh: boolean, details: { provider: ProviderName; operation: string }): Promise<void> {
  try {
    await authorize(request, { refresh });
  } catch (error) {
    if (error instanceof SecretsError) throw error;
    throw new ConfigurationError(`could not set the credentials on the request (${error instanceof Error ? error.name : "error"})`, details);
  }
}

