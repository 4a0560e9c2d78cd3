// The fetch every client uses under openapi-fetch: one request and one body read per attempt, credentials for the
// configured origin only, the whole attempt (body included) bounded by the timeout, the caller's signal and a size
// cap, retries decided per operation, and the vendor's verdict taken from the one parse of the body.
import { setTimeout as delay } from "node:timers/promises";
import { untilAborted } from "./abort.js";
import { type Answer, hostOf, parseBody, readBody, respond, safeCause } from "./answer.js";

export type { Answer } from "./answer.js";
import { AbortedError, ConnectionError, SecretsError, TimeoutError } from "./errors.js";
import { authorizeSafely, outcomeUnknown } from "./attempt-failures.js";
import { backoffDelay, networkErrorCode, neverReachedServer, parseRetryAfter, RETRYABLE_STATUSES, type RetryPolicy } from "./retry.js";

/** What a vendor says of an answer beyond its HTTP status (errors in 2xx bodies, permanent 500s). */
export type Verdict = "ok" | "refresh-auth" | "rate-limited" | "try-later";

export interface OperationSpec {
  /** The name messages use, e.g. `GetSecretValue`. */
  name: string;
  /** May it be sent again after the request may have reached the server? */
  repeatable: boolean;
  /** Overrides the client's retries (readiness probes, which their poll loop repeats). */
  maxRetries?: number;
}

export interface TransportOptions {
  provider: string;
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string;
  /** Requests to other origins (a per-call baseUrl on `client.api`) travel without credentials. */
  credentialsOrigin: string;
  maxResponseBytes: number;
  /** Sets credentials on each attempt; `refresh` asks for a new token after the server rejected one. Bounded by the attempt's timeout. */
  authorize?: ((headers: Headers, context: { refresh: boolean; operation: string }) => Promise<void> | undefined) | undefined;
  /** Headers `authorize` sets (default `authorization`): their values are remembered, for redaction, until replaced. */
  credentialHeaders?: readonly string[] | undefined;
  /** The vendor's verdict on an answer; undefined leaves it to the status (429, 408, 5xx). */
  verdict?: ((answer: Answer) => Verdict | undefined) | undefined;
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
}

const OPERATION = Symbol("typed-secrets.operation");
const BODYLESS = Symbol("typed-secrets.bodyless");
const BODY = Symbol("typed-secrets.body");
const SIGNAL = Symbol("typed-secrets.signal");
const FIRST_ATTEMPT = Symbol("typed-secrets.first-attempt");
const answers = new WeakMap<Response, Answer>();

type Tagged = Request & {
  [OPERATION]?: OperationSpec;
  [BODYLESS]?: boolean;
  [BODY]?: string;
  [SIGNAL]?: AbortSignal | null;
  [FIRST_ATTEMPT]?: AbortController | undefined;
};

/**
 * The Request class given to openapi-fetch. The request it builds is sent as the first attempt (its signal is that
 * attempt's, not the caller's); it keeps the serialized body (form and JSON bodies are strings) and the caller's
 * signal aside, so that a retry builds its own request from them, without a clone. Redirects are never followed:
 * a 3xx to another origin would carry the form body and credentials.
 */
export class OutgoingRequest extends Request {
  constructor(input: string | URL | Request, init: RequestInit = {}) {
    const { body, signal, ...rest } = init;
    const text = typeof body === "string" ? body : body instanceof URLSearchParams ? body.toString() : undefined;
    const controller = new AbortController();
    super(input, { ...rest, body: text ?? body ?? null, signal: controller.signal, redirect: "manual" });
    const tagged = this as Tagged;
    if (text !== undefined) tagged[BODY] = text;
    tagged[SIGNAL] = signal ?? null;
    tagged[FIRST_ATTEMPT] = controller;
  }
}

/**
 * Names the operation of a request (from the facade call, or the spec path for `client.api`). `bodyless`: the
 * caller takes the answer from answerOf (the facade), so a 2xx Response is handed back consumed, and a non-2xx
 * one without a body, for nobody to read again.
 */
export function tagOperation(request: Request, operation: OperationSpec, bodyless = false): void {
  (request as Tagged)[OPERATION] = operation;
  (request as Tagged)[BODYLESS] = bodyless;
}

/** The answer the transport read for this response (undefined for a response it did not make). */
export function answerOf(response: Response): Answer | undefined {
  return answers.get(response);
}

export type Transport = (request: Request) => Promise<Response>;

/** The transport, and the credentials it sent lately (a static key, the current token), to be cut out of messages. */
export type CredentialedTransport = Transport & { credentials(): readonly string[] };
const REMEMBERED_CREDENTIALS = 4;

const defaultSleep = (ms: number, signal: AbortSignal | undefined) => delay(ms, undefined, signal ? { signal } : {});
const TIMED_OUT = Symbol("timed out");

