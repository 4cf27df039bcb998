import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
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

  it('on SIGTERM refuses new connections at once, lets an upload under way finish, then exits 0', async () => {
    const siteDir = await mkdtemp(path.join(tmpdir(), 'tributary-sigterm-'));
    const port = await freePort();
    const tributary = runTributary(['serve'], {
      TRIBUTARY_DATA_DIR: siteDir,
      TRIBUTARY_PORT: String(port),
      TRIBUTARY_ADMIN_PASSWORD: 'pw',
      TRIBUTARY_SHUTDOWN_GRACE_SECONDS: '15',
    });
    started.push(tributary);
    try {
      await waitForOutput(tributary, /^Tributary is running at /m);
      const origin = `http://127.0.0.1:${port}`;
      const authorization = `Basic ${Buffer.from('admin:pw').toString('base64')}`;
      const post = async (url: string, json: unknown) => {
        const response = await fetch(origin + url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
        assert.equal(response.status < 300, true, await response.clone().text());
        return (await response.json()) as { id: string };
      };
      await post('/rest/api/space', { key: 'UP', name: 'Uploads' });
      const page = await post('/rest/api/content', {
        type: 'page',
        title: 'Files',
        space: { key: 'UP' },
        body: { storage: { value: '<p>files</p>', representation: 'storage' } },
      });

      // The upload's head and half its bytes go out before SIGTERM, the rest after.
      const boundary = 'tributary-shutdown-test';
      const upload = httpRequest(`${origin}/rest/api/content/${page.id}/child/attachment`, {
        method: 'POST',
        headers: {
          authorization,
          'x-atlassian-token': 'no-check',
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      });
      const answered = once(upload, 'response').then(([response]) => response as IncomingMessage);
      upload.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      );
      upload.write(Buffer.alloc(256 * 1024, 1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      tributary.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));

      await assert.rejects(fetch(`${origin}/status`), (error: Error & { cause?: { code?: string } }) => {
        assert.equal(error.cause?.code, 'ECONNREFUSED');
        return true;
      });
      upload.end(Buffer.concat([Buffer.alloc(256 * 1024, 2), Buffer.from(`\r\n--${boundary}--\r\n`)]));
      const response = await answered;
      let body = '';
      for await (const chunk of response) body += chunk;
      assert.equal(response.statusCode, 200, body);
      assert.match(body, /late\.bin/);

      const { code, signal } = await exitWithin(tributary.exited, 15_000);
      assert.equal(signal, null);
      assert.equal(code, 0, `stderr: ${tributary.stderr()}`);
    } finally {
      await rm(siteDir, { recursive: true, force: true });
    }
  });
});
