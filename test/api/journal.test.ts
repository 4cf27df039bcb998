import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface Warning {
  code: string;
  message: string;
}
interface Entry {
  id: number;
  method: string;
  path: string;
  status: number;
  user: string | null;
  warnings: Warning[];
}
interface JournalPage {
  results: Entry[];
  size: number;
  _links: { next?: string };
}

const journalPath = '/rest/tributary/1.0/requests';
const testMode = { TRIBUTARY_TEST_MODE: 'true', TRIBUTARY_TEST_MODE_FORCE: 'true' };

async function journalOf(site: TestServer, query = ''): Promise<Entry[]> {
  const answer = await site.request('GET', `${journalPath}${query}`);
  assert.equal(answer.status, 200, answer.text);
  return (answer.body as JournalPage).results;
}

async function clearJournal(site: TestServer): Promise<void> {
  assert.equal((await site.request('DELETE', journalPath)).status, 204);
}

/** The codes of the warnings on the one journaled request to `method path`. */
async function codesOf(site: TestServer, method: string, path: string): Promise<string[]> {
  const matching = (await journalOf(site)).filter((entry) => entry.method === method && entry.path === path);
  assert.equal(matching.length, 1, `${method} ${path} journaled once`);
  return (matching[0]?.warnings ?? []).map((warning) => warning.code);
}

