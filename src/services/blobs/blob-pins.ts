import type { Clock } from '../../ports/clock.ts';
import type { BlobPinsRepository } from '../../ports/lease-store.ts';

/**
 * Pins kept in the metadata store too, for sites served by several processes: a removal on one process
 * must see the uncommitted bytes of an upload on another. Each process holds one stored pin per blob,
 * however many of its uploads pin it; `pinMs` frees the pins of a process that died.
 */
export interface SharedBlobPins {
  repository: BlobPinsRepository;
  clock: Clock;
  pinMs: number;
}

/**
 * Blobs that an upload has stored but not yet committed, and blobs being removed. The two never overlap:
 * clean-up leaves pinned bytes alone, and an upload that arrives with the bytes of a removal in progress
 * waits for it to finish before it places its own copy. Without this, a purge that frees some bytes could
 * delete them just as an upload of the same bytes is about to reference them. Everything here is
 * synchronous between awaits, so no check and mark can interleave. One instance per process, made by
 * main.ts and passed down; with `shared`, other processes see the pins too (`pinnedElsewhere`).
 */
export class BlobPins {
  readonly #counts = new Map<string, number>();
  readonly #removals = new Map<string, Promise<void>>();
  readonly #shared: SharedBlobPins | undefined;
  /** The stored pin of each blob pinned here, once asked for (pins after the first wait for it). */
  readonly #stored = new Map<string, Promise<void>>();

  constructor(shared?: SharedBlobPins) {
    this.#shared = shared;
  }

  /** Pins the bytes once no removal of them is in progress; the blob store calls it before placing them. */
  async pin(sha256: string): Promise<void> {
    for (let removal = this.#removals.get(sha256); removal; removal = this.#removals.get(sha256)) {
      await removal;
    }
    this.#counts.set(sha256, (this.#counts.get(sha256) ?? 0) + 1);
    const shared = this.#shared;
    if (!shared) return;
    let stored = this.#stored.get(sha256);
    if (!stored) {
      const nowMs = shared.clock.nowMs();
      stored = shared.repository.pin(sha256, nowMs, nowMs + shared.pinMs);
      this.#stored.set(sha256, stored);
    }
    try {
      await stored;
    } catch (error) {
      if (this.#stored.get(sha256) === stored) this.#stored.delete(sha256);
      await this.unpin(sha256);
      throw error;
    }
  }

  /** Resolves once the stored pin, if any, is gone; never rejects (a pin left behind runs out in time). */
  async unpin(sha256: string): Promise<void> {
    const count = (this.#counts.get(sha256) ?? 0) - 1;
    if (count > 0) {
      this.#counts.set(sha256, count);
      return;
    }
    this.#counts.delete(sha256);
    const stored = this.#stored.get(sha256);
    if (!stored || !this.#shared) return;
    this.#stored.delete(sha256);
    const { repository } = this.#shared;
    await stored.then(() => repository.unpin(sha256)).catch(() => {});
  }

  /**
   * Whether another process has the bytes pinned; asked in the transaction that removes them, which the
   * store then serialises with any pin of them (lease-store.ts). Without shared pins, no other process.
   */
  pinnedElsewhere(repository: BlobPinsRepository, sha256: string): Promise<boolean> {
    if (!this.#shared) return Promise.resolve(false);
    return repository.isPinned(sha256, this.#shared.clock.nowMs());
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
