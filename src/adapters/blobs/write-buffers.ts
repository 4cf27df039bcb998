/**
 * The buffers a put copies its bytes into on their way to the file: shared memory, so the hashing thread
 * reads them.
 */
const WRITE_BUFFER_BYTES = 1024 * 1024;
// Write buffers are reused across puts: allocating two fresh MiB for every small upload kept the garbage
// collector busy. Enough spares for a few concurrent puts; more are allocated and dropped as needed.
const SPARE_WRITE_BUFFERS = 8;
// After a burst of large uploads the spares are memory nobody uses: they go once no buffer has been
// taken for this long, so the process returns to its idle size (issue 21: 256 MiB after load, never back).
const SPARES_KEPT_IDLE_MS = 5_000;

/** A small free-list of write buffers, owned by one store; shared memory, so the hashing thread reads them. */
export class WriteBuffers {
  #spare: Buffer[] = [];
  #idleTimer: NodeJS.Timeout | undefined;
  readonly #keptIdleMs: number;

  constructor({ keptIdleMs = SPARES_KEPT_IDLE_MS }: { keptIdleMs?: number } = {}) {
    this.#keptIdleMs = keptIdleMs;
  }

  take(): Buffer {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    return this.#spare.pop() ?? Buffer.from(new SharedArrayBuffer(WRITE_BUFFER_BYTES));
  }

  give(buffer: Buffer): void {
    if (this.#spare.length < SPARE_WRITE_BUFFERS) this.#spare.push(buffer);
    this.#idleTimer ??= setTimeout(() => {
      this.#idleTimer = undefined;
      this.#spare = [];
    }, this.#keptIdleMs).unref();
  }

  /** How many buffers wait to be taken again. */
  get spareCount(): number {
    return this.#spare.length;
  }
}
