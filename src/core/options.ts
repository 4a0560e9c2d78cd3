// Options every factory shares, their defaults, and checks that name the option and its variable.
import { runtimeName } from "./runtime.js";
import { ConfigurationError } from "./errors.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.js";

export const VERSION = "0.1.0";
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** A credential given as a value, or as a function called when one is needed (e.g. to read a vault). */
export type CredentialSource<T> = T | (() => T | Promise<T>);

/** Options every factory takes: base URL, timeouts, retries, response bound, transport, fetch. */
export interface ClientOptions {
  /** API base URL. Each provider documents its default and environment variable. */
  baseUrl?: string;
  /** A fetch implementation (tests, proxies). Giving one selects the fetch transport. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * How requests travel: `node` (node:http/https with a keep-alive agent, the default on Node) or `fetch` (the global
   * fetch, the default on Bun, Deno and workers, and whenever the `fetch` option is given).
   */
  transport?: "node" | "fetch";
  /** Time limit of one attempt, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retries of an operation that is safe to repeat. Default 2. */
  maxRetries?: number;
  /** The first retry's backoff in ms, doubled each retry up to 8 s (0 in tests against an emulator). Default 500. */
  retryDelayMs?: number;
  /** Appended to the User-Agent header. */
  userAgent?: string;
  /** A longer answer body ends the call with a ProviderApiError. Default 16 MiB. */
  maxResponseBytes?: number;
}

/** Per-call options of every method. */
export interface CallOptions {
  /** Aborts the call, including its retries and waits. */
  signal?: AbortSignal;
}

export interface ResolvedClientOptions {
  baseUrl: string;
  transport: "node" | "fetch";
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string;
  maxResponseBytes: number;
}

/** Where a base URL comes from, for messages: `option baseUrl`, a variable's name, or `the default`. */
export interface BaseUrlSource {
  value: string;
  from: string;
}

/** The one base-URL rule of the vendors that have a single variable: the option, else the variable, else the default. */
export function baseUrlFrom(option: string | undefined, env: Environment, variable: string, fallback: string): BaseUrlSource {
  if (option) return { value: option, from: "option baseUrl" };
  const fromEnv = env[variable];
  return fromEnv ? { value: fromEnv, from: variable } : { value: fallback, from: "the default" };
}

/** Variables a factory reads its defaults from (`process.env` unless given): name → value. */
export type Environment = Record<string, string | undefined>;

function integerOption(value: unknown, name: string, provider: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`option ${name} must be an integer from ${min} to ${max}`, { provider });
  }
  return value;
}

/**
 * An http(s) base URL without credentials, query or fragment (openapi-fetch appends paths to it as text: a
 * `?cmd=…` would ride along on every call). Plain http only to loopback unless `allowPlainHttp` (a sidecar).
 */
export function requireUrl(value: string, name: string, provider: string, allowPlainHttp = false): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${name} is not a URL`, { provider });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigurationError(`${name} must be an http(s) URL`, { provider });
  if (url.username || url.password) throw new ConfigurationError(`${name} must not contain credentials`, { provider });
  if (value.includes("?") || value.includes("#"))
    throw new ConfigurationError(`${name} must not contain a query or a fragment`, { provider });
  // Tokens, API keys and secret values must not cross a network in clear: plain http only to this machine
  // (mocks, proxies), unless the vendor says otherwise (a sidecar, plain http by design).
  if (url.protocol === "http:" && !allowPlainHttp && !LOOPBACK.test(url.hostname))
    throw new ConfigurationError(`${name} must be an https URL (http is allowed for loopback addresses only)`, { provider });
  return value.replace(/\/+$/, "");
}

/** The option, else `fetch` when a fetch is given or the runtime is not Node, else `node`. */
function transportOf(options: ClientOptions, provider: string): "node" | "fetch" {
  const { transport } = options;
  if (transport !== undefined && transport !== "node" && transport !== "fetch")
    throw new ConfigurationError('option transport must be "node" or "fetch"', { provider });
  if (transport === "node" && options.fetch !== undefined)
    throw new ConfigurationError('option transport "node" and option fetch exclude each other (a given fetch is the fetch transport)', {
      provider,
    });
  return transport ?? (options.fetch === undefined && runtimeName().startsWith("node/") ? "node" : "fetch");
}

export function resolveClientOptions(
  options: ClientOptions,
  provider: string,
  baseUrl: BaseUrlSource,
  allowPlainHttp = false,
): ResolvedClientOptions {
  const fetchImplementation = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  if (typeof fetchImplementation !== "function") throw new ConfigurationError("option fetch must be a function", { provider });
  return {
    baseUrl: requireUrl(baseUrl.value, baseUrl.from, provider, allowPlainHttp),
    transport: transportOf(options, provider),
    fetch: fetchImplementation,
    timeoutMs: options.timeoutMs === undefined ? 30_000 : integerOption(options.timeoutMs, "timeoutMs", provider, 1, 3_600_000),
    retry: {
      ...DEFAULT_RETRY_POLICY,
      maxRetries:
        options.maxRetries === undefined
          ? DEFAULT_RETRY_POLICY.maxRetries
          : integerOption(options.maxRetries, "maxRetries", provider, 0, 10),
      initialDelayMs:
        options.retryDelayMs === undefined
          ? DEFAULT_RETRY_POLICY.initialDelayMs
          : integerOption(options.retryDelayMs, "retryDelayMs", provider, 0, 60_000),
    },
    userAgent: `typed-secrets/${VERSION} ${runtimeName()}${options.userAgent ? ` ${options.userAgent}` : ""}`,
    maxResponseBytes:
      options.maxResponseBytes === undefined
        ? 16 * 1024 * 1024
        : integerOption(options.maxResponseBytes, "maxResponseBytes", provider, 1, 2 ** 31 - 1),
  };
}

/**
 * Applies a credential given as a value at once, or one given as a function once it resolves (the returned
 * promise); the value is checked by `check` either way.
 */
export function applyCredential<T>(source: CredentialSource<T>, apply: (value: T) => void): Promise<void> | undefined {
  if (typeof source !== "function") {
    apply(source);
    return undefined;
  }
  return resolveCredential(source).then(apply);
}

const isProducer = <T>(source: CredentialSource<T>): source is () => T | Promise<T> => typeof source === "function";

/** Resolves a credential given as a value or a (possibly async) function; a function's error propagates unchanged. */
export async function resolveCredential<T>(source: CredentialSource<T>): Promise<T> {
  return isProducer(source) ? await source() : source;
}
