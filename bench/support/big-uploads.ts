/**
 * What bench/big-files.ts and bench/loaded-latency.ts share: the server child (the real server, log level
 * silent, its event-loop delay watched), a random file on disk, the disk settling between timed writes,
 * and a process's resident memory.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { originOf, startBenchServer } from './bench-server.ts';

export const MiB = 1024 * 1024;

/** What the parent asks of the server child, and what it answers. */
export type ToServer = { type: 'stop' } | { type: 'loop-delay-reset' } | { type: 'loop-delay' };
export type FromServer =
  | { type: 'ready'; origin: string }
  | { type: 'loop-delay'; p50Ms: number; p99Ms: number; maxMs: number; memory: NodeJS.MemoryUsage };

/**
 * In the server child: the real server on `dataDir`, listening on a free port, and an event-loop delay
 * histogram (10 ms resolution is too coarse for a 20 ms goal: 1 ms) that the parent resets and reads.
 */
export async function serveTributary(dataDir: string): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  const server = await startBenchServer(dataDir, { TRIBUTARY_MAX_ATTACHMENT_SIZE: '2GiB' });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const ms = (ns: number) => ns / 1e6;
  process.on('message', (message: ToServer) => {
    if (message.type === 'stop') {
      delay.disable();
      server.close().then(() => process.disconnect());
    } else if (message.type === 'loop-delay-reset') delay.reset();
    else {
      send({
        type: 'loop-delay',
        p50Ms: ms(delay.percentile(50)),
        p99Ms: ms(delay.percentile(99)),
        maxMs: ms(delay.max),
        memory: process.memoryUsage(),
      });
    }
  });
  send({ type: 'ready', origin: originOf(server) });
}

/** Writes `sizeBytes` of random bytes in 1 MiB chunks; returns their SHA-256. */
export async function generateFile(file: string, sizeBytes: number): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    (async function* () {
      for (let written = 0; written < sizeBytes; written += MiB) {
        const chunk = randomBytes(Math.min(MiB, sizeBytes - written));
        hash.update(chunk);
        yield chunk;
      }
    })(),
    createWriteStream(file),
  );
  return hash.digest('hex');
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Readies the machine for a timed write of `sizeBytes` (see bench/attachments.ts): dirty pages flushed, and
 * as many bytes written to a scratch file and removed, so the page cache has recently used memory to hand
 * out rather than memory the VM has never touched (450 MB/s to fault in, against 6 GB/s reused).
 */
export async function settleDisk(scratch: string, sizeBytes: number): Promise<void> {
  const zeros = Buffer.alloc(MiB);
  const handle = await open(scratch, 'w');
  try {
    for (let written = 0; written < sizeBytes; written += MiB) await handle.write(zeros);
  } finally {
    await handle.close();
  }
  await rm(scratch);
  execFileSync('sync');
}
