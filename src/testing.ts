/**
 * `import { startTributary } from 'tributary/testing'`: a throwaway Tributary for a client's test suite
 * (docs/testing.md). The server runs as its own process, started through the launcher users run
 * (`bin/tributary.js serve --ephemeral --port 0`): the test process loads none of the server's modules
 * or native driver (Jest's module sandbox and Vitest's workers stay clean), cannot be slowed by its work
 * on the event loop, and a server that crashes takes no test runner with it. This module imports nothing
 * from the server on purpose.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
// A type only, erased from the JavaScript: the rule's shape as the server reads it (docs/testing.md, "Faults").
import type { FaultRule } from './domain/fault-rule.ts';

export type { FaultRule };

export interface StartTributaryOptions {
  /** More TRIBUTARY_* settings for the server (TRIBUTARY_MAX_PAGE_SIZE…), over the inherited environment. */
  env?: Record<string, string>;
  /**
   * A fixture to load at start (`--seed`, docs/fixtures.md): its folder, or its fixture.json. `reset()`
   * returns to the seeded site. A bad fixture fails the start with the server's one-line reason.
   */
  seed?: string;
  /** More arguments after `serve --ephemeral --port 0`. */
  args?: string[];
  /** How long to wait for the server to listen before failing; 30 s by default. */
  startTimeoutMs?: number;
}

export interface RunningTributary {
  /** The site's base URL, e.g. `http://127.0.0.1:41234`; the REST APIs are under it. */
  url: string;
  user: string;
  password: string;
  /** An API token of `user`, for `Authorization: Bearer <token>`. */
  token: string;
  /** The server's temporary data folder (the database and blobs), removed when it stops. */
  dataDir: string;
  /** Returns the site to its state right after start (`POST /rest/tributary/1.0/reset`). */
  reset(): Promise<void>;
  /** Adds a fault rule; answers it with its `id`. A rule the server refuses fails with its message. */
  fault(rule: FaultRule): Promise<FaultRule & { id: number }>;
  /** Removes every fault rule (a reset leaves them in place). */
  clearFaults(): Promise<void>;
  /** Stops the server; its temporary data folder is removed. */
  stop(): Promise<void>;
}

type ReadyLine = Pick<RunningTributary, 'url' | 'user' | 'password' | 'token' | 'dataDir'>;

// From dist/testing.js (or src/testing.ts) up to the package root.
const launcher = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tributary.js');
const stopWaitMs = 10_000;
const keptErrorLines = 40;

export async function startTributary(options: StartTributaryOptions = {}): Promise<RunningTributary> {
  const child = spawn(
    process.execPath,
    [
      launcher,
      'serve',
      '--ephemeral',
      '--port',
      '0',
      ...(options.seed === undefined ? [] : ['--seed', path.resolve(options.seed)]),
      ...(options.args ?? []),
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // A test runner that exits without `stop()` must not leave a server behind; SIGTERM (not SIGKILL) lets
  // it remove its ephemeral folder on the way out.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const errorLines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    errorLines.push(line);
    if (errorLines.length > keptErrorLines) errorLines.shift();
  });
  const exited = once(child, 'exit');
  try {
    const ready = await readyLine(child, exited, options.startTimeoutMs ?? 30_000, errorLines);
    let stopped: Promise<void> | undefined;
    return {
      ...ready,
      reset: () => reset(ready),
      fault: async (rule) =>
        (await (await call(ready, 'POST', '/faults', 201, rule)).json()) as FaultRule & { id: number },
      clearFaults: async () => void (await call(ready, 'DELETE', '/faults', 204)),
      stop() {
        stopped ??= stop(child, exited).finally(() => process.removeListener('exit', killOnExit));
        return stopped;
      },
    };
  } catch (error) {
    await stop(child, exited);
    process.removeListener('exit', killOnExit);
    throw error;
  }
}

async function readyLine(
  child: ChildProcess,
  exited: Promise<unknown>,
  timeoutMs: number,
  errorLines: string[],
): Promise<ReadyLine> {
  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  const failure = (why: string) =>
    new Error(`Tributary did not start: ${why}\n${errorLines.join('\n')}`.trimEnd());
  try {
    return await Promise.race([
      once(lines, 'line').then(([line]) => JSON.parse(String(line)) as ReadyLine),
      exited.then(() => Promise.reject(failure(`it exited with code ${child.exitCode}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(failure(`no ready line within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function reset(ready: ReadyLine): Promise<void> {
  await call(ready, 'POST', '/reset', 204);
}

/** A call of test mode's own API, as the administrator; any other status than `expected` fails it. */
async function call(
  ready: ReadyLine,
  method: string,
  path: string,
  expected: number,
  json?: unknown,
): Promise<Response> {
  const response = await fetch(`${ready.url}/rest/tributary/1.0${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ready.token}`,
      'x-atlassian-token': 'no-check',
      ...(json !== undefined && { 'content-type': 'application/json' }),
    },
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
  if (response.status !== expected) {
    throw new Error(`Tributary's ${method} ${path} answered ${response.status}: ${await response.text()}`);
  }
  return response;
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopWaitMs);
  await exited;
  clearTimeout(timer);
}
