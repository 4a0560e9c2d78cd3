// Test helper: an HttpTransport that records every request and answers from a script (the core's own fake server).
import type { HttpTransport, SendBounds, WireRequest, WireResponse } from "../core/http.js";

export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; text?: string }
  | Error
  | ((request: WireRequest, bounds: SendBounds) => Promise<WireResponse>);

export interface ScriptedTransport extends HttpTransport {
  requests: WireRequest[];
}

/** Headers as a transport hands them over. */
export function headerReader(headers: Record<string, string> = {}): WireResponse["headers"] {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name) => lower.get(name.toLowerCase()) ?? null, entries: () => lower.entries() };
}

/** Answers the replies in order; the last one repeats. */
export function scriptedTransport(...replies: ScriptedReply[]): ScriptedTransport {
  const requests: WireRequest[] = [];
  const transport = async (request: WireRequest, bounds: SendBounds): Promise<WireResponse> => {
    requests.push({ ...request, headers: { ...request.headers } });
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error("scriptedTransport: no reply scripted");
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return await reply(request, bounds);
    return { status: reply.status, headers: headerReader(reply.headers), text: reply.text ?? "" };
  };
  return Object.assign(transport, { requests });
}

/** A JSON answer. */
export const jsonReply = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  text: JSON.stringify(body),
});

/** A request that never gets an answer: it rejects with the signal's reason when the attempt is aborted. */
export const hangingReply = (_request: WireRequest, bounds: SendBounds) =>
  new Promise<WireResponse>((_resolve, reject) => bounds.cancellation.onCancel(reject));

/** A network failure as Node reports it: an error with a code, maybe under a TypeError("fetch failed"). */
export const networkFailure = (code: string) =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
