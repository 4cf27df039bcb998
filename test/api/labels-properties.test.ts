import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace } from '../support/builders.ts';
import { assertRestError, assertV2Error } from '../support/error-bodies.ts';
import { field } from '../support/json-field.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Page = { results: Json[]; size: number; limit: number; start: number; _links: Json };

const names = (body: unknown) => (body as Page).results.map((label) => `${label.prefix}:${label.name}`);

describe('labels on v1, Data Center and v2', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'LBL');
  });
  after(() => site.dispose());

  it('adds one label or many, lower-cased, keeps those already there, and lists them on every surface', async () => {
    const page = await aPage(site, 'LBL', 'Labelled');
    const one = await site.request('POST', `/rest/api/content/${page.id}/label`, {
      json: { prefix: 'global', name: 'Release-Notes' },
    });
    assert.equal(one.status, 200, one.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/content/{id}/label', 200, one.body);
    assert.deepEqual(names(one.body), ['global:release-notes']);

    const many = await site.request('POST', `/wiki/rest/api/content/${page.id}/label`, {
      json: [
        { prefix: 'global', name: 'howto' },
        { prefix: 'my', name: 'favourite' },
        { name: 'release-notes' },
      ],
    });
    assert.equal(many.status, 200, many.text);
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/content/{id}/label', 200, many.body);
    assert.deepEqual(names(many.body), ['my:favourite', 'global:howto', 'global:release-notes']);
    const first = (many.body as Page).results[0];
    assert.equal(first?.label, 'favourite');
    assert.match(String(first?.id), /^\d+$/);

    const listed = await site.request('GET', `/rest/api/content/${page.id}/label?prefix=global`);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/label', 200, listed.body);
    assert.deepEqual(names(listed.body), ['global:howto', 'global:release-notes']);
    assert.equal((listed.body as Page).limit, 200);

    const v2 = await site.request('GET', `/wiki/api/v2/pages/${page.id}/labels?sort=name`);
    assert.equal(v2.status, 200, v2.text);
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{id}/labels', 200, v2.body);
    assert.deepEqual(
      (v2.body as Page).results.map((label) => label.name),
      ['favourite', 'howto', 'release-notes'],
    );
    assert.equal(
      (v2.body as Page).results.find((label) => label.name === 'howto')?.id,
      (listed.body as Page).results[0]?.id,
    );

    const site_labels = await site.request('GET', '/wiki/api/v2/labels?prefix=my');
    assertMatchesSpec('cloud-v2', 'GET', '/labels', 200, site_labels.body);
    assert.deepEqual(
      (site_labels.body as Page).results.map((label) => label.name),
      ['favourite'],
    );
  });

  it('refuses an invalid label with 400 and adds none of the batch', async () => {
    const page = await aPage(site, 'LBL', 'Strict labels');
    const cases: unknown[] = [
      [
        { prefix: 'global', name: 'fine' },
        { prefix: 'global', name: 'has space' },
      ],
      { prefix: 'global', name: 'x'.repeat(256) },
      { prefix: 'global', name: 'semi;colon' },
      { prefix: 'secret', name: 'fine' },
      { prefix: 'global', name: '' },
      { prefix: 'global' },
      'just-a-string-body',
    ];
    for (const json of cases) {
      const refused = await site.request('POST', `/rest/api/content/${page.id}/label`, { json });
      assertRestError(refused, 400);
    }
    const malformed = await site.request('POST', `/rest/api/content/${page.id}/label`, {
      body: '[{"name":',
      headers: { 'content-type': 'application/json' },
    });
    assertRestError(malformed, 400);
    const listed = await site.request('GET', `/rest/api/content/${page.id}/label`);
    assert.equal((listed.body as Page).size, 0);
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${page.id}/labels?prefix=bogus`),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${page.id}/labels?sort=size`),
      400,
      'BAD_REQUEST',
    );
  });

  it('removes labels by path and by ?name=, and answers 404 for a label the content does not carry', async () => {
    const page = await aPage(site, 'LBL', 'Unlabelled');
    await site.request('POST', `/rest/api/content/${page.id}/label`, {
      json: [{ name: 'alpha' }, { name: 'beta/gamma' }, { prefix: 'team', name: 'delta' }],
    });
    assert.equal((await site.request('DELETE', `/rest/api/content/${page.id}/label/alpha`)).status, 204);
    assertRestError(
      await site.request('DELETE', `/rest/api/content/${page.id}/label/beta%2Fgamma`),
      400,
      /\?name=/,
    );
    assert.equal(
      (await site.request('DELETE', `/wiki/rest/api/content/${page.id}/label?name=beta%2Fgamma`)).status,
      204,
    );
    assert.equal(
      (await site.request('DELETE', `/rest/api/content/${page.id}/label?name=team:delta`)).status,
      204,
    );
    assertRestError(await site.request('DELETE', `/rest/api/content/${page.id}/label/alpha`), 404);
    assertRestError(await site.request('DELETE', `/rest/api/content/${page.id}/label?name=never-added`), 404);
    assertRestError(await site.request('DELETE', `/wiki/rest/api/content/${page.id}/label`), 400);
    const listed = await site.request('GET', `/rest/api/content/${page.id}/label`);
    assert.equal((listed.body as Page).size, 0);
  });

  it('expands metadata.labels on v1 content, leaving the link in _expandable otherwise', async () => {
    const page = await aPage(site, 'LBL', 'Expanded labels');
    await site.request('POST', `/rest/api/content/${page.id}/label`, {
      json: [{ name: 'one' }, { name: 'two' }],
    });
    const expanded = await site.request('GET', `/wiki/rest/api/content/${page.id}?expand=metadata.labels`);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/content/{id}', 200, expanded.body);
    assert.deepEqual(names(field(expanded.body, 'metadata', 'labels')), ['global:one', 'global:two']);
    assert.equal(field(expanded.body, 'metadata', '_expandable', 'labels'), undefined);

    const listedWith = await site.request(
      'GET',
      `/rest/api/content?spaceKey=LBL&title=Expanded%20labels&expand=metadata.labels`,
    );
    const item = (listedWith.body as Page).results[0];
    assert.equal((field(item, 'metadata', 'labels') as Page).size, 2);

    const plain = await site.request('GET', `/rest/api/content/${page.id}?expand=metadata`);
    assert.equal(
      field(plain.body, 'metadata', '_expandable', 'labels'),
      `/rest/api/content/${page.id}/label`,
    );
  });

  it('pages v2 labels by cursor with a Link header, and keeps pages and blog posts apart', async () => {
    const page = await aPage(site, 'LBL', 'Many labels');
    const post = await aPage(site, 'LBL', 'Labelled post', { type: 'blogpost' });
    await site.request('POST', `/rest/api/content/${page.id}/label`, {
      json: [{ name: 'l1' }, { name: 'l2' }, { name: 'l3' }],
    });
    await site.request('POST', `/rest/api/content/${post.id}/label`, { json: { name: 'news' } });

    const first = await site.request('GET', `/wiki/api/v2/pages/${page.id}/labels?limit=2&sort=name`);
    assert.deepEqual(
      (first.body as Page).results.map((label) => label.name),
      ['l1', 'l2'],
    );
    const next = String(field(first.body, '_links', 'next'));
    assert.match(next, /^\/wiki\/api\/v2\/pages\/\d+\/labels\?.*cursor=/);
    assert.match(first.headers.get('link') ?? '', /rel="next"/);
    const second = await site.request('GET', next);
    assert.deepEqual(
      (second.body as Page).results.map((label) => label.name),
      ['l3'],
    );
    assert.equal(field(second.body, '_links', 'next'), undefined);
    assert.doesNotMatch(second.headers.get('link') ?? '', /rel="next"/);

    const blog = await site.request('GET', `/wiki/api/v2/blogposts/${post.id}/labels`);
    assertMatchesSpec('cloud-v2', 'GET', '/blogposts/{id}/labels', 200, blog.body);
    assert.deepEqual(
      (blog.body as Page).results.map((label) => label.name),
      ['news'],
    );
    assertV2Error(await site.request('GET', `/wiki/api/v2/blogposts/${page.id}/labels`), 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', `/wiki/api/v2/pages/${post.id}/labels`), 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', '/wiki/api/v2/labels?cursor=%%%'), 400, 'BAD_REQUEST');
  });

  it('answers 404 in each surface shape for labels of content that does not exist', async () => {
    assertRestError(await site.request('GET', '/rest/api/content/999999/label'), 404);
    assertRestError(
      await site.request('POST', '/rest/api/content/999999/label', { json: { name: 'x' } }),
      404,
    );
    assertRestError(await site.request('DELETE', '/rest/api/content/999999/label/x'), 404);
    assertRestError(await site.request('GET', '/rest/api/content/nope/label'), 400);
    assertV2Error(await site.request('GET', '/wiki/api/v2/pages/999999/labels'), 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', '/wiki/api/v2/pages/abc/labels'), 400, 'BAD_REQUEST');
  });
});

