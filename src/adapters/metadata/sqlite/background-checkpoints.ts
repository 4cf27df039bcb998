import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

type CheckpointMode = 'PASSIVE' | 'RESTART';
type CheckpointReply = { ok: true; logFrames: number } | { ok: false; message: string };

/**
 * The thread's whole program: its own connection to the database, and one checkpoint per request. Plain
 * JavaScript evaluated in the worker, so it runs the same from source and once built; the driver's path
 * comes from the parent, since an evaluated worker resolves modules from nowhere in particular.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const database = new Database(workerData.file, { fileMustExist: true });
database.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
parentPort.on('message', (mode) => {
  try {
    const [result] = database.pragma('wal_checkpoint(' + mode + ')');
    parentPort.postMessage({ ok: true, logFrames: result.log });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
});
`;

export interface BackgroundCheckpointOptions {
  /** Checkpoints start at most this often; commits in between are copied by the next one. */
  minIntervalMs?: number;
  /**
   * A log longer than this after a checkpoint is restarted, briefly holding writers off. Passive
   * checkpoints never wait for anyone, and the log starts over only when one has copied all of it before
   * the next write: under writes that never pause, that moment may not come.
   */
  restartAboveFrames?: number;
  /** Called once if a checkpoint fails; the caller takes checkpoints back, and none run here after it. */
  fallBack: () => void;
}

/**
 * Copies the write-ahead log back into the database file on a worker thread of its own. SQLite does this
 * inside whichever commit fills the log to 1,000 pages, on the committing thread: on the event loop, that
 * measured a stall of 8 to 10 ms (the copy and two fsyncs) every 30 or so commits of one upload each. The main connection runs
 * with `wal_autocheckpoint = 0`, and `committed()` is called after every commit instead.
 *
 * The worker starts with the first checkpoint and keeps the process alive only while it works. If a checkpoint fails,
 * the log would grow without end: the caller is told once, to hand checkpoints back to SQLite, and this
 * stops. `close()` must run before the main connection closes, so that connection is the last and
 * removes the log.
 */
export class BackgroundCheckpoints {
  readonly #file: string;
  readonly #minIntervalMs: number;
  readonly #restartAboveFrames: number;
  readonly #fallBack: () => void;
  #worker: Worker | undefined;
  #replies: ((reply: CheckpointReply) => void)[] = [];
  #running: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastStartedMs = Number.NEGATIVE_INFINITY;
  #closed = false;

  constructor(databaseFile: string, options: BackgroundCheckpointOptions) {
    this.#file = databaseFile;
    this.#minIntervalMs = options.minIntervalMs ?? 250;
    this.#restartAboveFrames = options.restartAboveFrames ?? 64_000;
    this.#fallBack = options.fallBack;
  }

  /** Schedules a checkpoint of what has been committed: now, or once the interval has passed. */
  committed(): void {
    if (this.#closed || this.#timer) return;
    const waitMs = this.#lastStartedMs + this.#minIntervalMs - performance.now();
    // A checkpoint under way copies only what was committed before it began: the timer covers the rest.
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        void this.#start();
      },
      Math.max(0, waitMs),
    ).unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  async #start(): Promise<void> {
    if (this.#running) {
      // Still copying: come back when it is done.
      await this.#running;
      this.committed();
      return;
    }
    this.#lastStartedMs = performance.now();
    const running = this.#checkpoint().finally(() => {
      this.#running = undefined;
    });
    this.#running = running;
    await running;
  }

  async #checkpoint(): Promise<void> {
    let reply = await this.#ask('PASSIVE');
    if (reply.ok && reply.logFrames > this.#restartAboveFrames) reply = await this.#ask('RESTART');
    if (!reply.ok && !this.#closed) {
      this.#closed = true;
      this.#fallBack();
    }
  }

  #ask(mode: CheckpointMode): Promise<CheckpointReply> {
    const worker = this.#thread();
    // Held open while it works, so whoever awaits the answer gets it; idle, it holds nothing open.
    worker.ref();
    return new Promise((resolve) => {
      this.#replies.push(resolve);
      worker.postMessage(mode);
    });
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: this.#file,
        busyTimeoutMs: 5_000,
      },
    });
    worker.on('message', (reply: CheckpointReply) => {
      this.#replies.shift()?.(reply);
      if (this.#replies.length === 0) worker.unref();
    });
    const fail = (error: unknown) => {
      if (this.#worker === worker) this.#worker = undefined;
      const message = error instanceof Error ? error.message : String(error);
      for (const reply of this.#replies.splice(0)) reply({ ok: false, message });
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The checkpoint thread exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }
}
