import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { RunningServer } from '../../src/main.ts';
import type { MetadataStore } from '../../src/ports/metadata-store.ts';
import { seedAttachments } from '../../test/support/seed-attachments.ts';
import { originOf } from './bench-server.ts';
import { serverEnvironment } from './server-environment.ts';

/**
 * Runs a benchmark's server in a child process (`script` with `args`), so the client's memory and CPU
 * never count towards the server's. `next()` resolves with the child's messages in the order sent;
 * it rejects if the child exits first. `execArgv` adds Node flags to this process's own (`--cpu-prof`).
 */
export function startChild<Message>(
  script: string,
  args: readonly string[],
  options: {
    /** Node flags for the child, e.g. `--cpu-prof`. */
    execArgv?: readonly string[];
    /** `ignore` sends the child's standard output (its log, say) to /dev/null. */
    stdout?: 'inherit' | 'ignore';
  } = {},
): { child: ChildProcess; next: () => Promise<Message> } {
  const { execArgv = [], stdout = 'inherit' } = options;
  const child = fork(script, [...args], {
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...execArgv],
    env: serverEnvironment(),
  });
  const queue: Message[] = [];
  const waiting: ((message: Message) => void)[] = [];
  child.on('message', (message: Message) => {
    const resolve = waiting.shift();
    if (resolve) resolve(message);
    else queue.push(message);
  });
  const next = () =>
    new Promise<Message>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
    });
  return { child, next };
}

/** Asks a benchmark's server child to stop (it closes the server and disconnects), killing it after 30 s. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send({ type: 'stop' });
  const timeout = setTimeout(() => child.kill(), 30_000);
  await exited;
  clearTimeout(timeout);
}

/** What a benchmark sends its server child to seed attachments through the metadata store. */
export type SeedRequest = { type: 'seed'; pageId: number; templateId: number; count: number };
export type SeedReply = { type: 'seeded'; seconds: number } | { type: 'failed'; error: string };

/**
 * In a server child: seeds `count` attachments on the page, sharing the template's bytes, through the
 * server's own metadata store (test/support/seed-attachments.ts), and replies when done.
 */
export function seedOnRequest(store: MetadataStore, request: SeedRequest): void {
  const started = performance.now();
  const reply = (message: SeedReply) => process.send?.(message);
  seedAttachments(store, {
    ...request,
    title: (n) => `seeded-${String(n).padStart(7, '0')}.txt`,
  }).then(
    () => reply({ type: 'seeded', seconds: (performance.now() - started) / 1000 }),
    (error: unknown) => reply({ type: 'failed', error: String(error) }),
  );
}

/**
 * In a server child: tells the parent where `server` listens (with `extra`), seeds attachments when asked,
 * and on `stop` runs `onStop`, closes the server and lets the parent go.
 */
export function serveParent(
  server: RunningServer,
  extra: Record<string, unknown> = {},
  onStop?: () => void,
): void {
  process.on('message', (message: SeedRequest | { type: 'stop' }) => {
    if (message.type === 'seed') return seedOnRequest(server.site.services.store, message);
    onStop?.();
    server.close().then(() => process.disconnect());
  });
  process.send?.({ type: 'ready', origin: originOf(server), ...extra });
}
