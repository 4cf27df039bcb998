import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { basic } from '../support/test-server.ts';
import { runTributary, stopTributary, type Tributary, waitForOutput } from '../support/tributary-process.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtLauncher = { launcher: existsSync(path.join(projectRoot, 'dist', 'main.js')) };

interface ReadyLine {
  url: string;
  user: string;
  password: string;
  token: string;
  dataDir: string;
}

async function readyLineOf(tributary: Tributary): Promise<ReadyLine> {
  const [line = ''] = await waitForOutput(tributary, /^\{.*\}\n/);
  return JSON.parse(line) as ReadyLine;
}

describe('tributary serve --ephemeral', () => {
  const started: Tributary[] = [];
  afterEach(async () => {
    for (const tributary of started.splice(0)) await stopTributary(tributary);
  });

  it('prints one JSON line whose url, token and password work, and removes its folder on SIGTERM', async () => {
    const tributary = runTributary(['serve', '--ephemeral', '--port', '0'], {}, builtLauncher);
    started.push(tributary);
    const ready = await readyLineOf(tributary);
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(ready.user, 'admin');
    assert.ok(ready.password.length >= 12 && ready.token.length >= 32);
    assert.ok(existsSync(ready.dataDir));
    const byToken = await fetch(`${ready.url}/rest/api/user/current`, {
      headers: { authorization: `Bearer ${ready.token}` },
    });
    assert.equal(((await byToken.json()) as { username: string }).username, 'admin');
    const byPassword = await fetch(`${ready.url}/wiki/api/v2/spaces`, {
      headers: { authorization: basic(ready.user, ready.password) },
    });
    assert.equal(byPassword.status, 200);
    // Test mode is on: the reset answers.
    const reset = await fetch(`${ready.url}/rest/tributary/1.0/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.token}`, 'x-atlassian-token': 'no-check' },
    });
    assert.equal(reset.status, 204);

    await stopTributary(tributary);
    assert.equal((await tributary.exited).code, 0);
    assert.equal(existsSync(ready.dataDir), false);
    // Standard output carried the line and nothing else; the logs went to standard error.
    assert.equal(tributary.stdout(), `${JSON.stringify(ready)}\n`);
    assert.match(tributary.stderr(), /Server listening/);
  });

  it('uses the password and token it is given', async () => {
    const tributary = runTributary(
      ['serve', '--ephemeral', '--port', '0', '--admin-token', 'ci-token-for-tests'],
      { TRIBUTARY_ADMIN_PASSWORD: 'ci-password' },
      builtLauncher,
    );
    started.push(tributary);
    const ready = await readyLineOf(tributary);
    assert.equal(ready.password, 'ci-password');
    assert.equal(ready.token, 'ci-token-for-tests');
    const answer = await fetch(`${ready.url}/rest/api/space`, {
      headers: { authorization: 'Bearer ci-token-for-tests' },
    });
    assert.equal(answer.status, 200);
    tributary.child.kill('SIGINT');
    await tributary.exited;
    assert.equal(existsSync(ready.dataDir), false);
  });

  // On Node 20 the launcher compiles the bundle from the code cache of an earlier run, and a script
  // compiled from a cache has no dynamic import(): what loads on first use must still load.
  it('loads what it imports on first use when started from a warm code cache (an upload sniffs its type)', {
    skip: !builtLauncher.launcher && 'needs npm run build',
  }, async () => {
    const cacheHome = await mkdtemp(path.join(tmpdir(), 'tributary-cache-home-'));
    try {
      for (const run of ['cold', 'warm']) {
        const tributary = runTributary(
          ['serve', '--ephemeral', '--port', '0'],
          { XDG_CACHE_HOME: cacheHome },
          builtLauncher,
        );
        started.push(tributary);
        const { url, token } = await readyLineOf(tributary);
        const authorization = `Bearer ${token}`;
        await fetch(`${url}/rest/api/space`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ key: 'WARM', name: 'Warm' }),
        });
        const space = await fetch(`${url}/rest/api/space/WARM?expand=homepage`, {
          headers: { authorization },
        });
        const { homepage } = (await space.json()) as { homepage: { id: string } };
        const form = new FormData();
        const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
        form.append('file', new Blob([png], { type: 'application/octet-stream' }), 'no-extension');
        const upload = await fetch(`${url}/rest/api/content/${homepage.id}/child/attachment`, {
          method: 'POST',
          headers: { authorization, 'x-atlassian-token': 'no-check' },
          body: form,
        });
        assert.equal(upload.status, 200, `${run}: ${await upload.clone().text()}`);
        const { results } = (await upload.json()) as { results: { metadata: { mediaType: string } }[] };
        assert.equal(results[0]?.metadata.mediaType, 'image/png', run);
        // Stopped by a signal, the cold run keeps its compiled code as it exits.
        await stopTributary(started.pop() ?? tributary);
      }
    } finally {
      await rm(cacheHome, { recursive: true, force: true });
    }
  });
});

