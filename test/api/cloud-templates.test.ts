import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[]; size: number };
const dave: [string, string] = ['dave', 'dave-pw'];

describe('page templates on Cloud v1', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'dave');
    await aSpace(site, 'TPL');
    const own = await site.request('POST', '/wiki/rest/api/space', {
      json: { key: 'DAV', name: 'Dave' },
      auth: dave,
    });
    assert.equal(own.status, 200, own.text);
  });
  after(() => site.dispose());

  const aTemplate = (extra: Json = {}, auth?: [string, string]) =>
    site.request('POST', '/wiki/rest/api/template', {
      json: {
        name: 'Meeting notes',
        templateType: 'page',
        body: { storage: { value: '<h1>Agenda</h1>', representation: 'storage' } },
        description: 'For meetings',
        labels: [{ prefix: 'global', name: 'meetings' }],
        ...extra,
      },
      ...(auth && { auth }),
    });

  it('creates a space template, reads it back with its body, and lists it in the space only', async () => {
    const created = await aTemplate({ space: { key: 'TPL' } });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('cloud-v1-2026', 'POST', '/wiki/rest/api/template', 200, created.body);
    const id = String((created.body as Json).templateId);
    const read = await site.request('GET', `/wiki/rest/api/template/${id}?expand=body.storage`);
    assert.equal(read.status, 200, read.text);
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/template/{contentTemplateId}', 200, read.body);
    const template = read.body as { name: string; body: { storage: Json }; labels: Json[]; space: Json };
    assert.equal(template.name, 'Meeting notes');
    assert.equal(template.body.storage.value, '<h1>Agenda</h1>');
    assert.deepEqual(
      template.labels.map((label) => label.name),
      ['meetings'],
    );
    assert.equal(template.space.key, 'TPL');
    const inSpace = await site.request('GET', '/wiki/rest/api/template/page?spaceKey=TPL');
    assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/template/page', 200, inSpace.body);
    assert.deepEqual(
      (inSpace.body as Listing).results.map((item) => item.templateId),
      [id],
    );
    const global = await site.request('GET', '/wiki/rest/api/template/page');
    assert.equal((global.body as Listing).size, 0);
  });

  it('updates and deletes a global template, which takes an administrator', async () => {
    assertRestError(await aTemplate({}, dave), 403);
    const created = await aTemplate({ name: 'Global one' });
    const id = String((created.body as Json).templateId);
    const update = (auth?: [string, string], name = 'Global renamed') =>
      site.request('PUT', '/wiki/rest/api/template', {
        json: {
          templateId: id,
          name,
          templateType: 'page',
          body: { storage: { value: '<p>new</p>', representation: 'storage' } },
        },
        ...(auth && { auth }),
      });
    assertRestError(await update(dave), 403);
    const updated = await update();
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec('cloud-v1-2026', 'PUT', '/wiki/rest/api/template', 200, updated.body);
    const listed = await site.request('GET', '/wiki/rest/api/template/page?expand=body', { auth: dave });
    const [only] = (listed.body as Listing).results;
    assert.ok(only);
    assert.equal(only.name, 'Global renamed');
    assert.equal(((only.body as Json).storage as Json).value, '<p>new</p>');
    assertRestError(await site.request('DELETE', `/wiki/rest/api/template/${id}`, { auth: dave }), 403);
    assert.equal((await site.request('DELETE', `/wiki/rest/api/template/${id}`)).status, 204);
    assertRestError(await site.request('GET', `/wiki/rest/api/template/${id}`), 404);
  });

  it("lets a space's administrator keep its templates, and no one else", async () => {
    assert.equal((await aTemplate({ space: { key: 'DAV' } }, dave)).status, 200);
    assertRestError(await aTemplate({ space: { key: 'TPL' } }, dave), 403);
  });

  it('answers 400 for bad input and changes nothing', async () => {
    assertRestError(await aTemplate({ name: '' }), 400, /name/);
    assertRestError(await aTemplate({ templateType: 'blogpost' }), 400, /templateType/);
    assertRestError(await aTemplate({ body: undefined }), 400, /body/);
    assertRestError(await aTemplate({ labels: 'x' }), 400, /labels/);
    assertRestError(await aTemplate({ space: { key: 'NOPE' } }), 404);
    const global = await site.request('GET', '/wiki/rest/api/template/page');
    assert.equal((global.body as Listing).size, 0);
  });
});
