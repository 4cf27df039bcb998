import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type LabelList = { results: { prefix: string; name: string }[]; size: number };

describe('labels on spaces: Data Center categories and Cloud space labels', () => {
  let site: TestServer;
  const dora: [string, string] = ['dora', 'dora-pw'];

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'CAT');
    await aSpace(site, 'DOG');
    await aUser(site, 'dora');
  });
  after(() => site.dispose());

  const spaceLabels = async (key: string, query = '') => {
    const response = await site.request('GET', `/wiki/rest/api/space/${key}/label${query}`);
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/space/{spaceKey}/label', 200, response.body);
    return (response.body as LabelList).results.map((label) => `${label.prefix}:${label.name}`);
  };

  it('adds a category as a team label, idempotently, and removes it', async () => {
    const added = await site.request('POST', '/rest/api/space/CAT/category/Reference', { headers: noCheck });
    assert.equal(added.status, 204, added.text);
    assert.equal(
      (await site.request('POST', '/rest/api/space/CAT/category/reference', { headers: noCheck })).status,
      204,
    );
    assert.deepEqual(await spaceLabels('CAT'), ['team:reference']);

    assert.equal(
      (await site.request('DELETE', '/rest/api/space/CAT/category/reference', { headers: noCheck })).status,
      204,
    );
    assert.deepEqual(await spaceLabels('CAT'), []);
    // Removing a category the space does not have is no error on Data Center.
    assert.equal(
      (await site.request('DELETE', '/rest/api/space/CAT/category/reference', { headers: noCheck })).status,
      204,
    );
  });

  it('refuses categories from non-administrators of the space, in a missing space, or with bad names', async () => {
    assertRestError(
      await site.request('POST', '/rest/api/space/CAT/category/mine', { auth: dora, headers: noCheck }),
      403,
    );
    assertRestError(
      await site.request('POST', '/rest/api/space/NOPE/category/mine', { headers: noCheck }),
      404,
    );
    assertRestError(
      await site.request('POST', '/rest/api/space/CAT/category/bad%20name', { headers: noCheck }),
      400,
    );
    assertRestError(
      await site.request('DELETE', '/rest/api/space/CAT/category/mine', { auth: dora, headers: noCheck }),
      403,
    );
    assert.deepEqual(await spaceLabels('CAT'), []);
  });

  it('adds, lists by prefix and removes Cloud space labels', async () => {
    const added = await site.request('POST', '/wiki/rest/api/space/DOG/label', {
      json: [
        { prefix: 'global', name: 'Animals' },
        { prefix: 'team', name: 'pets' },
      ],
    });
    assert.equal(added.status, 200, added.text);
    assertMatchesSpec('cloud-v1-2026', 'POST', '/wiki/rest/api/space/{spaceKey}/label', 200, added.body);
    assert.equal((added.body as LabelList).size, 2);
    assert.deepEqual(await spaceLabels('DOG'), ['global:animals', 'team:pets']);
    assert.deepEqual(await spaceLabels('DOG', '?prefix=team'), ['team:pets']);
    assertRestError(await site.request('GET', '/wiki/rest/api/space/DOG/label?prefix=other'), 400);

    const removed = await site.request('DELETE', '/wiki/rest/api/space/DOG/label?name=pets&prefix=team');
    assert.equal(removed.status, 204, removed.text);
    assert.deepEqual(await spaceLabels('DOG'), ['global:animals']);
    assertRestError(
      await site.request('DELETE', '/wiki/rest/api/space/DOG/label?name=pets&prefix=team'),
      404,
    );
    assertRestError(await site.request('DELETE', '/wiki/rest/api/space/DOG/label'), 400);
  });

  it('stores none of a batch with one bad label, and refuses a user who does not administer the space', async () => {
    const bad = await site.request('POST', '/wiki/rest/api/space/DOG/label', {
      json: [
        { prefix: 'global', name: 'fine' },
        { prefix: 'global', name: 'not fine' },
      ],
    });
    assertRestError(bad, 400);
    const refused = await site.request('POST', '/wiki/rest/api/space/DOG/label', {
      auth: dora,
      json: [{ prefix: 'global', name: 'mine' }],
    });
    assertRestError(refused, 403);
    assert.deepEqual(await spaceLabels('DOG'), ['global:animals']);
  });

  it("shows a space's labels under metadata.labels when asked", async () => {
    const response = await site.request('GET', '/wiki/rest/api/space/DOG?expand=metadata.labels');
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/space/{spaceKey}', 200, response.body);
    const metadata = (response.body as { metadata: { labels: LabelList } }).metadata;
    assert.deepEqual(
      metadata.labels.results.map((label) => label.name),
      ['animals'],
    );
    const plain = await site.request('GET', '/rest/api/space/DOG');
    assert.equal((plain.body as Json).metadata, undefined);
    assert.equal((plain.body as { _expandable: Json })._expandable.metadata, '');
  });

  it('lists spaces by their labels and shows no label filter match as empty', async () => {
    await site.request('POST', '/rest/api/space/CAT/category/felines', { headers: noCheck });
    const keysOf = async (query: string) => {
      const response = await site.request('GET', `/rest/api/space${query}`);
      assert.equal(response.status, 200, response.text);
      return (response.body as { results: Json[] }).results.map((space) => space.key);
    };
    assert.deepEqual(await keysOf('?label=team:felines'), ['CAT']);
    assert.deepEqual(await keysOf('?label=animals'), ['DOG']);
    assert.deepEqual(await keysOf('?label=animals&label=team:felines'), ['CAT', 'DOG']);
    assert.deepEqual(await keysOf('?label=nothing'), []);
  });
});

