import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// `node -e` leaves no script path in process.argv, so put back the two entries commander's
// parseAsync(argv) skips by default, as bin/tributary.js passes them.
const entry =
  "import('./src/main.ts').then(async (m) => { process.exitCode = await m.main(['node', 'tributary', ...process.argv.slice(1)]); })";
export const waitLimitMs = 20_000;

export interface Tributary {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `tributary <args>` as its own process, with no TRIBUTARY_* variable but those given: from the
 * sources, or through `bin/tributary.js` (the launcher users run, over the built `dist/`) with `launcher`.
 */
export function runTributary(
  args: string[],
  env: Record<string, string | undefined>,
  { launcher = false } = {},
): Tributary {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TRIBUTARY_')),
  );
  const command = launcher
    ? [path.join(projectRoot, 'bin', 'tributary.js'), ...args]
    : ['--import', 'tsx', '-e', entry, '--', ...args];
  const child = spawn(process.execPath, command, {
    cwd: projectRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** Resolves with the first match of `pattern` in the child's stdout; fails on exit or after the limit. */
export async function waitForOutput(
  tributary: Tributary,
  pattern: RegExp,
  limitMs = waitLimitMs,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + limitMs;
  let exited = false;
  void tributary.exited.then(() => {
    exited = true;
  });
  for (;;) {
    const match = pattern.exec(tributary.stdout());
    if (match) return match;
    if (exited || Date.now() > deadline) {
      assert.fail(
        `no ${pattern} in stdout (${exited ? 'process exited' : 'timed out'})\nstdout: ${tributary.stdout()}\nstderr: ${tributary.stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function exitWithin<T>(exited: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the process did not exit within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Ends the process with SIGTERM (SIGKILL if it has not exited within the wait limit). */
export async function stopTributary(tributary: Tributary): Promise<void> {
  if (tributary.child.exitCode !== null || tributary.child.signalCode !== null) return;
  tributary.child.kill('SIGTERM');
  try {
    await exitWithin(tributary.exited, waitLimitMs);
  } catch {
    tributary.child.kill('SIGKILL');
    await tributary.exited;
  }
}

/** Starts `tributary serve` on a free port with these settings; resolves once it listens, with its origin. */
export async function serveOnFreePort(
  env: Record<string, string>,
  { launcher = false, limitMs = waitLimitMs } = {},
): Promise<{ tributary: Tributary; origin: string }> {
  const port = await freePort();
  const tributary = runTributary(['serve'], { ...env, TRIBUTARY_PORT: String(port) }, { launcher });
  try {
    await waitForOutput(tributary, /^Tributary is running at /m, limitMs);
  } catch (error) {
    // A start that timed out leaves no process behind.
    tributary.child.kill('SIGKILL');
    await tributary.exited;
    throw error;
  }
  return { tributary, origin: `http://127.0.0.1:${port}` };
}
