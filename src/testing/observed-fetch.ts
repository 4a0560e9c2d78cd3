// Test helper: a fetch that records every Request it gets and answers from a script.
import { generateKeyPairSync } from "node:crypto";

export type Reply = Response | Error | ((request: Request) => Response | Promise<Response>);

export interface ObservedFetch {
  (request: Request): Promise<Response>;
  requests: Request[];
  /** Bodies as text, read when the request arrived. */
  bodies: string[];
}

/** Answers the scripted replies in order; the last one repeats. */
export function observedFetch(...replies: Reply[]): ObservedFetch {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const fetch = (async (request: Request) => {
    requests.push(request);
    bodies.push(await request.clone().text());
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error("observedFetch: no reply scripted");
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? await reply(request) : reply.clone();
  }) as ObservedFetch;
  fetch.requests = requests;
  fetch.bodies = bodies;
  return fetch;
}

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });

export const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** A server that never answers: the request ends only when its signal aborts (with the signal's reason). */
export const hang: Reply = (request) =>
  new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));

/** A network failure as undici reports it: TypeError("fetch failed") with a coded cause. */
export function networkError(code: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }) });
}

/** A PEM block around a fake body (the label is assembled so no committed file reads like a key). */
export function fakePem(kind: "PRIVATE" | "CERTIFICATE", body: string): string {
  const label = kind === "PRIVATE" ? ["PRIVATE", "KEY"].join(" ") : "CERTIFICATE";
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

type KeyPair = { privateKeyPem: string; publicKeyPem: string };

/** The environment variable through which a test run may hand its files 2048-bit pairs made once at its start. */
export const PREPARED_TEST_KEYS = "TYPED_SECRETS_PREPARED_TEST_KEYS";
let preparedHandedOut = 0;
let prepared: KeyPair[] | undefined;

/**
 * An RSA key pair made at test time; never committed. Each call in a test file gets a different pair. A run that
 * re-imports its test files many times (mutation testing) makes a few 2048-bit pairs once, in memory, and lists them
 * in PREPARED_TEST_KEYS: each file then takes those in turn instead of spending ~0.4 s of CPU per pair per import.
 */
export function testRsaKey(modulusLength = 2048): KeyPair {
  prepared ??= JSON.parse(process.env[PREPARED_TEST_KEYS] ?? "[]") as KeyPair[];
  const next = modulusLength === 2048 ? prepared[preparedHandedOut] : undefined;
  if (next) {
    preparedHandedOut += 1;
    return next;
  }
  return makeRsaKey(modulusLength);
}

export function makeRsaKey(modulusLength: number): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** Sleep replacement that records the delays and resolves at once. */
export function recordedSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}