describe('label lists computed from the labels on content', () => {
  let site: TestServer;
  const erin: [string, string] = ['erin', 'erin-pw'];

  const label = async (id: unknown, ...names: string[]) => {
    const response = await site.request('POST', `/rest/api/content/${String(id)}/label`, {
      json: names.map((name) => ({ prefix: 'global', name })),
    });
    assert.equal(response.status, 200, response.text);
  };
  const names = async (path: string, auth?: [string, string]) => {
    const response = await site.request('GET', path, auth ? { auth } : {});
    assert.equal(response.status, 200, response.text);
    return (response.body as LabelList).results.map((item) => item.name);
  };

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'erin');
    await aSpace(site, 'OPEN');
    const secret = await site.request('POST', '/rest/api/space/_private', {
      json: { key: 'HUSH', name: 'Hush' },
    });
    assert.equal(secret.status, 200, secret.text);
    const one = await aPage(site, 'OPEN', 'One');
    const two = await aPage(site, 'OPEN', 'Two');
    const three = await aPage(site, 'OPEN', 'Three');
    const hidden = await aPage(site, 'HUSH', 'Hidden');
    await label(one.id, 'alpha', 'beta');
    await label(two.id, 'alpha', 'gamma');
    await label(three.id, 'alpha', 'beta');
    await label(hidden.id, 'secret', 'alpha');
  });
  after(() => site.dispose());

  it('orders popular labels by how much visible content carries them', async () => {
    const response = await site.request('GET', '/rest/api/label/popular');
    assertMatchesSpec('dc', 'GET', '/rest/api/label/popular', 200, response.body);
    assert.deepEqual(await names('/rest/api/label/popular'), ['alpha', 'beta', 'gamma', 'secret']);
    // A private space's labels are not counted for someone who cannot see it.
    assert.deepEqual(await names('/rest/api/label/popular', erin), ['alpha', 'beta', 'gamma']);
    assert.deepEqual(await names('/rest/api/label/popular?limit=1&start=1', erin), ['beta']);
  });

  it('orders recent labels by when they were last put on content', async () => {
    const four = await aPage(site, 'OPEN', 'Four');
    await label(four.id, 'gamma');
    const recent = await names('/rest/api/label/recent', erin);
    assert.equal(recent[0], 'gamma');
    assert.deepEqual([...recent].sort(), ['alpha', 'beta', 'gamma']);
  });

  it('finds labels related by the content they share, most shared first', async () => {
    const response = await site.request('GET', '/rest/api/label/alpha/related');
    assertMatchesSpec('dc', 'GET', '/rest/api/label/{labelName}/related', 200, response.body);
    assert.deepEqual(await names('/rest/api/label/alpha/related', erin), ['beta', 'gamma']);
    assert.deepEqual(await names('/rest/api/label/alpha/related'), ['beta', 'gamma', 'secret']);
    assertRestError(await site.request('GET', '/rest/api/label/nosuch/related'), 404);
  });

  it('lists labels by name, namespace, owner and space', async () => {
    const all = await site.request('GET', '/rest/api/label/labels?spaceKey=OPEN');
    assertMatchesSpec('dc', 'GET', '/rest/api/label/labels', 200, all.body);
    assert.deepEqual(await names('/rest/api/label/labels?spaceKey=OPEN'), ['alpha', 'beta', 'gamma']);
    assert.deepEqual(await names('/rest/api/label/labels?labelName=beta'), ['beta']);
    assert.deepEqual(await names('/rest/api/label/labels?owner=admin&namespace=global', erin), [
      'alpha',
      'beta',
      'gamma',
    ]);
    assert.deepEqual(await names('/rest/api/label/labels?owner=erin'), []);
    assertRestError(await site.request('GET', '/rest/api/label/labels?labelName=nosuch'), 404);
    assertRestError(await site.request('GET', '/rest/api/label/labels?namespace=odd'), 400);
    assertRestError(await site.request('GET', '/rest/api/label/labels?spaceKey=HUSH', { auth: erin }), 404);
  });

  it('lists the labels of a space, popular, recent and related within it', async () => {
    const response = await site.request('GET', '/rest/api/space/OPEN/labels');
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/labels', 200, response.body);
    assert.deepEqual(await names('/rest/api/space/OPEN/labels', erin), ['alpha', 'beta', 'gamma']);
    assert.deepEqual((await names('/rest/api/space/OPEN/labels/popular'))[0], 'alpha');
    assert.deepEqual((await names('/rest/api/space/OPEN/labels/recent'))[0], 'gamma');
    assert.deepEqual(await names('/rest/api/space/HUSH/labels/alpha/related'), ['secret']);
    assertRestError(await site.request('GET', '/rest/api/space/HUSH/labels', { auth: erin }), 404);
  });

  it('stops counting a label once its content is in the trash', async () => {
    const five = await aPage(site, 'OPEN', 'Five');
    await label(five.id, 'fleeting');
    assert.ok((await names('/rest/api/label/popular')).includes('fleeting'));
    assert.equal((await site.request('DELETE', `/rest/api/content/${String(five.id)}`)).status, 204);
    assert.ok(!(await names('/rest/api/label/popular')).includes('fleeting'));
  });

  it('shows a label and the content carrying it that the caller may see (Cloud GET /label)', async () => {
    const response = await site.request('GET', '/wiki/rest/api/label?name=alpha', { auth: erin });
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/label', 200, response.body);
    const body = response.body as { label: Json; associatedContents: { results: Json[] } };
    assert.equal(body.label.name, 'alpha');
    assert.deepEqual(body.associatedContents.results.map((item) => item.title).sort(), [
      'One',
      'Three',
      'Two',
    ]);
    const admin = await site.request('GET', '/wiki/rest/api/label?name=alpha&type=page');
    assert.equal((admin.body as { associatedContents: { size: number } }).associatedContents.size, 4);
    const blogs = await site.request('GET', '/wiki/rest/api/label?name=alpha&type=blogpost');
    assert.equal((blogs.body as { associatedContents: { size: number } }).associatedContents.size, 0);
    assertRestError(await site.request('GET', '/wiki/rest/api/label'), 400);
    assertRestError(await site.request('GET', '/wiki/rest/api/label?name=alpha&type=comment'), 400);
    assertRestError(await site.request('GET', '/wiki/rest/api/label?name=nosuch'), 404);
  });
});

