// How an attempt ends early (its timeout, the caller's abort). There is one per attempt on the hot path, so it is
// lighter than an AbortController (measured: AbortSignal's listeners cost ~7 % of a call's CPU on the Node transport):
// one listener at a time (the step in progress), and an AbortSignal made only for fetch.

export class Cancellation {
  #cancelled = false;
  #reason: unknown;
  #listener: ((reason: unknown) => void) | undefined;

  get cancelled(): boolean {
    return this.#cancelled;
  }

  get reason(): unknown {
    return this.#reason;
  }

  cancel(reason: unknown): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#reason = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.(reason);
  }

  /** Calls `listener` once cancelled (at once if it is), replacing the previous one; `undefined` removes it. */
  onCancel(listener: ((reason: unknown) => void) | undefined): void {
    if (listener && this.#cancelled) listener(this.#reason);
    else this.#listener = listener;
  }

  /** An AbortSignal that follows this cancellation (for fetch), taking the listener slot. */
  signal(): AbortSignal {
    const controller = new AbortController();
    this.onCancel((reason) => controller.abort(reason));
    return controller.signal;
  }

  /** Settles with `work`, or rejects with the reason as soon as this is cancelled; the listener goes when either settles. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.#cancelled) return Promise.reject(this.#reason);
    return new Promise<T>((resolve, reject) => {
      this.onCancel(reject);
      // The listener goes before the caller resumes: the next step sets its own (a later removal would take that one).
      const settle =
        <V>(then: (value: V) => void) =>
        (value: V) => {
          if (this.#listener === reject) this.#listener = undefined;
          then(value);
        };
      work.then(settle(resolve), settle(reject));
    });
  }
}
