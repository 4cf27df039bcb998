import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConfluenceClient } from '../../src/client/index.ts';
import { aPage, aSpace } from '../support/builders.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { adminPassword, startTestServer, type TestServer } from '../support/test-server.ts';
import { aSourceSpace, history, type SourceTree, snapshotOf } from './backup-support.ts';
import { isolateEnvironment, jsonOf, openClient, tributary } from './toolkit-support.ts';

interface Report {
  summary: { done: number; skipped: number; failed: number };
  items: Array<{ outcome: string; subject: string; detail: string; sourceId?: string; targetId?: string }>;
}

const side = (prefix: 'from' | 'to', url: string) => [
  `--${prefix}-url`,
  url,
  `--${prefix}-user`,
  'admin',
  `--${prefix}-token`,
  adminPassword,
];

describe('tributary migrate', () => {
  const environment = isolateEnvironment();
  let source: TestServer;
  let target: TestServer;
  let proxy: FaultProxy;
  let sourceClient: ConfluenceClient;
  let targetClient: ConfluenceClient;
  let tree: SourceTree;
  const workDir = (name: string) => ['--work-dir', path.join(environment.workDir(), name)];

  before(async () => {
    await environment.setUp();
    [source, target] = await Promise.all([startTestServer(), startTestServer()]);
    proxy = await startFaultProxy(target.reachableUrl);
    sourceClient = await openClient(source.reachableUrl);
    targetClient = await openClient(target.reachableUrl);
    tree = await aSourceSpace(source, sourceClient, 'SRC', environment.workDir());
  });

  after(async () => {
    await sourceClient.close();
    await targetClient.close();
    await proxy.close();
    await Promise.all([source.dispose(), target.dispose()]);
    await environment.restore();
  });

  it('changes nothing on a dry run', async () => {
    await aSpace(target, 'DRY');
    const report = await jsonOf<Report>(
      'migrate',
      ...side('from', source.reachableUrl),
      '--from-space',
      'SRC',
      ...side('to', target.reachableUrl),
      '--to-space',
      'DRY',
      ...workDir('dry'),
      '--dry-run',
    );
    assert.ok(report.items.some((item) => /would upload 3 versions/.test(item.detail)));
    assert.deepEqual(await snapshotOf(targetClient, 'DRY'), []);
  });

  it('copies a space to another server: pages, every version in order, comments, labels, properties', async () => {
    await aSpace(target, 'COPY');
    const report = await jsonOf<Report>(
      'migrate',
      ...side('from', source.reachableUrl),
      '--from-space',
      'SRC',
      ...side('to', target.reachableUrl),
      '--to-space',
      'COPY',
      ...workDir('copy'),
    );
    assert.equal(report.summary.failed, 0);
    assert.deepEqual(await snapshotOf(targetClient, 'COPY'), await snapshotOf(sourceClient, 'SRC'));
    const mapped = report.items.filter((item) => item.sourceId?.startsWith('att') && item.targetId);
    assert.equal(mapped.length, history.length, 'each attachment id is mapped to its copy');
  });

  it('copies a page tree onto one page of the same server', async () => {
    await aSpace(source, 'ONE');
    const pageId = String((await aPage(source, 'ONE', 'Everything here')).id);
    const report = await jsonOf<Report>(
      'migrate',
      ...side('from', source.reachableUrl),
      '--from-page',
      tree.rootId,
      '--from-tree',
      '--to-page',
      pageId,
      ...workDir('one-page'),
    );
    assert.equal(report.summary.failed, 0);
    const copied = await snapshotOf(sourceClient, 'ONE');
    assert.deepEqual(
      copied.map((item) => [item.page, item.title, item.versions.length]),
      [...history]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((item) => ['Everything here', item.name, item.versions.length]),
    );
  });

  it('resumes a migration cut off by the target going down, copying each version once', async () => {
    await aSpace(target, 'CUT');
    let uploads = 0;
    proxy.beforeForward(async (request) => {
      if (request.method === 'POST' && /\/child\/attachment/.test(request.url) && ++uploads === 3) {
        await target.stop();
      }
    });
    const run = (...extra: string[]) =>
      tributary(
        'migrate',
        ...side('from', source.reachableUrl),
        '--from-space',
        'SRC',
        ...side('to', proxy.url),
        '--to-space',
        'CUT',
        ...workDir('cut'),
        '--json',
        ...extra,
      );
    const first = await run('--retries', '0');
    proxy.beforeForward(undefined);
    assert.equal(first.code, 1, first.err);

    target = await startTestServer({}, target.dataDir);
    proxy.retarget(target.reachableUrl);
    await targetClient.close();
    targetClient = await openClient(target.reachableUrl);
    const second = await run();
    assert.equal(second.code, 0, second.err + second.out);
    const report = JSON.parse(second.out) as Report;
    assert.ok(report.summary.skipped > 0, 'the first run had copied some of it');
    assert.deepEqual(await snapshotOf(targetClient, 'CUT'), await snapshotOf(sourceClient, 'SRC'));
  });

  it('insists on exactly one source selector and one target place', async () => {
    const noTarget = await tributary('migrate', ...side('from', source.reachableUrl), '--from-space', 'SRC');
    assert.equal(noTarget.code, 2);
    assert.match(noTarget.err, /--to-page or --to-space/);
    const twoSources = await tributary(
      'migrate',
      ...side('from', source.reachableUrl),
      '--from-space',
      'SRC',
      '--from-page',
      tree.rootId,
      '--to-page',
      '1',
    );
    assert.equal(twoSources.code, 2);
  });
});