describe('labels of a space and of its content on Cloud v2', () => {
  let site: TestServer;
  const nia: [string, string] = ['nia', 'nia-pw'];
  let openId = '';
  let hushId = '';

  const spaceIdOf = async (key: string) => {
    const response = await site.request('GET', `/wiki/api/v2/spaces?keys=${key}`);
    return String(((response.body as { results: Json[] }).results[0] as Json).id);
  };
  const v2Names = async (path: string, auth?: [string, string]) => {
    const response = await site.request('GET', path, auth ? { auth } : {});
    assert.equal(response.status, 200, response.text);
    return (response.body as { results: Json[] }).results.map(
      (label) => `${String(label.prefix)}:${String(label.name)}`,
    );
  };

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'nia');
    await aSpace(site, 'OPEN');
    const secret = await site.request('POST', '/rest/api/space/_private', {
      json: { key: 'HUSH', name: 'Hush' },
    });
    assert.equal(secret.status, 200, secret.text);
    openId = await spaceIdOf('OPEN');
    hushId = await spaceIdOf('HUSH');
    await site.request('POST', '/rest/api/space/OPEN/category/docs', { headers: noCheck });
    await site.request('POST', '/wiki/rest/api/space/OPEN/label', {
      json: [{ prefix: 'global', name: 'public' }],
    });
    const page = await aPage(site, 'OPEN', 'Labelled');
    await site.request('POST', `/rest/api/content/${String(page.id)}/label`, {
      json: [{ prefix: 'global', name: 'howto' }],
    });
    const restricted = await aPage(site, 'OPEN', 'Restricted');
    await site.request('POST', `/rest/api/content/${String(restricted.id)}/label`, {
      json: [{ prefix: 'global', name: 'internal' }],
    });
    const restrict = await site.request(
      'PUT',
      `/rest/api/content/${String(restricted.id)}/restriction/byOperation/read/user?username=admin`,
      { headers: noCheck },
    );
    assert.ok(restrict.status < 300, restrict.text);
  });
  after(() => site.dispose());

  it('lists the labels on the space itself, by prefix, in keyset pages', async () => {
    const response = await site.request('GET', `/wiki/api/v2/spaces/${openId}/labels`);
    assertMatchesSpec('cloud-v2', 'GET', '/spaces/{id}/labels', 200, response.body);
    assert.deepEqual(await v2Names(`/wiki/api/v2/spaces/${openId}/labels?sort=name`, nia), [
      'team:docs',
      'global:public',
    ]);
    assert.deepEqual(await v2Names(`/wiki/api/v2/spaces/${openId}/labels?prefix=team`), ['team:docs']);
    const first = await site.request('GET', `/wiki/api/v2/spaces/${openId}/labels?limit=1&sort=name`);
    assert.match(String(first.headers.get('link')), /cursor=/);
  });

  it('lists the labels on the content of the space the caller may see', async () => {
    const response = await site.request('GET', `/wiki/api/v2/spaces/${openId}/content/labels`);
    assertMatchesSpec('cloud-v2', 'GET', '/spaces/{id}/content/labels', 200, response.body);
    assert.deepEqual(await v2Names(`/wiki/api/v2/spaces/${openId}/content/labels?sort=name`), [
      'global:howto',
      'global:internal',
    ]);
    assert.deepEqual(await v2Names(`/wiki/api/v2/spaces/${openId}/content/labels?sort=name`, nia), [
      'global:howto',
    ]);
  });

  it('answers 404 for a space the caller cannot see and 400 for bad input', async () => {
    assert.equal(
      (await site.request('GET', `/wiki/api/v2/spaces/${hushId}/labels`, { auth: nia })).status,
      404,
    );
    assert.equal(
      (await site.request('GET', `/wiki/api/v2/spaces/${hushId}/content/labels`, { auth: nia })).status,
      404,
    );
    assert.equal((await site.request('GET', '/wiki/api/v2/spaces/abc/labels')).status, 400);
    assert.equal((await site.request('GET', `/wiki/api/v2/spaces/${openId}/labels?prefix=odd`)).status, 400);
  });
});
