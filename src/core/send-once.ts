// One attempt: authorize, send, read the body once, parse it once — all within the attempt's bounds (its timeout over
// the whole attempt, body included, the caller's signal, the size cap). It never throws: it says what happened.
import { type Answer, hostOf, parseBody, safeCause } from "./answer.js";
import { type Authorize, authorizeSafely, type CallDetails } from "./attempt-failures.js";
import { Cancellation } from "./cancellation.js";
import { AbortedError, ConnectionError, ProviderApiError, SecretsError, TimeoutError } from "./errors.js";
import { type HttpTransport, ResponseTooLargeError } from "./http.js";
import { networkErrorCode, neverReachedServer } from "./retry.js";

/** What a client sends with: fixed when it is created. */
export interface Sender {
  transport: HttpTransport;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
  authorize?: Authorize | undefined;
  /** Called with the headers of every attempt that carried credentials (their values are cut out of errors). */
  sentCredentials?: ((headers: Record<string, string>) => void) | undefined;
}

/** One call's request, as every attempt of it sends it. */
export interface PreparedCall {
  details: CallDetails;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** Credentials are attached only to requests for the configured origin. */
  withCredentials: boolean;
  signal?: AbortSignal | undefined;
}

export type Outcome<Body> =
  /** An answer came (any status). */
  | { kind: "answer"; answer: Answer<Body> }
  /** Timeout or connection failure; `mayHaveArrived`: the request may have reached the server. */
  | { kind: "failure"; error: TimeoutError | ConnectionError; mayHaveArrived: boolean }
  /** Nothing to retry: the caller aborted, the answer was too large, the credential step failed. */
  | { kind: "fatal"; error: SecretsError };

const TIMED_OUT = Symbol("timed out");

export async function sendOnce<Body>(call: PreparedCall, refresh: boolean, sender: Sender): Promise<Outcome<Body>> {
  const cancellation = new Cancellation();
  const timer = setTimeout(() => cancellation.cancel(TIMED_OUT), sender.timeoutMs);
  const onAbort = () => cancellation.cancel(call.signal?.reason);
  call.signal?.addEventListener("abort", onAbort, { once: true });
  // Set once the request may be on its way: a failure after that may follow a write the server applied.
  let sent = false;
  try {
    if (call.signal?.aborted) throw call.signal.reason;
    const headers = { ...call.headers, "user-agent": sender.userAgent };
    if (call.withCredentials && sender.authorize) {
      // A credential at hand (a static key, a token still valid) is set at once; one to fetch is bounded by the attempt.
      const pending = authorizeSafely(sender.authorize, headers, { refresh, operation: call.details.operation }, call.details);
      if (pending) await cancellation.race(pending);
      sender.sentCredentials?.(headers);
    }
    sent = true;
    const bounds = { cancellation, maxResponseBytes: sender.maxResponseBytes };
    const response = await sender.transport({ method: call.method, url: call.url, headers, body: call.body }, bounds);
    return { kind: "answer", answer: parseBody<Body>(response.status, response.headers, response.text) };
  } catch (error) {
    return failed(error, call, sent, cancellation.reason === TIMED_OUT, sender.timeoutMs);
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener("abort", onAbort);
  }
}

function failed(error: unknown, call: PreparedCall, sent: boolean, timedOut: boolean, timeoutMs: number): Outcome<never> {
  const { details } = call;
  if (call.signal?.aborted)
    return { kind: "fatal", error: new AbortedError("aborted by the caller", { ...details, cause: call.signal.reason }) };
  if (error instanceof SecretsError) return { kind: "fatal", error };
  if (error instanceof ResponseTooLargeError)
    return { kind: "fatal", error: new ProviderApiError(error.message, { ...details, status: error.status }) };
  if (timedOut)
    return { kind: "failure", error: new TimeoutError(`no complete answer within ${timeoutMs} ms`, details), mayHaveArrived: sent };
  const reason = networkErrorCode(error) ?? "network error";
  const failure = new ConnectionError(`cannot reach ${hostOf(call.url)} (${reason})`, { ...details, cause: safeCause(error) });
  return { kind: "failure", error: failure, mayHaveArrived: sent && !neverReachedServer(error) };
}
