import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Asks a benchmark's server child to stop (it closes the server and disconnects), killing it after 30 s. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send({ type: 'stop' });
  const timeout = setTimeout(() => child.kill(), 30_000);
  await exited;
  clearTimeout(timeout);
}
