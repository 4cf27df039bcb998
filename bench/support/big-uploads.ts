/**
 * What bench/big-files.ts and bench/loaded-latency.ts share: the server child (the real server, log level
 * silent, its event-loop delay watched), a random file on disk, the disk settling between timed writes,
 * and a process's resident memory.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../../src/config/load-config.ts';
import { startServer } from '../../src/main.ts';
import { benchAdminPassword } from './http-client.ts';

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
  const config = loadConfig({
    TRIBUTARY_DATA_DIR: dataDir,
    TRIBUTARY_PORT: '0',
    TRIBUTARY_ADMIN_PASSWORD: benchAdminPassword,
    TRIBUTARY_LOG_LEVEL: 'silent',
    TRIBUTARY_MAX_ATTACHMENT_SIZE: '2GiB',
  });
  const server = await startServer(config);
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
  const address = server.app.server.address() as AddressInfo;
  send({ type: 'ready', origin: `http://127.0.0.1:${address.port}` });
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

/** `VmRSS` of a process, in bytes. */
export async function residentRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/** "a–b" of the values, each with `digits` decimals. */
export function spreadOf(values: readonly number[], digits = 0): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

/**
 * CPU seconds the process's main thread has used (user + system, /proc/<pid>/task/<pid>/stat): a figure the
 * neighbours on a shared machine move far less than wall-clock time.
 */
export async function mainThreadCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
