/**
 * At most `limit` holders at a time, served first come first served: one per client of the toolkit, so
 * bulk commands cannot overrun a server; in the server, one for password derivations and one for the
 * chunk reads of downloads.
 */
export class ConcurrencyLimit {
  readonly limit: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`Concurrency must be at least 1, not ${limit}`);
    this.limit = limit;
  }

  /** Resolves with a release function once a slot is free; releasing twice is harmless. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active += 1;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
    return this.releaser();
  }

  /** How many hold a slot now (for tests and progress displays). */
  get inUse(): number {
    return this.active;
  }

  /** How many wait for a slot now (for tests and metrics). */
  get waitingCount(): number {
    return this.waiting.length;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active -= 1;
    };
  }
}
