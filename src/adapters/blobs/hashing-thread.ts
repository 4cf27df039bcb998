import { Worker } from 'node:worker_threads';

type HashRequest =
  | { kind: 'update'; id: number; buffer: SharedArrayBuffer; length: number }
  | { kind: 'digest'; id: number }
  | { kind: 'discard'; id: number };

type HashReply = { kind: 'updated'; id: number } | { kind: 'digest'; id: number; sha256: string };

/** One put's hash, computed on the hashing thread from buffers it is handed in order. */
export interface HashSession {
  /** Resolves once the first `length` bytes of the buffer are hashed; it must not change until then. */
  update(buffer: Buffer, length: number): Promise<void>;
  digest(): Promise<string>;
  /** Forgets the session (a failed put); updates still pending reject. Nothing is awaited. */
  discard(): void;
}

type Waiter = { resolve: (value: string) => void; reject: (error: unknown) => void };

/**
 * The thread's whole program: one SHA-256 per open session, fed shared buffers in order, and a reply to
 * every request in the order they came. Plain JavaScript evaluated in the worker, so it runs the same
 * from source (through a TypeScript loader the worker would not have) and once built.
 */
const workerSource = `
const { createHash } = require('node:crypto');
const { parentPort } = require('node:worker_threads');
const hashes = new Map();
parentPort.on('message', (request) => {
  if (request.kind === 'update') {
    let hash = hashes.get(request.id);
    if (!hash) hashes.set(request.id, (hash = createHash('sha256')));
    hash.update(new Uint8Array(request.buffer, 0, request.length));
    parentPort.postMessage({ kind: 'updated', id: request.id });
  } else if (request.kind === 'digest') {
    const sha256 = (hashes.get(request.id) ?? createHash('sha256')).digest('hex');
    hashes.delete(request.id);
    parentPort.postMessage({ kind: 'digest', id: request.id, sha256 });
  } else hashes.delete(request.id);
});
`;

/**
 * SHA-256 off the event loop: a 1 GiB upload spends half a second of CPU hashing, which on the main
 * thread would be half a second of nothing else (parsing, other requests) happening. One worker serves
 * every put of the store; it is started on first use, holds the process open only while a session is
 * open, and stops after a while with none (a process that opens and closes many stores keeps no idle
 * threads). If it dies, open sessions fail and the next put starts a new one.
 */
export class HashingThread {
  readonly #idleMs: number;
  #worker: Worker | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  readonly #waiters = new Map<number, Waiter[]>();
  #nextId = 1;

  constructor({ idleMs = 5_000 }: { idleMs?: number } = {}) {
    this.#idleMs = idleMs;
  }

  open(): HashSession {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const id = this.#nextId;
    this.#nextId += 1;
    const worker = this.#running();
    this.#waiters.set(id, []);
    worker.ref();
    const send = (request: HashRequest) => {
      const waiters = this.#waiters.get(id);
      if (!waiters) return Promise.reject(new Error('The hash session is closed'));
      return new Promise<string>((resolve, reject) => {
        waiters.push({ resolve, reject });
        worker.postMessage(request);
      });
    };
    return {
      update: async (buffer, length) => {
        if (!(buffer.buffer instanceof SharedArrayBuffer) || buffer.byteOffset !== 0) {
          throw new Error('The hashing thread reads shared buffers from their start');
        }
        await send({ kind: 'update', id, buffer: buffer.buffer, length });
      },
      digest: async () => {
        try {
          return await send({ kind: 'digest', id });
        } finally {
          this.#close(id);
        }
      },
      discard: () => {
        const waiters = this.#waiters.get(id);
        if (!waiters) return;
        worker.postMessage({ kind: 'discard', id } satisfies HashRequest);
        this.#close(id);
        // Their replies would find no one: settle them now rather than never.
        for (const waiter of waiters) waiter.reject(new Error('The hash session is closed'));
      },
    };
  }

  #running(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(workerSource, { eval: true });
    worker.unref();
    worker.on('message', (reply: HashReply) => {
      const waiter = this.#waiters.get(reply.id)?.shift();
      waiter?.resolve(reply.kind === 'digest' ? reply.sha256 : '');
    });
    // Every open session was on this worker: each fails, now or at its next request.
    const fail = (error: unknown) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiters of this.#waiters.values()) for (const waiter of waiters) waiter.reject(error);
      this.#waiters.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The hashing thread exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #close(id: number): void {
    this.#waiters.delete(id);
    if (this.#waiters.size > 0 || !this.#worker) return;
    this.#worker.unref();
    this.#idleTimer ??= setTimeout(() => this.#stopIdle(), this.#idleMs).unref();
  }

  #stopIdle(): void {
    this.#idleTimer = undefined;
    const worker = this.#worker;
    if (!worker || this.#waiters.size > 0) return;
    this.#worker = undefined;
    // A stop we asked for is not a failure: the next session starts a new worker.
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    void worker.terminate();
  }
}
