import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Redactions = { redactions: Json[] };

const carol: [string, string] = ['carol', 'carol-pw'];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('redaction of pages and blog posts on Cloud v2', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aSpace(site, 'RED');
  });
  after(() => site.dispose());

  const read = async (collection: string, id: string) => {
    const response = await site.request('GET', `/wiki/api/v2/${collection}/${id}?body-format=storage`);
    assert.equal(response.status, 200, response.text);
    return response.body as { title: string; version: { number: number; createdAt: string }; body: Json };
  };
  const storageOf = (page: { body: Json }) => (page.body.storage as Json).value;
  const redact = (collection: string, id: string, json: unknown, auth?: [string, string]) =>
    site.request('POST', `/wiki/api/v2/${collection}/${id}/redact`, { json, ...(auth && { auth }) });

  for (const [collection, type] of [
    ['pages', 'page'],
    ['blogposts', 'blogpost'],
  ] as const) {
    it(`replaces ranges of a ${type}'s body and title with marks in a new version`, async () => {
      const id = String(
        (
          await aPage(site, 'RED', `Plan for Falcon ${type}`, {
            type,
            body: '<p>Key: hunter2 &amp; more</p>',
          })
        ).id,
      );
      const before = await read(collection, id);
      const response = await redact(collection, id, {
        createdAt: before.version.createdAt,
        body: { redactions: [{ pointer: '/content/0/content/0/text', from: 5, to: 12, reason: 'password' }] },
        title: { redactions: [{ pointer: '/text', from: 9, to: 15 }] },
      });
      assert.equal(response.status, 202, response.text);
      assertMatchesSpec('cloud-v2', 'POST', `/${collection}/{id}/redact`, 202, response.body);
      const body = (response.body as { body: Redactions }).body.redactions[0] as Json;
      assert.deepEqual(
        [body.pointer, body.from, body.to, body.reason],
        ['/content/0/content/0/text', 5, 12, 'password'],
      );
      assert.match(String(body.redactionId), uuid);

      const after = await read(collection, id);
      assert.equal(after.version.number, 2);
      assert.equal(after.title, `Plan for [redacted] ${type}`);
      assert.equal(
        storageOf(after),
        `<p>Key: <span class="redacted" data-redaction-id="${String(body.redactionId)}">[redacted]</span> &amp; more</p>`,
      );
      const v1 = await site.request('GET', `/rest/api/content/${id}?expand=body.storage`);
      assert.doesNotMatch(v1.text, /hunter2/);
    });
  }

  it('refuses a stale createdAt, bad pointers and ranges, and changes nothing', async () => {
    const id = String((await aPage(site, 'RED', 'Stale redaction', { body: '<p>secret</p>' })).id);
    const { version } = await read('pages', id);
    const text = (redactions: Json[]) => ({ createdAt: version.createdAt, body: { redactions } });
    for (const json of [
      {
        createdAt: '2001-01-01T00:00:00.000Z',
        body: { redactions: [{ pointer: '/content/0/content/0/text' }] },
      },
      { body: { redactions: [{ pointer: '/content/0/content/0/text' }] } },
      text([{ pointer: '/content/0/text' }]),
      text([{ pointer: '/content/0/content/0/text', from: 2, to: 99 }]),
      text([{ pointer: '/content/0/content/0/text', from: -1 }]),
      text([{ from: 0 }]),
      text([]),
      {
        createdAt: version.createdAt,
        versionNumber: 7,
        body: { redactions: [{ pointer: '/content/0/content/0/text' }] },
      },
      {
        createdAt: version.createdAt,
        cleanHistory: 'yes',
        body: { redactions: [{ pointer: '/content/0/content/0/text' }] },
      },
    ]) {
      assertV2Error(await redact('pages', id, json), 400, 'BAD_REQUEST');
    }
    const after = await read('pages', id);
    assert.equal(after.version.number, 1);
    assert.equal(storageOf(after), '<p>secret</p>');
  });

  it('answers 404 to a reader who may not edit the page, and to a blog post path for a page', async () => {
    const id = String((await aPage(site, 'RED', 'Guarded redaction', { body: '<p>secret</p>' })).id);
    const restrict = await site.request(
      'PUT',
      `/rest/api/content/${id}/restriction/byOperation/update/user?username=admin`,
    );
    assert.equal(restrict.status, 200, restrict.text);
    const { version } = await read('pages', id);
    const json = {
      createdAt: version.createdAt,
      body: { redactions: [{ pointer: '/content/0/content/0/text' }] },
    };
    assertV2Error(await redact('pages', id, json, carol), 404, 'NOT_FOUND');
    assertV2Error(await redact('blogposts', id, json), 404, 'NOT_FOUND');
    assert.equal(storageOf(await read('pages', id)), '<p>secret</p>');
  });

  it('with cleanHistory, removes the older versions that still hold the redacted text', async () => {
    const id = String((await aPage(site, 'RED', 'History redaction', { body: '<p>token abc123</p>' })).id);
    const second = await site.request('PUT', `/wiki/api/v2/pages/${id}`, {
      json: {
        id,
        status: 'current',
        title: 'History redaction',
        body: { representation: 'storage', value: '<p>token abc123, again</p>' },
        version: { number: 2 },
      },
    });
    assert.equal(second.status, 200, second.text);
    const { version } = await read('pages', id);
    const response = await redact('pages', id, {
      createdAt: version.createdAt,
      cleanHistory: true,
      body: { redactions: [{ pointer: '/content/0/content/0/text', from: 6, to: 12 }] },
    });
    assert.equal(response.status, 202, response.text);
    const history = await site.request('GET', `/wiki/api/v2/pages/${id}/versions`);
    assert.deepEqual(
      (history.body as { results: Json[] }).results.map((item) => item.number),
      [3],
    );
    assert.doesNotMatch(storageOf(await read('pages', id)) as string, /abc123/);
  });
});
