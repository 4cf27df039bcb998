import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// `node -e` leaves no script path in process.argv, so put back the two entries commander's
// parseAsync(argv) skips by default, as bin/tributary.js passes them.
const entry =
  "import('./src/main.ts').then(async (m) => { process.exitCode = await m.main(['node', 'tributary', ...process.argv.slice(1)]); })";
const waitLimitMs = 20_000;

interface Tributary {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `tributary <args>` as its own process, with no TRIBUTARY_* variable but those given. */
function runTributary(args: string[], env: Record<string, string>): Tributary {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TRIBUTARY_')),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', entry, '--', ...args], {
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

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** Resolves with the first match of `pattern` in the child's stdout; fails on exit or after the limit. */
async function waitForOutput(tributary: Tributary, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + waitLimitMs;
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

async function exitWithin<T>(exited: Promise<T>, ms: number): Promise<T> {
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

describe('the tributary process', () => {
  let dataDir: string;
  const started: Tributary[] = [];

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-serve-'));
  });

  afterEach(async () => {
    for (const tributary of started.splice(0)) {
      if (tributary.child.exitCode === null && tributary.child.signalCode === null) {
        tributary.child.kill('SIGKILL');
        await tributary.exited;
      }
    }
  });

  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves, prints the URL and the generated admin credentials, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const tributary = runTributary(['serve'], { TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_PORT: String(port) });
    started.push(tributary);

    await waitForOutput(
      tributary,
      new RegExp(`^Tributary is running at http://127\\.0\\.0\\.1:${port}$`, 'm'),
    );
    const [, password] = await waitForOutput(
      tributary,
      /^Created the administrator: username admin, password (\S+)$/m,
    );
    assert.ok(password);
    assert.match(tributary.stdout(), /shown only once/);

    const response = await fetch(`http://127.0.0.1:${port}/rest/api/user/current`, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` },
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { username: string }).username, 'admin');

    tributary.child.kill('SIGTERM');
    const { code, signal } = await exitWithin(tributary.exited, 5_000);
    assert.equal(signal, null);
    assert.equal(code, 0, `stderr: ${tributary.stderr()}`);
  });

  it('exits 2 with one line naming TRIBUTARY_PORT when the port is not a number', async () => {
    const tributary = runTributary(['serve'], { TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_PORT: 'abc' });
    started.push(tributary);

    const { code } = await exitWithin(tributary.exited, waitLimitMs);
    assert.equal(code, 2);
    assert.match(tributary.stderr(), /^tributary: [^\n]*TRIBUTARY_PORT[^\n]*\n$/);
    assert.equal(tributary.stdout(), '');
  });

  it('ends quietly with 0 when the reader of its output goes away (`tributary … | head`)', async () => {
    const tributary = runTributary(['--help'], { TRIBUTARY_DATA_DIR: dataDir });
    started.push(tributary);
    tributary.child.stdout?.destroy();

    const { code } = await exitWithin(tributary.exited, waitLimitMs);
    assert.equal(tributary.stderr(), '');
    assert.equal(code, 0);
  });
});