describe('the request journal (test mode)', () => {
  let site: TestServer;
  let pageId: string;
  before(async () => {
    site = await startTestServer(testMode);
    await aSpace(site, 'JR');
    pageId = String((await aPage(site, 'JR', 'Journaled')).id);
    const upload = await anUpload(site, pageId, [{ name: 'a.txt', content: 'bytes' }]);
    assert.equal(upload.status, 200, upload.text);
    await aUser(site, 'bob');
  });
  after(async () => {
    await site?.dispose();
  });

  it('lists requests oldest first with method, path, status and user, leaving out /status and itself', async () => {
    await clearJournal(site);
    await site.request('GET', '/status', { auth: null });
    await site.request('GET', '/rest/api/space/JR');
    await site.request('GET', '/rest/api/space/NOPE', { auth: ['bob', 'bob-pw'] });
    await site.request('GET', `${journalPath}/summary`);
    const entries = await journalOf(site);
    assert.deepEqual(
      entries.map(({ method, path, status, user, warnings }) => ({ method, path, status, user, warnings })),
      [
        { method: 'GET', path: '/rest/api/space/JR', status: 200, user: 'admin', warnings: [] },
        { method: 'GET', path: '/rest/api/space/NOPE', status: 404, user: 'bob', warnings: [] },
      ],
    );
    assert.ok((entries[0]?.id ?? 0) < (entries[1]?.id ?? 0));
  });

  it('pages by start and limit, with _links.next', async () => {
    await clearJournal(site);
    for (const key of ['A', 'B', 'C']) await site.request('GET', `/rest/api/space/${key}`);
    const first = await site.request('GET', `${journalPath}?limit=2`);
    const page = first.body as JournalPage;
    assert.deepEqual(
      page.results.map((entry) => entry.path),
      ['/rest/api/space/A', '/rest/api/space/B'],
    );
    assert.ok(page._links.next);
    const second = (await site.request('GET', page._links.next)).body as JournalPage;
    assert.deepEqual(
      second.results.map((entry) => entry.path),
      ['/rest/api/space/C'],
    );
    assert.equal(second._links.next, undefined);
    assert.equal((await site.request('GET', `${journalPath}?limit=x`)).status, 400);
    assert.equal((await site.request('GET', `${journalPath}?warnings=all`)).status, 400);
  });

  it('warns of a removed Cloud v1 operation and names its v2 replacement; on /rest/api it is current', async () => {
    await clearJournal(site);
    assert.equal((await site.request('GET', `/wiki/rest/api/content/${pageId}`)).status, 200);
    assert.equal((await site.request('GET', `/rest/api/content/${pageId}`)).status, 200);
    const [cloud, dc] = await journalOf(site);
    assert.deepEqual(
      cloud?.warnings.map((warning) => warning.code),
      ['cloud_v1_removed'],
    );
    assert.match(cloud?.warnings[0]?.message ?? '', /GET \/wiki\/api\/v2\/pages\/\{id\}/);
    assert.deepEqual(dc?.warnings, []);
  });

  it('warns of a deprecated Cloud v1 operation', async () => {
    await clearJournal(site);
    await site.request('GET', `/wiki/rest/api/content/${pageId}/descendant`);
    assert.deepEqual(await codesOf(site, 'GET', `/wiki/rest/api/content/${pageId}/descendant`), [
      'cloud_v1_deprecated',
    ]);
  });

  it('warns of a Data Center path used on /wiki, served or not', async () => {
    await clearJournal(site);
    await site.request('GET', '/wiki/rest/api/space/JR/labels');
    await site.request('GET', '/wiki/rest/api/webhooks');
    await site.request('GET', `/wiki/rest/experimental/content/${pageId}/version`);
    await site.request('GET', '/rest/api/webhooks');
    const entries = await journalOf(site);
    assert.deepEqual(
      entries.map((entry) => [entry.path, entry.warnings.map((warning) => warning.code)]),
      [
        ['/wiki/rest/api/space/JR/labels', ['dc_only_path_on_wiki']],
        ['/wiki/rest/api/webhooks', ['dc_only_path_on_wiki']],
        [`/wiki/rest/experimental/content/${pageId}/version`, ['dc_only_path_on_wiki']],
        ['/rest/api/webhooks', []],
      ],
    );
  });

  it('warns of a PUT upload on a Data Center path, which Data Center answers with 405', async () => {
    await clearJournal(site);
    const put = await anUpload(site, pageId, [{ name: 'a.txt', content: 'new bytes' }], { method: 'PUT' });
    assert.equal(put.status, 200, put.text);
    const onWiki = await anUpload(site, pageId, [{ name: 'a.txt', content: 'newer' }], {
      method: 'PUT',
      prefix: '/wiki/rest/api',
    });
    assert.equal(onWiki.status, 200, onWiki.text);
    const [dc, cloud] = await journalOf(site);
    assert.deepEqual(
      dc?.warnings.map((warning) => warning.code),
      ['put_upload'],
    );
    assert.match(dc?.warnings[0]?.message ?? '', /POST …\/child\/attachment\/\{attachmentId\}\/data/);
    // Cloud's v1 document lists PUT there.
    assert.deepEqual(cloud?.warnings, []);
  });

  it('warns of X-Atlassian-Token: nocheck, not of no-check', async () => {
    await clearJournal(site);
    await site.request('POST', '/rest/api/space/JR/watch', { headers: { 'x-atlassian-token': 'nocheck' } });
    await site.request('GET', '/rest/api/space/JR', { headers: noCheck });
    const [old, current] = await journalOf(site);
    assert.deepEqual(
      old?.warnings.map((warning) => warning.code),
      ['nocheck_header'],
    );
    assert.deepEqual(current?.warnings, []);
  });

  it('warns of a servlet download under /wiki with credentials in Authorization', async () => {
    await clearJournal(site);
    const link = `/download/attachments/${pageId}/a.txt`;
    assert.equal((await site.request('GET', `/wiki${link}`)).status, 200);
    assert.equal((await site.request('GET', link)).status, 200);
    const [cloud, dc] = await journalOf(site);
    assert.deepEqual(
      cloud?.warnings.map((warning) => warning.code),
      ['servlet_download_with_token'],
    );
    assert.deepEqual(dc?.warnings, []);
  });

  it('warns of a list page whose _links.next the same client never asked for, until it does', async () => {
    await aSpace(site, 'JR2');
    await clearJournal(site);
    const first = await site.request('GET', '/wiki/api/v2/spaces?limit=1');
    const next = (first.body as { _links: { next?: string } })._links.next;
    assert.ok(next, first.text);
    const v1 = await site.request('GET', '/rest/api/space?limit=1');
    assert.ok((v1.body as { _links: { next?: string } })._links.next, v1.text);
    // Another client following the link does not count for the first.
    await site.request('GET', next, { auth: ['bob', 'bob-pw'] });

    let entries = await journalOf(site, '?warnings=only');
    assert.deepEqual(
      entries.map((entry) => [entry.path, entry.warnings.map((warning) => warning.code)]),
      [
        ['/wiki/api/v2/spaces', ['next_link_not_followed']],
        ['/rest/api/space', ['next_link_not_followed']],
      ],
    );
    let summary = (await site.request('GET', `${journalPath}/summary`)).body as {
      warnings: Record<string, number>;
    };
    assert.equal(summary.warnings.next_link_not_followed, 2);

    await site.request('GET', next);
    // A client that pages by `start` itself, not by the link's exact text, follows it too.
    await site.request('GET', '/rest/api/space?start=1');
    entries = await journalOf(site, '?warnings=only');
    assert.deepEqual(
      entries.map((entry) => entry.path),
      [],
    );
    summary = (await site.request('GET', `${journalPath}/summary`)).body as {
      warnings: Record<string, number>;
    };
    assert.equal(summary.warnings.next_link_not_followed, undefined);
  });

  it('counts each warning in the summary, and DELETE clears journal and counts', async () => {
    await clearJournal(site);
    await site.request('GET', `/wiki/rest/api/content/${pageId}`);
    await site.request('GET', `/wiki/rest/api/content/${pageId}`, {
      headers: { 'x-atlassian-token': 'nocheck' },
    });
    await site.request('GET', '/rest/api/space/JR');
    const summary = await site.request('GET', `${journalPath}/summary`);
    assert.deepEqual(summary.body, {
      requests: 3,
      kept: 3,
      warnings: { cloud_v1_removed: 2, nocheck_header: 1 },
    });
    await clearJournal(site);
    assert.deepEqual((await site.request('GET', `${journalPath}/summary`)).body, {
      requests: 0,
      kept: 0,
      warnings: {},
    });
    assert.deepEqual(await journalOf(site), []);
  });

  it('answers 403 to anyone but an administrator, and 401 without credentials', async () => {
    const bob = { auth: ['bob', 'bob-pw'] as [string, string] };
    assert.equal((await site.request('GET', journalPath, bob)).status, 403);
    assert.equal((await site.request('GET', `${journalPath}/summary`, bob)).status, 403);
    assert.equal((await site.request('DELETE', journalPath, bob)).status, 403);
    assert.equal((await site.request('GET', journalPath, { auth: null })).status, 401);
  });
});

