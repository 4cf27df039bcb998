/**
 * Blobs that an upload has stored but not yet committed. Clean-up leaves them alone: without this, a purge
 * that frees some bytes could delete them just as an upload of the same bytes is about to reference them.
 * One instance per process, made by main.ts and passed down.
 */
export class BlobPins {
  readonly #counts = new Map<string, number>();

  pin(sha256: string): void {
    this.#counts.set(sha256, (this.#counts.get(sha256) ?? 0) + 1);
  }

  unpin(sha256: string): void {
    const count = (this.#counts.get(sha256) ?? 0) - 1;
    if (count > 0) this.#counts.set(sha256, count);
    else this.#counts.delete(sha256);
  }

  isPinned(sha256: string): boolean {
    return this.#counts.has(sha256);
  }
}
