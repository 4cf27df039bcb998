/**
 * The buffers a put copies its bytes into on their way to the file: shared memory, so the hashing thread
 * reads them, and page-aligned where possible, so whole buffers can be written with O_DIRECT.
 */
const WRITE_BUFFER_BYTES = 1024 * 1024;
// Write buffers are reused across puts: allocating two fresh MiB for every small upload kept the garbage
// collector busy. Enough spares for a few concurrent puts; more are allocated and dropped as needed.
const SPARE_WRITE_BUFFERS = 8;

// The one part of WebAssembly used here (the compiler's libraries leave it out without the DOM).
declare const WebAssembly: {
  Memory: new (pages: { initial: number; maximum: number; shared: true }) => { buffer: SharedArrayBuffer };
};

/**
 * Shared memory (the hashing thread reads it) that starts on a page boundary, as direct writes require:
 * a WebAssembly memory is mapped whole pages at a time, which a plain SharedArrayBuffer is not promised.
 * Undefined where it cannot be had; the caller then takes plain shared memory and buffered writes.
 */
function alignedSharedMemory(bytes: number): SharedArrayBuffer | undefined {
  const wasmPage = 64 * 1024;
  const pages = Math.ceil(bytes / wasmPage);
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }).buffer;
  } catch {
    // V8 reserves gigabytes of address space for each such memory; a process limit (ulimit -v) refuses it.
    return undefined;
  }
}

/** A small free-list of write buffers, owned by one store; shared memory, so the hashing thread reads them. */
export class WriteBuffers {
  readonly #spare: Buffer[] = [];
  readonly #aligned = new WeakSet<Buffer>();

  take(): Buffer {
    const spare = this.#spare.pop();
    if (spare) return spare;
    const aligned = alignedSharedMemory(WRITE_BUFFER_BYTES);
    const buffer = Buffer.from(aligned ?? new SharedArrayBuffer(WRITE_BUFFER_BYTES));
    if (aligned) this.#aligned.add(buffer);
    return buffer;
  }

  /** Whether the buffer starts on a page boundary, so direct (O_DIRECT) writes may use it. */
  isAligned(buffer: Buffer): boolean {
    return this.#aligned.has(buffer);
  }

  give(buffer: Buffer): void {
    if (this.#spare.length < SPARE_WRITE_BUFFERS) this.#spare.push(buffer);
  }
}