describe('the request journal and Retry-After', () => {
  let site: TestServer;
  before(async () => {
    // Bob may send one request a minute; the administrator reads the journal unhindered.
    site = await startTestServer({
      ...testMode,
      TRIBUTARY_RATE_LIMIT: 'true',
      TRIBUTARY_RATE_LIMIT_OVERRIDES: 'bob=1/60:1',
    });
    await aUser(site, 'bob');
    await clearJournal(site);
  });
  after(async () => {
    await site?.dispose();
  });

  it('warns when the same client comes back sooner than a 429 told it', async () => {
    const bob = { auth: ['bob', 'bob-pw'] as [string, string] };
    assert.equal((await site.request('GET', '/rest/api/space', bob)).status, 200);
    const refused = await site.request('GET', '/rest/api/space', bob);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 1);
    assert.equal((await site.request('GET', '/rest/api/space', bob)).status, 429);
    // Another client is not held by bob's answer.
    assert.equal((await site.request('GET', '/rest/api/space')).status, 200);
    const entries = (await journalOf(site)).map((entry) => [
      entry.user,
      entry.status,
      entry.warnings.map((warning) => warning.code),
    ]);
    assert.deepEqual(entries, [
      ['bob', 200, []],
      ['bob', 429, []],
      ['bob', 429, ['retry_after_ignored']],
      ['admin', 200, []],
    ]);
  });
});

describe('the request journal in the profiles', () => {
  it('in `cloud`, journals the 410 of a removed operation and the 401 of a servlet token with why', async () => {
    const site = await startTestServer({ ...testMode, TRIBUTARY_PROFILE: 'cloud' });
    try {
      const created = await site.request('POST', '/wiki/rest/api/space', {
        json: { key: 'CL', name: 'Cloud' },
      });
      assert.equal(created.status, 200, created.text);
      const spaces = (await site.request('GET', '/wiki/api/v2/spaces')).body as {
        results: { homepageId: string }[];
      };
      const homepageId = spaces.results[0]?.homepageId;
      assert.ok(homepageId);
      assert.equal((await site.request('GET', `/wiki/rest/api/content/${homepageId}`)).status, 410);
      assert.equal(
        (await site.request('GET', `/wiki/download/attachments/${homepageId}/none.txt`)).status,
        401,
      );
      const entries = await journalOf(site);
      assert.deepEqual(
        entries.slice(-2).map((entry) => [entry.status, entry.warnings.map((warning) => warning.code)]),
        [
          [410, ['cloud_v1_removed']],
          [401, ['servlet_download_with_token']],
        ],
      );
    } finally {
      await site.dispose();
    }
  });

  it('in `datacenter`, journals the 405 of a PUT upload with why', async () => {
    const site = await startTestServer({ ...testMode, TRIBUTARY_PROFILE: 'datacenter' });
    try {
      await aSpace(site, 'DC');
      const pageId = String((await aPage(site, 'DC', 'Uploads here')).id);
      const put = await anUpload(site, pageId, [{ name: 'a.txt', content: 'bytes' }], { method: 'PUT' });
      assert.equal(put.status, 405);
      const entries = await journalOf(site);
      assert.deepEqual(
        entries.at(-1)?.warnings.map((warning) => warning.code),
        ['put_upload'],
      );
    } finally {
      await site.dispose();
    }
  });
});