describe("'tributary/testing' from the built package, as a dependency", {
  skip: !builtLauncher.launcher && 'needs npm run build',
}, () => {
  let consumer: string;
  before(async () => {
    // A project that depends on tributary: its node_modules/tributary is this package, resolved by name.
    consumer = await mkdtemp(path.join(tmpdir(), 'tributary-consumer-'));
    await mkdir(path.join(consumer, 'node_modules'));
    await symlink(projectRoot, path.join(consumer, 'node_modules', 'tributary'), 'dir');
    await writeFile(path.join(consumer, 'package.json'), '{"type": "module"}');
  });
  after(async () => {
    await rm(consumer, { recursive: true, force: true });
  });

  it('starts, resets, fails on demand and stops a server in a node:test suite, leaving no folder behind', async () => {
    await writeFile(
      path.join(consumer, 'client.test.js'),
      `import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { startTributary } from 'tributary/testing';

let tributary;
before(async () => { tributary = await startTributary(); });
after(async () => {
  await tributary.stop();
  assert.equal(existsSync(tributary.dataDir), false);
});

const api = (method, path, body) => fetch(tributary.url + path, {
  method,
  headers: { authorization: 'Bearer ' + tributary.token, 'content-type': 'application/json' },
  body: body && JSON.stringify(body),
});

it('creates a space, and a reset removes it', async () => {
  assert.equal((await api('POST', '/rest/api/space', { key: 'CLI', name: 'Client' })).status, 200);
  assert.equal((await api('GET', '/rest/api/space/CLI')).status, 200);
  await tributary.reset();
  assert.equal((await api('GET', '/rest/api/space/CLI')).status, 404);
});

it('fails requests on demand, until the rule is used up or cleared', async () => {
  const rule = await tributary.fault({ method: 'GET', path: '/rest/api/space/*', status: 503, times: 1 });
  assert.equal(typeof rule.id, 'number');
  assert.equal((await api('GET', '/rest/api/space/NONE')).status, 503);
  assert.equal((await api('GET', '/rest/api/space/NONE')).status, 404);
  await tributary.fault({ path: '/rest/api/space', status: 429, retryAfter: 2 });
  const limited = await api('GET', '/rest/api/space');
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2');
  await tributary.clearFaults();
  assert.equal((await api('GET', '/rest/api/space')).status, 200);
  await assert.rejects(tributary.fault({ path: 'no-slash', status: 503 }), /answered 400/);
});
`,
    );
    const run = promisify(execFile);
    // Run as a project of its own would be, not as a subtest reporting to this runner.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const { stdout } = await run(process.execPath, ['--test', 'client.test.js'], { cwd: consumer, env });
    assert.match(stdout, /# pass 2/);
    assert.match(stdout, /# fail 0/);
  });

  it('gives a TypeScript project its types', async () => {
    await writeFile(
      path.join(consumer, 'typed.ts'),
      `import { type FaultRule, type RunningTributary, startTributary } from 'tributary/testing';
const started: Promise<RunningTributary> = startTributary({ env: { TRIBUTARY_MAX_PAGE_SIZE: '5' } });
export const url: Promise<string> = started.then((tributary) => tributary.url);
const rule: FaultRule = { method: 'GET', path: '/rest/api/space/*', status: 503, times: 1 };
export const id: Promise<number> = started.then(async (tributary) => (await tributary.fault(rule)).id);
`,
    );
    const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
    // Fails with "Could not find a declaration file for module 'tributary/testing'" without them.
    await promisify(execFile)(process.execPath, [tsc, ...options, 'typed.ts'], {
      cwd: consumer,
    }).catch((error: { stdout?: string }) => assert.fail(error.stdout ?? String(error)));
  });
});
