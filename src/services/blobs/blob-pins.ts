/**
 * Blobs that an upload has stored but not yet committed, and blobs being removed. The two never overlap:
 * clean-up leaves pinned bytes alone, and an upload that arrives with the bytes of a removal in progress
 * waits for it to finish before it places its own copy. Without this, a purge that frees some bytes could
 * delete them just as an upload of the same bytes is about to reference them. Everything here is
 * synchronous between awaits, so no check and mark can interleave. One instance per process, made by
 * main.ts and passed down.
 */
export class BlobPins {
  readonly #counts = new Map<string, number>();
  readonly #removals = new Map<string, Promise<void>>();

  /** Pins the bytes once no removal of them is in progress; the blob store calls it before placing them. */
  async pin(sha256: string): Promise<void> {
    for (let removal = this.#removals.get(sha256); removal; removal = this.#removals.get(sha256)) {
      await removal;
    }
    this.#counts.set(sha256, (this.#counts.get(sha256) ?? 0) + 1);
  }

  unpin(sha256: string): void {
    const count = (this.#counts.get(sha256) ?? 0) - 1;
    if (count > 0) this.#counts.set(sha256, count);
    else this.#counts.delete(sha256);
  }

  /**
   * Runs `remove` unless the bytes are pinned (then answers false without running it). Pins asked for
   * meanwhile wait until it has finished.
   */
  async removeUnlessPinned(sha256: string, remove: () => Promise<boolean>): Promise<boolean> {
    if (this.#counts.has(sha256) || this.#removals.has(sha256)) return false;
    let finished = () => {};
    this.#removals.set(sha256, new Promise((resolve) => (finished = resolve)));
    try {
      return await remove();
    } finally {
      this.#removals.delete(sha256);
      finished();
    }
  }
}
