/**
 * One sync of one file or directory, shared by every caller that needs it at the same moment. A sync
 * covers what was written before it started, not what lands while it runs: a caller that arrives while
 * one is running waits for the next, which starts when that one ends and covers everyone who arrived
 * meanwhile. So each caller hears back only after a sync that began after its call, and concurrent
 * callers pay for two syncs at most, not one each.
 */
export class SharedSync {
  readonly #syncOnce: () => Promise<void>;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(syncOnce: () => Promise<void>) {
    this.#syncOnce = syncOnce;
  }

  /** True while a sync runs or waits to: the owner of many keeps this one until it is idle. */
  get busy(): boolean {
    return this.#running !== undefined || this.#next !== undefined;
  }

  sync(): Promise<void> {
    if (this.#next) return this.#next;
    if (!this.#running) return this.#start();
    const after = this.#running.then(
      () => undefined,
      () => undefined,
    );
    this.#next = after.then(() => {
      this.#next = undefined;
      return this.#start();
    });
    return this.#next;
  }

  /** Resolves once no sync is running or waiting, whatever their outcome. */
  async settled(): Promise<void> {
    await Promise.allSettled([this.#running, this.#next]);
  }

  #start(): Promise<void> {
    const running = this.#syncOnce().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }
}
