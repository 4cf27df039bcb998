import assert from 'node:assert/strict';
import { anUpload, aPage, noCheck } from '../support/builders.ts';
import type { TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

export const alice: [string, string] = ['alice', 'alice-pw'];
export const bob: [string, string] = ['bob', 'bob-pw'];

/** What the CQL suites refer to: each item's id by its (unique) title, and the users' keys. */
export interface SearchSite {
  idOf(title: string): string;
  users: Record<'alice' | 'bob', { userKey: string; accountId: string }>;
}

// The smallest PNG signature, so media-type sniffing agrees with the declared type.
const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/**
 * A small site over the API: two global spaces and one private one, a page tree, blog posts,
 * attachments, comments, labels, a watch, a mention and trashed content. Titles are unique, so the
 * suites name expected results by title.
 */
export async function seedSearchSite(site: TestServer): Promise<SearchSite> {
  const ids = new Map<string, string>();
  const ok = (response: { status: number; text: string }, status = 200) =>
    assert.equal(response.status, status, response.text);
  const users = { alice: { userKey: '', accountId: '' }, bob: { userKey: '', accountId: '' } };
  for (const name of ['alice', 'bob'] as const) {
    const created = await site.request('POST', '/rest/api/admin/user', {
      json: {
        userName: name,
        fullName: `${name} Example`,
        email: `${name}@example.com`,
        password: `${name}-pw`,
      },
    });
    ok(created, 201);
    users[name].userKey = (created.body as Json).userKey as string;
    const cloud = await site.request('GET', `/wiki/rest/api/user?username=${name}`);
    ok(cloud);
    users[name].accountId = (cloud.body as Json).accountId as string;
  }
  const space = async (key: string, name: string, auth?: [string, string], kind = '') => {
    ok(await site.request('POST', `/rest/api/space${kind}`, { json: { key, name }, ...(auth && { auth }) }));
  };
  await space('DEV', 'Development');
  await space('OPS', 'Operations Runbooks', alice);
  await space('BOBS', 'Bob private', bob, '/_private');

  const page = async (
    spaceKey: string,
    title: string,
    body: string,
    options: { parent?: string; type?: 'page' | 'blogpost'; auth?: [string, string] } = {},
  ) => {
    const parentId = options.parent === undefined ? undefined : ids.get(options.parent);
    const created = await aPage(site, spaceKey, title, {
      body,
      ...(parentId !== undefined && { parentId }),
      ...(options.type && { type: options.type }),
      ...(options.auth && { auth: options.auth }),
    });
    ids.set(title, String(created.id));
  };
  const upload = async (container: string, name: string, content: string | Uint8Array, type: string) => {
    const response = await anUpload(site, ids.get(container) ?? '', [{ name, content, type }]);
    ok(response);
    const [attachment] = (response.body as { results: Json[] }).results;
    ids.set(name, String(attachment?.id));
  };
  const label = async (title: string, ...names: string[]) =>
    ok(
      await site.request('POST', `/rest/api/content/${ids.get(title)}/label`, {
        json: names.map((name) => ({ prefix: 'global', name })),
      }),
    );

  await page(
    'DEV',
    'Architecture Overview',
    '<p>The system design uses queues and workers.</p><ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">DEV-1</ac:parameter></ac:structured-macro>',
  );
  await page('DEV', 'Database Design', '<p>Tables and indexes for the advanced search feature.</p>', {
    parent: 'Architecture Overview',
    auth: alice,
  });
  await page('DEV', 'Index Tuning', '<p>Advanced searching with café-grade precision.</p>', {
    parent: 'Database Design',
  });
  await page('DEV', 'API Guide', '<p>REST endpoints</p><ac:structured-macro ac:name="code"/>', {
    parent: 'Architecture Overview',
  });
  await page('DEV', 'Release Notes 2024', '<p>Wins and losses of the year.</p>');
  await page('DEV', 'Weekly Update', '<p>Team news: the report is ready.</p>', { type: 'blogpost' });
  await page('DEV', 'Launch Announcement', '<p>We launched the queues.</p>', {
    type: 'blogpost',
    auth: alice,
  });
  await page('DEV', 'Old Draft Plan', '<p>Abandoned queues idea.</p>');

  await upload('Architecture Overview', 'report-q1.pdf', '%PDF-1.4 quarterly figures', 'application/pdf');
  await upload('Architecture Overview', 'diagram.png', pngBytes, 'image/png');
  await upload('Architecture Overview', 'notes.txt', 'plain notes, rather long text here', 'text/plain');
  await upload('Database Design', 'schema.txt', 'create table', 'text/plain');
  await upload('Old Draft Plan', 'old-sketch.txt', 'sketch', 'text/plain');

  const comment = await site.request('POST', '/rest/api/content', {
    auth: bob,
    json: {
      type: 'comment',
      container: { id: ids.get('Architecture Overview'), type: 'page' },
      body: { storage: { value: '<p>Great overview of the workers</p>', representation: 'storage' } },
    },
  });
  ok(comment);
  ids.set('Re: Architecture Overview', String((comment.body as Json).id));

  await page(
    'OPS',
    'Runbook Restart',
    `<p>Restart the workers with care, ask <ac:link><ri:user ri:userkey="${users.bob.userKey}"/></ac:link>.</p>`,
    { auth: alice },
  );
  await page('OPS', 'Incident Report', '<p>Outage of the queues on Monday.</p>', { auth: bob });
  await upload('Incident Report', 'timeline.txt', 'at 10:00 things broke', 'text/plain');
  await page('BOBS', 'Secret Plan', '<p>Secret queues and workers.</p>', { auth: bob });

  // alice edits a page admin created: a contributor, not its creator.
  ok(
    await site.request('PUT', `/rest/api/content/${ids.get('API Guide')}`, {
      auth: alice,
      json: {
        type: 'page',
        title: 'API Guide',
        version: { number: 2 },
        body: {
          storage: {
            value: '<p>REST endpoints, revised</p><ac:structured-macro ac:name="code"/>',
            representation: 'storage',
          },
        },
      },
    }),
  );
  await label('Architecture Overview', 'architecture', 'design');
  await label('report-q1.pdf', 'contract');
  await label('Incident Report', 'incident', 'contract');
  await label('Weekly Update', 'news');
  await label('Secret Plan', 'contract');
  // A personal label: Alice's own, which a search by anyone else does not see.
  ok(
    await site.request('POST', `/rest/api/content/${ids.get('Weekly Update')}/label`, {
      auth: alice,
      json: [{ prefix: 'my', name: 'todo' }],
    }),
  );

  ok(
    await site.request('POST', `/rest/api/user/watch/content/${ids.get('Database Design')}`, {
      auth: alice,
      headers: noCheck,
    }),
    204,
  );
  // Trashing the page puts its attachment in the trash with it.
  ok(await site.request('DELETE', `/rest/api/content/${ids.get('Old Draft Plan')}`), 204);

  return {
    idOf(title) {
      const id = ids.get(title);
      assert.ok(id, `no seeded content titled ${title}`);
      return id;
    },
    users,
  };
}
