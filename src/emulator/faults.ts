// The faults a test injects into an emulator, per operation: what each kind does, and the queue the server takes them
// from. Operation names are checked when injected (a mistyped name would otherwise never fire).

/**
 * A failure to apply to an arrival instead of (or around) the vendor's answer.
 *
 * @example
 * ```ts
 * emulator.faults.inject("AddSecret", { kind: "reset", when: "after" }); // applied, then the answer is lost
 * dapr.faults.inject("getSecret", { kind: "slow-body", chunkBytes: 4, intervalMs: 20 });
 * ```
 */
export type Fault =
  /** Answer this HTTP status (with an empty JSON object, or `body`) instead of handling. */
  | { kind: "status"; status: number; body?: unknown }
  /** Wait before handling. */
  | { kind: "delay"; ms: number }
  /** Never answer (until the client gives up or the emulator closes). */
  | { kind: "hang" }
  /** Drop the connection: `before` the operation is applied, or `after` it (a lost answer to an applied write). */
  | { kind: "reset"; when: "before" | "after" }
  /** The vendor's rate-limit answer (Voximplant 340, Dapr and Gcore 429 with Retry-After). */
  | { kind: "rate-limit"; retryAfterSeconds?: number }
  /** The vendor's error answer with this code (a Voximplant code, a Dapr errorCode, a Gcore exception class). */
  | { kind: "vendor-error"; code: number | string; message?: string }
  /**
   * Apply the operation, send the answer's status and headers (its full Content-Length), then close the connection
   * after `afterBytes` bytes of the body (default: half of it).
   */
  | { kind: "truncated-body"; afterBytes?: number }
  /** Apply the operation, send status and headers, then the body `chunkBytes` at a time (default 8), every `intervalMs` (default 50). */
  | { kind: "slow-body"; chunkBytes?: number; intervalMs?: number };

const KINDS: ReadonlySet<string> = new Set<Fault["kind"]>([
  "status",
  "delay",
  "hang",
  "reset",
  "rate-limit",
  "vendor-error",
  "truncated-body",
  "slow-body",
]);

/**
 * The faults of one emulator. `Operation` is the union of its operation names (`VoximplantOperation`,
 * `DaprOperation`, `GcoreOperation`), so a mistyped name does not compile; it also throws at run time.
 *
 * @example
 * ```ts
 * const faults: Faults<VoximplantOperation> = voximplant.faults;
 * faults.inject("*", { kind: "delay", ms: 200 }, { times: Infinity });
 * ```
 */
export interface Faults<Operation extends string = string> {
  /**
   * Applies `fault` to the next `times` arrivals of `operation` (default 1; `Infinity` for all); `"*"` is any
   * operation. Throws a `TypeError` naming the valid operations when `operation` is not one of this emulator's.
   *
   * @example
   * ```ts
   * voximplant.faults.inject("GetSecretValue", { kind: "rate-limit" }, { times: 2 });
   * // voximplant.faults.inject("addSecret", …) does not compile, and throws TypeError: … valid: AddSecret, GetSecrets, …
   * ```
   */
  inject(operation: Operation | "*", fault: Fault, options?: { times?: number }): void;
  /**
   * Removes every fault not yet applied.
   *
   * @example
   * ```ts
   * afterEach(() => emulator.faults.clear());
   * ```
   */
  clear(): void;
}

/** The server's side of the faults: take the one for an arrival. */
export interface FaultQueue<Operation extends string> extends Faults<Operation> {
  take(operation: string): Fault | undefined;
}

export function createFaults<Operation extends string>(vendor: string, operations: readonly Operation[]): FaultQueue<Operation> {
  const pending: Array<{ operation: string; fault: Fault; left: number }> = [];
  const known = new Set<string>(operations);
  return {
    inject(operation, fault, { times = 1 } = {}) {
      if (operation !== "*" && !known.has(operation))
        throw new TypeError(
          `unknown operation ${JSON.stringify(operation)} for the ${vendor} emulator; valid: ${operations.join(", ")}, or "*"`,
        );
      if (!KINDS.has(fault?.kind))
        throw new TypeError(`unknown fault kind ${JSON.stringify(fault?.kind)}; valid: ${[...KINDS].join(", ")}`);
      if (!(times > 0)) throw new RangeError("times must be a positive number");
      pending.push({ operation, fault, left: times });
    },
    clear: () => void pending.splice(0),
    take(operation) {
      const index = pending.findIndex((each) => each.operation === operation || each.operation === "*");
      if (index === -1) return undefined;
      const entry = pending[index]!;
      entry.left -= 1;
      if (entry.left <= 0) pending.splice(index, 1);
      return entry.fault;
    },
  };
}
