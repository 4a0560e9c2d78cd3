// Which code Voximplant returns for an unknown secret is undocumented: 341 is plausible, and so is 496, which the API
// also uses for "invalid parameter" (docs/vendor-behaviour.md, "Voximplant"). When the server refuses a call that named
// well-formed secrets, GetSecrets decides: a secret it does not list is reported as NotFoundError, whatever the
// refusal's code or wording said.
import { NotFoundError, ProviderApiError, SecretsError, ValidationError } from "../../core/errors.js";
import type { CallOptions } from "../../core/options.js";
import type { VoximplantApplication, VoximplantSecretInfo, VoximplantSecretRef, WithApplication } from "./types.js";

type List = (options: CallOptions & WithApplication & { namePart?: string }) => AsyncIterable<VoximplantSecretInfo>;

/** A refusal in a 200 body (not our own validation, not HTTP) that may mean the named secrets do not exist. */
function mayMeanMissing(error: unknown): error is SecretsError {
  if (!(error instanceof SecretsError) || error.provider !== "voximplant" || error.providerCode === undefined) return false;
  // 341 is already a NotFoundError (errorFromWire); an unknown code is a ProviderApiError.
  return error instanceof ValidationError || error instanceof ProviderApiError;
}

/** The lookup's bounds: a server that never stops paging, or never answers, cannot hold the call. */
export const LOOKUP_LIMITS = { secrets: 10_000, ms: 15_000 };

/** The refs of `refs` that GetSecrets does not list (names compare case-sensitively, as the API does). */
async function absent(
  list: List,
  refs: readonly VoximplantSecretRef[],
  application: VoximplantApplication | undefined,
  signal: AbortSignal,
): Promise<VoximplantSecretRef[]> {
  const scope = { ...(application ? { application } : {}), signal };
  let seen = 0;
  const each = async function* (options: Parameters<List>[0]) {
    for await (const secret of list(options)) {
      seen += 1;
      if (seen > LOOKUP_LIMITS.secrets) throw new Error("the lookup listed more secrets than its limit");
      yield secret;
    }
  };
  const missing: VoximplantSecretRef[] = [];
  const ids = refs.filter((ref) => ref.id !== undefined);
  if (ids.length > 0) {
    // GetSecrets filters by name only: ids are looked for in the whole list.
    const present = new Set<number>();
    for await (const secret of each(scope)) present.add(secret.id);
    missing.push(...ids.filter((ref) => !present.has(ref.id!)));
  }
  for (const ref of refs) {
    if (ref.name === undefined) continue;
    let found = false;
    for await (const secret of each({ ...scope, namePart: ref.name })) found ||= secret.name === ref.name;
    if (!found) missing.push(ref);
  }
  return missing;
}

/** Runs the lookup within its time limit and the caller's signal; its own timer and listener go when it ends. */
async function bounded<T>(lookup: (signal: AbortSignal) => Promise<T>, caller: AbortSignal | undefined): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("the lookup ran out of time")), LOOKUP_LIMITS.ms);
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  caller?.addEventListener("abort", onAbort, { once: true });
  try {
    return await lookup(controller.signal);
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener("abort", onAbort);
  }
}

const describe = (refs: readonly VoximplantSecretRef[]) =>
  refs.map((ref) => (ref.id !== undefined ? `id ${ref.id}` : `named ${ref.name}`)).join(", ");

/**
 * Rethrows `error`, as a NotFoundError when it may mean "no such secret" and a lookup confirms that some of `refs`
 * are absent. A lookup that fails leaves the original error as it was.
 */
export async function confirmMissing(
  error: unknown,
  list: List,
  refs: readonly VoximplantSecretRef[],
  application: VoximplantApplication | undefined,
  signal: AbortSignal | undefined,
): Promise<never> {
  if (!mayMeanMissing(error)) throw error;
  let missing: VoximplantSecretRef[];
  try {
    missing = await bounded((lookupSignal) => absent(list, refs, application, lookupSignal), signal);
  } catch {
    // The lookup failed, went past its limits or was aborted: the refusal stands as it was.
    throw error;
  }
  if (missing.length === 0) throw error;
  const them = missing.length === 1 ? "it" : "them";
  throw new NotFoundError(
    `no secret ${describe(missing)} (refused with Voximplant code ${error.providerCode}; GetSecrets does not list ${them})`,
    {
      provider: error.provider,
      operation: error.operation,
      status: error.status,
      providerCode: error.providerCode,
      requestId: error.requestId,
      cause: error,
    },
  );
}