export function createTransport(options: TransportOptions): CredentialedTransport {
  const sleep = options.sleep ?? defaultSleep;
  const credentialHeaders = options.credentialHeaders ?? ["authorization"];
  const sent: string[] = [];
  // The newest few values, each with its bare token ("APIKey k" → "k"): enough for a token being replaced.
  const remember = (headers: Headers) => {
    for (const name of credentialHeaders) {
      const value = headers.get(name);
      if (!value || sent.includes(value)) continue;
      const token = value.slice(value.indexOf(" ") + 1);
      sent.unshift(value, ...(token !== value && token.length > 0 ? [token] : []));
      sent.length = Math.min(sent.length, REMEMBERED_CREDENTIALS * 2);
    }
  };
  const transport = async function transport(request: Request): Promise<Response> {
    const tagged = request as Tagged;
    const operation = tagged[OPERATION] ?? { name: `${request.method} request`, repeatable: request.method === "GET" };
    const details = { provider: options.provider, operation: operation.name };
    const signal = tagged[SIGNAL] ?? undefined;
    const first = tagged[FIRST_ATTEMPT];
    tagged[FIRST_ATTEMPT] = undefined;
    // A request not built by OutgoingRequest, or a body that is not a string (only `client.api` callers can give one):
    // its body is read once, to be sent on every attempt.
    const body = tagged[BODY] ?? (first === undefined && request.body ? new Uint8Array(await request.arrayBuffer()) : undefined);
    const maxRetries = operation.maxRetries ?? options.retry.maxRetries;
    const withCredentials = request.url.startsWith(`${options.credentialsOrigin}/`);
    let headers = first ? request.headers : new Headers(request.headers);
    headers.set("user-agent", options.userAgent);
    const aborted = () => new AbortedError("aborted by the caller", { ...details, cause: signal?.reason });
    const wait = async (ms: number) => {
      try {
        await sleep(ms, signal);
      } catch {
        throw new AbortedError("aborted by the caller while waiting to retry", { ...details, cause: signal?.reason });
      }
    };
    let refresh = false;
    let refreshed = false;
    // The attempt's request, held until the attempt settles: a Request follows its signal only weakly
    // (nodejs/node#55428), so a collected one would no longer pass the abort on to the body being read.
    let outgoing: Request | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const retriesLeft = attempt < maxRetries;
      if (signal?.aborted) throw aborted();
      // One controller per attempt: the timer and the listener live exactly as long as the attempt, body included.
      // openapi-fetch's own request goes out once, as the first attempt; every later one is built anew.
      const useOriginal = first !== undefined && outgoing === undefined && !first.signal.aborted;
      const controller = useOriginal ? first : new AbortController();
      // A request sent is left as it was: a later attempt's credentials go on a copy of its headers.
      if (outgoing !== undefined) headers = new Headers(headers);
      const timer = setTimeout(() => controller.abort(TIMED_OUT), options.timeoutMs);
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      let answer: Answer;
      let response: Response;
      // Set once the request may be on its way: a failure after that may follow a write the server applied.
      let onItsWay = false;
      try {
        // A credential at hand (a static key, a token still valid) is set at once; one to fetch is bounded by the attempt.
        const pending =
          withCredentials && options.authorize
            ? authorizeSafely(options.authorize, headers, { refresh, operation: operation.name }, details)
            : undefined;
        if (pending) await untilAborted(pending, controller.signal);
        if (withCredentials) remember(headers);
        refresh = false;
        outgoing = useOriginal
          ? request
          : new Request(request.url, {
              method: request.method,
              headers,
              body: body ?? null,
              signal: controller.signal,
              redirect: "manual",
            });
        onItsWay = true;
        response = await options.fetch(outgoing);
        const text = await readBody(response, options.maxResponseBytes, details);
        answer = { status: response.status, headers: response.headers, ...parseBody(response.headers, text) };
        if (!tagged[BODYLESS]) response = respond(answer, text, details);
        else if (answer.status < 200 || answer.status > 299) response = respond(answer, null, details);
      } catch (error) {
        if (signal?.aborted) throw aborted();
        if (error instanceof SecretsError) throw error;
        const failure =
          controller.signal.reason === TIMED_OUT
            ? new TimeoutError(`no complete answer within ${options.timeoutMs} ms`, details)
            : new ConnectionError(`cannot reach ${hostOf(request.url)} (${networkErrorCode(error) ?? "network error"})`, {
                ...details,
                cause: safeCause(error),
              });
        if (retriesLeft && (operation.repeatable || neverReachedServer(error))) {
          await wait(backoffDelay(attempt, options.retry, options.random));
          continue;
        }
        if (onItsWay && !operation.repeatable && !neverReachedServer(error)) throw outcomeUnknown(failure, details);
        throw failure;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      // The vendor's view first (errors in 200 bodies, permanent 500s), then the status.
      const verdict: Verdict =
        options.verdict?.(answer) ?? (answer.status === 429 ? "rate-limited" : RETRYABLE_STATUSES.has(answer.status) ? "try-later" : "ok");
      if (verdict === "refresh-auth" && !refreshed) {
        // The token was rejected before anything ran (clock skew, expiry): one re-sign, one retry.
        refreshed = true;
        refresh = true;
        attempt -= 1;
        continue;
      }
      // A rate-limited request was not processed, so any operation may be sent again.
      const retryable = verdict === "rate-limited" || (verdict === "try-later" && operation.repeatable);
      const retryAfter = parseRetryAfter(answer.headers.get("retry-after"));
      if (retryable && retriesLeft && !(retryAfter !== undefined && retryAfter > options.retry.maxRetryAfterMs)) {
        await wait(retryAfter ?? backoffDelay(attempt, options.retry, options.random));
        continue;
      }
      answers.set(response, answer);
      return response;
    }
  };
  return Object.assign(transport, { credentials: (): readonly string[] => sent });
}
