// Reading an answer once (bounded in size), parsing it once, and describing a failed request without what it carried.
import { ProviderApiError } from "./errors.js";
import { networkErrorCode } from "./retry.js";

/** An answer as read once: the body parsed when it is JSON, else its text (undefined when empty or unparsable JSON). */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  /** Declared JSON that does not parse (`body` is then undefined). */
  malformed?: boolean;
}
const NULL_BODY = new Set([101, 204, 205, 304]);

/** The answer as a Response again, with its body in memory (for `client.api`), or without one. */
export function respond(answer: Answer, text: string | null, details: { provider: string; operation: string }): Response {
  try {
    return new Response(NULL_BODY.has(answer.status) ? null : text, { status: answer.status, headers: answer.headers });
  } catch {
    throw new ProviderApiError(`unexpected HTTP status ${answer.status}`, details);
  }
}

/** The whole body as text, at most `max` bytes: a longer one is cancelled with a clear error. */
export async function readBody(response: Response, max: number, details: { provider: string; operation: string }): Promise<string> {
  const tooLarge = () =>
    new ProviderApiError(`the answer is larger than maxResponseBytes (${max} bytes)`, { ...details, status: response.status });
  const declared = response.headers.get("content-length");
  // Cancelled without waiting: cancelling one branch of a teed (cloned) body waits for the other.
  if (Number(declared) > max) {
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return "";
  // A declared length within the cap (undici ends the body there): read in one go; the attempt's timer still runs.
  if (declared !== null && /^\d+$/.test(declared)) return await response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > max) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length));
}

/** JSON when the content type says so (undefined when empty or broken), else the text. */
export function parseBody(headers: Headers, text: string): Pick<Answer, "body" | "malformed"> {
  if (text.length === 0) return { body: undefined };
  if (!headers.get("content-type")?.includes("json")) return { body: text };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: undefined, malformed: true };
  }
}

/**
 * `host:port` of a request, for messages: base URLs never hold credentials (requireUrl refuses them), and the path and query are left
 * out.
 */
export function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === "https:" ? "443" : "80")}`;
}

/** Keeps the network error's name and code, dropping anything else it may carry (URLs, headers). */
export function safeCause(error: unknown): Error {
  const code = networkErrorCode(error);
  const safe = new Error(code ? `${code}` : error instanceof Error ? error.name : "network error");
  if (code) (safe as Error & { code?: string }).code = code;
  return safe;
}
