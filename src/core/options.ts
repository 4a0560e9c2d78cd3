// Options every factory shares, their defaults, and checks that name the option and its variable.
import { ConfigurationError, type ProviderName } from "../errors.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.js";

export const VERSION = "0.1.0";
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** A credential given as a value, or as a function called when one is needed (e.g. to read a vault). */
export type CredentialSource<T> = T | (() => T | Promise<T>);

export interface ClientOptions {
  /** API base URL. Each provider documents its default and environment variable. */
  baseUrl?: string;
  /** A fetch implementation (tests, proxies). Default: the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Time limit of one attempt, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retries of an operation that is safe to repeat. Default 2. */
  maxRetries?: number;
  /** Appended to the User-Agent header. */
  userAgent?: string;
}

/** Per-call options of every method. */
export interface CallOptions {
  /** Aborts the call, including its retries and waits. */
  signal?: AbortSignal;
}

export interface ResolvedClientOptions {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string;
}

export type Environment = Record<string, string | undefined>;

function integerOption(value: unknown, name: string, provider: ProviderName, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`option ${name} must be an integer from ${min} to ${max}`, { provider });
  }
  return value;
}

export function requireUrl(value: string, name: string, provider: ProviderName): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${name} is not a URL`, { provider });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigurationError(`${name} must be an http(s) URL`, { provider });
  if (url.username || url.password) throw new ConfigurationError(`${name} must not contain credentials`, { provider });
  // Tokens, API keys and secret values must not cross a network in clear: plain http only to this machine
  // (mocks, proxies), except for the Dapr sidecar, which is plain http by design.
  if (url.protocol === "http:" && provider !== "dapr" && !LOOPBACK.test(url.hostname)) throw new ConfigurationError(`${name} must be an https URL (http is allowed for loopback addresses only)`, { provider });
  return value.replace(/\/+$/, "");
}

export function resolveClientOptions(options: ClientOptions, provider: ProviderName, baseUrl: { value: string; from: string }): ResolvedClientOptions {
  const fetchImplementation = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  if (typeof fetchImplementation !== "function") throw new ConfigurationError("option fetch must be a function", { provider });
  return {
    baseUrl: requireUrl(baseUrl.value, baseUrl.from, provider),
    fetch: fetchImplementation,
    timeoutMs: options.timeoutMs === undefined ? 30_000 : integerOption(options.timeoutMs, "timeoutMs", provider, 1, 3_600_000),
    retry: { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries === undefined ? DEFAULT_RETRY_POLICY.maxRetries : integerOption(options.maxRetries, "maxRetries", provider, 0, 10) },
    userAgent: `typed-secrets/${VERSION} node/${process.versions.node}${options.userAgent ? ` ${options.userAgent}` : ""}`,
  };
}

/** Resolves a credential given as a value or a (possibly async) function; a function's error propagates unchanged. */
export async function resolveCredential<T>(source: CredentialSource<T>): Promise<T> {
  return typeof source === "function" ? await (source as () => T | Promise<T>)() : source;
}
