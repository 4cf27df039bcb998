/**
 * `attachments delete`, `purge-trash` and `restore` against a real server: the plan shown first, the
 * confirmation rule, dry runs that change nothing, the two-step purge, and 429 bursts and a server that
 * dies mid-run through the fault proxy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { anUpload } from '../support/builders.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, connectionArgs, isolateEnvironment, jsonOf, tributary } from './toolkit-support.ts';

interface Report {
  dryRun: boolean;
  summary: { done: number; skipped: number; failed: number; bytes: number };
  items: Array<{ outcome: string; detail: string; id: string; title: string }>;
}

interface Listed {
  id: string;
  title: string;
  status: string;
}

describe('tributary attachments delete, purge-trash and restore', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let args: string[];

  /** Every attachment of a page with its status, by name. */
  async function statuses(pageId: string): Promise<Record<string, string>> {
    const listed = await site.request(
      'GET',
      `/wiki/api/v2/pages/${pageId}/attachments?limit=250&status=current&status=trashed`,
    );
    assert.equal(listed.status, 200, listed.text);
    const results = (listed.body as { results: Listed[] }).results;
    return Object.fromEntries(results.map((attachment) => [attachment.title, attachment.status]));
  }

  /** A page with `old-N.txt` uploaded before the answered instant and `new-N.txt` after it. */
  async function pageWithOldAndNew(
    spaceKey: string,
    count: number,
  ): Promise<{ pageId: string; cutoff: string }> {
    const pageId = await aPageToWorkOn(site, spaceKey);
    const files = (prefix: string) =>
      Array.from({ length: count }, (_, n) => ({ name: `${prefix}-${n}.txt`, content: `${prefix} ${n}` }));
    assert.equal((await anUpload(site, pageId, files('old'))).status, 200);
    await sleep(20);
    const cutoff = new Date().toISOString();
    await sleep(20);
    assert.equal((await anUpload(site, pageId, files('new'))).status, 200);
    return { pageId, cutoff };
  }

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    args = connectionArgs(site.reachableUrl);
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  it('shows what would go on --dry-run and changes nothing', async () => {
    const { pageId, cutoff } = await pageWithOldAndNew('DRY', 3);
    const beforeRun = await statuses(pageId);
    const result = await tributary(
      'attachments',
      'delete',
      '--page',
      pageId,
      '--before',
      cutoff,
      '--dry-run',
      ...args,
    );
    assert.equal(result.code, 0, result.err);
    assert.match(result.err, /Would move 3 attachments \(\d+ B\) to the trash:/);
    assert.match(result.err, /old-0\.txt/);
    assert.doesNotMatch(result.err, /new-0\.txt/);
    assert.match(result.out, /Would have trashed 3 /);
    assert.deepEqual(await statuses(pageId), beforeRun);

    const purging = await jsonOf<Report>(
      'attachments',
      'delete',
      '--page',
      pageId,
      '--older-than',
      '1m',
      '--name',
      '*',
      '--purge',
      '--dry-run',
      ...args,
    );
    assert.equal(purging.dryRun, true);
    assert.equal(purging.summary.done, 0, 'nothing is older than a minute');
    assert.deepEqual(await statuses(pageId), beforeRun);
  });

  describe('refusals before anything is sent: exit code 2 and nothing changes', () => {
    let page: { pageId: string; cutoff: string };
    before(async () => {
      page = await pageWithOldAndNew('ASK', 2);
    });

    const refusals: { refusal: string; argv: (on: typeof page) => string[]; says?: RegExp }[] = [
      {
        refusal: 'asks for --yes when stdin is not a terminal',
        argv: ({ pageId, cutoff }) => ['delete', '--page', pageId, '--before', cutoff],
        says: /stdin is not a terminal: add --yes/,
      },
      {
        refusal: 'refuses a delete without any criterion',
        argv: ({ pageId }) => ['delete', '--page', pageId, '--yes'],
        says: /Say which attachments to delete/,
      },
      {
        refusal: 'refuses --before and --older-than together',
        argv: ({ pageId, cutoff }) => [
          'delete',
          '--page',
          pageId,
          '--before',
          cutoff,
          '--older-than',
          '1d',
          '--yes',
        ],
      },
      {
        refusal: 'refuses a restore by ids and by --page at once',
        argv: () => ['restore', 'att1', '--page', '1'],
      },
      { refusal: 'refuses a restore that names nothing', argv: () => ['restore'] },
      {
        refusal: 'refuses a restore of something that is no attachment id',
        argv: () => ['restore', '../etc'],
        says: /is not an attachment id/,
      },
    ];
    for (const { refusal, argv, says } of refusals) {
      it(refusal, async () => {
        const beforeRun = await statuses(page.pageId);
        const result = await tributary('attachments', ...argv(page), ...args);
        assert.equal(result.code, 2, result.err);
        if (says) assert.match(result.err, says);
        assert.deepEqual(await statuses(page.pageId), beforeRun);
      });
    }
  });

  it('moves only the attachments older than --before to the trash, and restore brings them back', async () => {
    const { pageId, cutoff } = await pageWithOldAndNew('DEL', 4);
    const report = await jsonOf<Report>(
      'attachments',
      'delete',
      '--page',
      pageId,
      '--before',
      cutoff,
      '--yes',
      ...args,
    );
    assert.deepEqual([report.summary.done, report.summary.failed], [4, 0]);
    assert.deepEqual(await statuses(pageId), {
      'old-0.txt': 'trashed',
      'old-1.txt': 'trashed',
      'old-2.txt': 'trashed',
      'old-3.txt': 'trashed',
      'new-0.txt': 'current',
      'new-1.txt': 'current',
      'new-2.txt': 'current',
      'new-3.txt': 'current',
    });

    const [first, second] = report.items;
    assert.ok(first && second);
    const byIds = await jsonOf<Report>('attachments', 'restore', first.id, second.id, ...args);
    assert.deepEqual([byIds.summary.done, byIds.summary.failed], [2, 0]);
    const again = await jsonOf<Report>('attachments', 'restore', first.id, ...args);
    assert.deepEqual(
      again.items.map((item) => [item.outcome, item.detail]),
      [['skipped', 'not in the trash (current)']],
    );

    const planned = await jsonOf<Report>('attachments', 'restore', '--page', pageId, '--dry-run', ...args);
    assert.equal(planned.summary.done, 2);
    const bySelector = await jsonOf<Report>('attachments', 'restore', '--page', pageId, ...args);
    assert.equal(bySelector.summary.done, 2);
    assert.ok(Object.values(await statuses(pageId)).every((status) => status === 'current'));
  });

  it('purges in two steps with --purge, and purge-trash empties what is left in the trash', async () => {
    const { pageId, cutoff } = await pageWithOldAndNew('PRG', 2);
    const report = await jsonOf<Report>(
      'attachments',
      'delete',
      '--page',
      pageId,
      '--before',
      cutoff,
      '--purge',
      '--yes',
      ...args,
    );
    assert.deepEqual(
      report.items.map((item) => item.detail),
      ['trashed and purged', 'trashed and purged'],
    );
    assert.deepEqual(await statuses(pageId), { 'new-0.txt': 'current', 'new-1.txt': 'current' });
    for (const item of report.items) {
      assert.equal((await site.request('GET', `/wiki/api/v2/attachments/${item.id}`)).status, 404);
    }

    await jsonOf<Report>('attachments', 'delete', '--page', pageId, '--name', 'new-*', '--yes', ...args);
    const refused = await tributary('attachments', 'purge-trash', '--page', pageId, ...args);
    assert.equal(refused.code, 2);
    const dry = await tributary('attachments', 'purge-trash', '--page', pageId, '--dry-run', ...args);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.err, /Would purge 2 trashed attachments/);
    assert.deepEqual(await statuses(pageId), { 'new-0.txt': 'trashed', 'new-1.txt': 'trashed' });
    const purged = await jsonOf<Report>('attachments', 'purge-trash', '--page', pageId, '--yes', ...args);
    assert.equal(purged.summary.done, 2);
    assert.deepEqual(await statuses(pageId), {});
  });

  describe('through the fault proxy', () => {
    let proxy: FaultProxy;
    let proxied: string[];

    before(async () => {
      proxy = await startFaultProxy(site.reachableUrl);
      proxied = connectionArgs(proxy.url);
    });

    after(async () => {
      await proxy.close();
    });

    it('rides out a burst of 429s on the deletes, each attachment trashed once', async () => {
      const { pageId, cutoff } = await pageWithOldAndNew('D429', 10);
      const firstLog = proxy.log.length;
      proxy.rateLimit(4, '0', /^DELETE /);
      const report = await jsonOf<Report>(
        'attachments',
        'delete',
        '--page',
        pageId,
        '--before',
        cutoff,
        '--yes',
        ...proxied,
      );
      assert.deepEqual([report.summary.done, report.summary.failed], [10, 0]);
      assert.equal(proxy.log.slice(firstLog).filter((entry) => entry.fault === '429').length, 4);
      const trashed = Object.values(await statuses(pageId)).filter((status) => status === 'trashed');
      assert.equal(trashed.length, 10);
    });

    it('says which attachments reached the trash but were not purged when the purge step fails', async () => {
      const { pageId, cutoff } = await pageWithOldAndNew('DPF', 3);
      proxy.failWith(503, 100, /^DELETE .*purge=true/);
      const result = await tributary(
        'attachments',
        'delete',
        '--page',
        pageId,
        '--before',
        cutoff,
        '--purge',
        '--yes',
        '--retries',
        '0',
        '--json',
        ...proxied,
      );
      proxy.clearFaults();
      assert.equal(result.code, 1);
      const report = JSON.parse(result.out) as Report;
      assert.equal(report.summary.failed, 3);
      assert.ok(
        report.items.every((item) => /^trashed, not purged: .*503/.test(item.detail)),
        JSON.stringify(report.items),
      );
      assert.deepEqual(
        Object.entries(await statuses(pageId))
          .filter(([, status]) => status === 'trashed')
          .map(([name]) => name)
          .sort(),
        ['old-0.txt', 'old-1.txt', 'old-2.txt'],
      );
      const purged = await jsonOf<Report>(
        'attachments',
        'purge-trash',
        '--page',
        pageId,
        '--yes',
        ...proxied,
      );
      assert.equal(purged.summary.done, 3, 'purge-trash finishes the job');
    });

    it('reports the deletes the server could not take when it dies mid-run, and a re-run finishes them', async () => {
      const { pageId, cutoff } = await pageWithOldAndNew('DDIE', 12);
      let deletes = 0;
      proxy.beforeForward(async (request) => {
        if (request.method === 'DELETE' && ++deletes === 6) await site.stop();
      });
      const first = await tributary(
        'attachments',
        'delete',
        '--page',
        pageId,
        '--before',
        cutoff,
        '--yes',
        '--retries',
        '0',
        '--concurrency',
        '2',
        ...proxied,
      );
      proxy.beforeForward(undefined);
      assert.equal(first.code, 1, first.err);
      assert.match(first.err, /failed: \d+\/old-\d+\.txt: /);

      site = await startTestServer({}, site.dataDir);
      proxy.retarget(site.reachableUrl);
      const trashedFirst = Object.values(await statuses(pageId)).filter(
        (status) => status === 'trashed',
      ).length;
      assert.ok(
        trashedFirst >= 4 && trashedFirst < 12,
        `${trashedFirst} were trashed before the server died`,
      );
      const second = await jsonOf<Report>(
        'attachments',
        'delete',
        '--page',
        pageId,
        '--before',
        cutoff,
        '--yes',
        ...proxied,
      );
      assert.deepEqual([second.summary.done, second.summary.failed], [12 - trashedFirst, 0]);
      const after = await statuses(pageId);
      assert.equal(Object.values(after).filter((status) => status === 'trashed').length, 12);
      assert.equal(Object.values(after).filter((status) => status === 'current').length, 12);
    });
  });
});
