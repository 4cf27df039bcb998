/**
 * `attachments check-references` against a real server: page bodies with broken image and link
 * references (on the page itself, on another page by title or by id, on a page that does not exist), and
 * attachments nothing references.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectionArgs, isolateEnvironment, jsonOf, tributary } from './toolkit-support.ts';

interface Findings {
  summary: { pages: number; references: number; broken: number; unreferenced: number; failed: number };
  broken: Array<{
    pageId: string;
    filename: string;
    usage: string;
    reason: string;
    targetPageId: string | null;
  }>;
  unreferenced: Array<{ title: string; containerId: string }>;
  failures: Array<{ subject: string; detail: string }>;
}

describe('tributary attachments check-references', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let args: string[];
  let homeId: string;
  let docsId: string;

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    args = connectionArgs(site.reachableUrl);
    await aSpace(site, 'REF');
    docsId = String((await aPage(site, 'REF', 'Docs & Specs')).id);
    const body = [
      '<p><ac:image><ri:attachment ri:filename="logo 100%.png" /></ac:image></p>',
      '<p><ac:image><ri:attachment ri:filename="missing.png" /></ac:image></p>',
      '<p><ac:link><ri:attachment ri:filename="spec.pdf"><ri:page ri:content-title="Docs &amp; Specs" /></ri:attachment></ac:link></p>',
      '<p><ac:link><ri:attachment ri:filename="gone.pdf"><ri:page ri:content-title="Docs &amp; Specs" ri:space-key="REF" /></ri:attachment></ac:link></p>',
      '<p><ac:link><ri:attachment ri:filename="x.txt"><ri:page ri:content-title="Nowhere" /></ri:attachment></ac:link></p>',
      `<ac:structured-macro ac:name="view-file"><ac:parameter ac:name="name"><ri:attachment ri:filename="shared.txt"><ri:content-entity ri:content-id="${docsId}" /></ri:attachment></ac:parameter></ac:structured-macro>`,
    ].join('');
    homeId = String((await aPage(site, 'REF', 'Home', { body })).id);
    await anUpload(site, homeId, [
      { name: 'logo 100%.png', content: 'png', type: 'image/png' },
      { name: 'unused.png', content: 'unused', type: 'image/png' },
    ]);
    await anUpload(site, docsId, [
      { name: 'spec.pdf', content: 'pdf', type: 'application/pdf' },
      { name: 'shared.txt', content: 'shared', type: 'text/plain' },
      { name: 'orphan.zip', content: 'zip', type: 'application/zip' },
    ]);
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  it('finds broken image and link references and the attachments nothing references', async () => {
    const findings = await jsonOf<Findings>('attachments', 'check-references', '--space', 'REF', ...args);
    assert.deepEqual(
      findings.broken.map((entry) => [entry.pageId, entry.filename, entry.usage, entry.reason]),
      [
        [homeId, 'missing.png', 'image', 'no such attachment on this page'],
        [homeId, 'gone.pdf', 'link', `no such attachment on page ${docsId}`],
        [homeId, 'x.txt', 'link', 'the page it names does not exist'],
      ],
    );
    assert.deepEqual(
      findings.unreferenced.map((entry) => [entry.containerId, entry.title]),
      [
        [docsId, 'orphan.zip'],
        [homeId, 'unused.png'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    assert.deepEqual(findings.summary, {
      ...findings.summary,
      pages: 3,
      references: 6,
      broken: 3,
      unreferenced: 2,
      failed: 0,
    });
  });

  it('prints tables and a summary, narrows unreferenced files with the filters, and exits 1 with --strict', async () => {
    const text = await tributary(
      'attachments',
      'check-references',
      '--space',
      'REF',
      '--media-type',
      'image/*',
      ...args,
    );
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /References to missing attachments/);
    assert.match(text.out, /unused\.png/);
    assert.doesNotMatch(text.out, /orphan\.zip/);
    assert.match(
      text.out,
      /Checked 3 pages and 6 attachment references: 3 broken, 1 attachments unreferenced/,
    );
    const strict = await tributary('attachments', 'check-references', '--page', homeId, '--strict', ...args);
    assert.equal(strict.code, 1);
  });

  it('exits 1 and names the page whose body it could not read', async () => {
    const proxy: FaultProxy = await startFaultProxy(site.reachableUrl);
    try {
      proxy.failWith(503, 100, new RegExp(`^GET .*/content/${homeId}\\?.*body\\.storage`));
      const result = await tributary(
        'attachments',
        'check-references',
        '--space',
        'REF',
        '--retries',
        '0',
        '--json',
        ...connectionArgs(proxy.url),
      );
      assert.equal(result.code, 1);
      const findings = JSON.parse(result.out) as Findings;
      assert.deepEqual(
        findings.failures.map((failure) => failure.subject),
        [`page ${homeId}`],
      );
      assert.equal(findings.summary.pages, 2);
    } finally {
      await proxy.close();
    }
  });
});