describe('content properties on v1, Data Center and v2', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'PRP');
  });
  after(() => site.dispose());

  it('creates, reads, versions and deletes a property on v1', async () => {
    const page = await aPage(site, 'PRP', 'Propertied');
    const base = `/rest/api/content/${page.id}/property`;
    const created = await site.request('POST', base, { json: { key: 'status', value: { state: 'draft' } } });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/content/{id}/property', 200, created.body);
    assert.equal(field(created.body, 'version', 'number'), 1);
    assert.deepEqual(field(created.body, 'value'), { state: 'draft' });

    const byPath = await site.request('POST', `/wiki${base}/owner`, { json: { value: 'alice' } });
    assert.equal(byPath.status, 200, byPath.text);
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/content/{id}/property/{key}', 200, byPath.body);

    const listed = await site.request('GET', `/wiki${base}`);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/content/{id}/property', 200, listed.body);
    assert.deepEqual(
      (listed.body as Page).results.map((property) => property.key),
      ['owner', 'status'],
    );
    assert.equal((listed.body as Page).limit, 10);
    const filtered = await site.request('GET', `${base}?key=status&expand=content`);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/property', 200, filtered.body);
    const only = (filtered.body as Page).results[0];
    assert.equal((filtered.body as Page).size, 1);
    assert.equal(field(only, 'content', 'id'), page.id);
    assert.equal(field(only, 'version'), undefined);

    const update = (number: number, state: string) =>
      site.request('PUT', `${base}/status`, {
        json: { key: 'status', value: { state }, version: { number } },
      });
    const second = await update(2, 'review');
    assert.equal(second.status, 200, second.text);
    assertMatchesSpec('cloud-v1', 'PUT', '/wiki/rest/api/content/{id}/property/{key}', 200, second.body);
    assert.equal(field(second.body, 'version', 'number'), 2);
    assertRestError(await update(2, 'stale'), 409, /version 2/);
    assertRestError(await update(4, 'skipped'), 409);
    const read = await site.request('GET', `${base}/status`);
    assertMatchesSpec('dc', 'GET', '/rest/api/content/{id}/property/{key}', 200, read.body);
    assert.deepEqual(field(read.body, 'value'), { state: 'review' });
    assert.equal(field(read.body, 'version', 'number'), 2);

    const upserted = await site.request('PUT', `${base}/fresh`, {
      json: { value: ['a'], version: { number: 1 } },
    });
    assert.equal(upserted.status, 200, upserted.text);
    assertRestError(
      await site.request('PUT', `${base}/missing`, { json: { value: 'x', version: { number: 2 } } }),
      404,
    );

    assert.equal((await site.request('DELETE', `${base}/status`)).status, 204);
    assertRestError(await site.request('GET', `${base}/status`), 404);
    assertRestError(await site.request('DELETE', `${base}/status`), 404);
  });

  it('refuses bad property input in the v1 shape and stores nothing', async () => {
    const page = await aPage(site, 'PRP', 'Guarded');
    const base = `/rest/api/content/${page.id}/property`;
    await site.request('POST', base, { json: { key: 'taken', value: 1 } });
    const huge = { blob: 'x'.repeat(33 * 1024) };
    assertRestError(await site.request('POST', base, { json: { key: 'big', value: huge } }), 413);
    assertRestError(
      await site.request('POST', base, { json: { key: 'taken', value: 2 } }),
      400,
      /already exists/,
    );
    assertRestError(await site.request('POST', base, { json: { key: '', value: 2 } }), 400);
    assertRestError(await site.request('POST', base, { json: { key: 'k'.repeat(256), value: 2 } }), 400);
    assertRestError(await site.request('POST', base, { json: { key: 'novalue' } }), 400);
    assertRestError(
      await site.request('PUT', `${base}/taken`, { json: { value: huge, version: { number: 2 } } }),
      413,
    );
    assertRestError(await site.request('PUT', `${base}/taken`, { json: { value: 3 } }), 400);
    assertRestError(
      await site.request('PUT', `${base}/taken`, {
        json: { key: 'other', value: 3, version: { number: 2 } },
      }),
      400,
    );
    assertRestError(
      await site.request('POST', base, { body: '{"key":', headers: { 'content-type': 'application/json' } }),
      400,
    );
    assertRestError(
      await site.request('POST', '/rest/api/content/999999/property', { json: { key: 'k', value: 1 } }),
      404,
    );
    const listed = await site.request('GET', base);
    assert.deepEqual(
      (listed.body as Page).results.map((property) => [property.key, field(property, 'version', 'number')]),
      [['taken', 1]],
    );
  });

  it('serves the same properties on v2 by id, with 409 for a stale version and 404 across pages', async () => {
    const page = await aPage(site, 'PRP', 'V2 properties');
    const other = await aPage(site, 'PRP', 'Other page');
    const post = await aPage(site, 'PRP', 'V2 post', { type: 'blogpost' });
    const base = `/wiki/api/v2/pages/${page.id}/properties`;

    const created = await site.request('POST', base, { json: { key: 'colour', value: { hex: '#fff' } } });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('cloud-v2', 'POST', '/pages/{page-id}/properties', 200, created.body);
    const id = String((created.body as Json).id);
    assert.equal(typeof field(created.body, 'version', 'authorId'), 'string');
    await site.request('POST', base, { json: { key: 'amount', value: 3 } });

    const listed = await site.request('GET', `${base}?limit=1`);
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{page-id}/properties', 200, listed.body);
    assert.deepEqual(
      (listed.body as Page).results.map((property) => property.key),
      ['amount'],
    );
    const rest = await site.request('GET', String(field(listed.body, '_links', 'next')));
    assert.deepEqual(
      (rest.body as Page).results.map((property) => property.key),
      ['colour'],
    );
    const byKey = await site.request('GET', `${base}?key=colour`);
    assert.equal((byKey.body as Page).results[0]?.id, id);
    // A repeated key is read as its first, like any repeated parameter (it was a 500).
    const repeated = await site.request('GET', `${base}?key=colour&key=amount`);
    assert.equal(repeated.status, 200, repeated.text);
    assert.deepEqual(
      (repeated.body as Page).results.map((property) => property.key),
      ['colour'],
    );

    const one = await site.request('GET', `${base}/${id}`);
    assertMatchesSpec('cloud-v2', 'GET', '/pages/{page-id}/properties/{property-id}', 200, one.body);
    const v1 = await site.request('GET', `/rest/api/content/${page.id}/property/colour`);
    assert.equal((v1.body as Json).id, id);

    const updated = await site.request('PUT', `${base}/${id}`, {
      json: { key: 'colour', value: { hex: '#000' }, version: { number: 2, message: 'darker' } },
    });
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec('cloud-v2', 'PUT', '/pages/{page-id}/properties/{property-id}', 200, updated.body);
    assert.equal(field(updated.body, 'version', 'number'), 2);
    assertV2Error(
      await site.request('PUT', `${base}/${id}`, {
        json: { key: 'colour', value: 'stale', version: { number: 2 } },
      }),
      409,
      'CONFLICT',
    );
    assertV2Error(
      await site.request('POST', base, { json: { key: 'big', value: 'x'.repeat(33 * 1024) } }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    assertV2Error(
      await site.request('POST', base, { json: { key: 'colour', value: 1 } }),
      400,
      'BAD_REQUEST',
    );
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/pages/${other.id}/properties/${id}`),
      404,
      'NOT_FOUND',
    );
    assertV2Error(
      await site.request('GET', `/wiki/api/v2/blogposts/${page.id}/properties`),
      404,
      'NOT_FOUND',
    );
    assertV2Error(await site.request('GET', `${base}/999999`), 404, 'NOT_FOUND');
    assertV2Error(await site.request('GET', `${base}?sort=value`), 400, 'BAD_REQUEST');
    const still = await site.request('GET', `${base}/${id}`);
    assert.deepEqual(field(still.body, 'value'), { hex: '#000' });

    const blog = await site.request('POST', `/wiki/api/v2/blogposts/${post.id}/properties`, {
      json: { key: 'mood', value: 'sunny' },
    });
    assertMatchesSpec('cloud-v2', 'POST', '/blogposts/{blogpost-id}/properties', 200, blog.body);
    const blogId = String((blog.body as Json).id);
    assert.equal(
      (await site.request('DELETE', `/wiki/api/v2/blogposts/${post.id}/properties/${blogId}`)).status,
      204,
    );
    assertV2Error(
      await site.request('DELETE', `/wiki/api/v2/blogposts/${post.id}/properties/${blogId}`),
      404,
      'NOT_FOUND',
    );

    assert.equal((await site.request('DELETE', `${base}/${id}`)).status, 204);
    assertRestError(await site.request('GET', `/rest/api/content/${page.id}/property/colour`), 404);
  });
});
