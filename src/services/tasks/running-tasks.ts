/**
 * The long tasks this process is running. A test-mode reset waits for them to end first: a task still
 * deleting a space in batches after the site was put back would go on deleting from the restored site.
 */
export class RunningTasks {
  readonly #settling = new Set<Promise<void>>();

  /** Follows a task's run until it settles (the promise never rejects: see start-long-task.ts). */
  track(settled: Promise<void>): void {
    this.#settling.add(settled);
    settled.finally(() => this.#settling.delete(settled));
  }

  /** Resolves once every task running now, and any started meanwhile, has settled. */
  async idle(): Promise<void> {
    while (this.#settling.size > 0) await Promise.all(this.#settling);
  }
}
