import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  exitWithin,
  freePort,
  runTributary,
  type Tributary,
  waitForOutput,
  waitLimitMs,
} from '../support/tributary-process.ts';

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
  // The launcher is CommonJS so that it can size libuv's pool before the first file operation starts it;
  // the pool's threads are the difference between the two processes' thread counts (Linux's /proc).
  it("runs from bin/tributary.js with 16 threads in libuv's pool unless the environment sets the size", {
    skip: process.platform !== 'linux' && 'threads are counted in /proc',
  }, async () => {
    const threadsOf = async (poolSize: string | undefined) => {
      const port = await freePort();
      const tributary = runTributary(
        ['serve'],
        { TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_PORT: String(port), UV_THREADPOOL_SIZE: poolSize },
        { launcher: true },
      );
      started.push(tributary);
      await waitForOutput(tributary, /^Tributary is running at /m);
      const threads = (await readdir(`/proc/${tributary.child.pid}/task`)).length;
      // How the launcher exits is the other tests' business (they run the same main).
      tributary.child.kill('SIGKILL');
      await tributary.exited;
      return threads;
    };
    const byDefault = await threadsOf(undefined);
    const withFour = await threadsOf('4');
    // 12 more threads, give or take a worker that comes and goes (hashing, checkpoints); the same pool on
    // both would differ by about 0.
    assert.ok(Math.abs(byDefault - withFour - 12) <= 2, `${byDefault} threads against ${withFour}`);
  });
});
