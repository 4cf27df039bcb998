import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

const codeMacro =
  '<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="code-1">' +
  '<ac:parameter ac:name="language">sql</ac:parameter>' +
  '<ac:plain-text-body><![CDATA[select 1 < 2;]]></ac:plain-text-body></ac:structured-macro>';
const panelV1 =
  '<ac:structured-macro ac:name="panel" ac:macro-id="panel-1">' +
  '<ac:parameter ac:name="title">First</ac:parameter>' +
  '<ac:rich-text-body><p>One</p></ac:rich-text-body></ac:structured-macro>';
const panelV2 = panelV1.replace('First', 'Second').replace('One', 'Two');

describe('macro bodies of a content version', () => {
  let site: TestServer;
  let pageId: string;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'MAC');
    await aUser(site, 'mallory');
    const page = await aPage(site, 'MAC', 'Macros', { body: `<p>Intro</p>${panelV1}${codeMacro}` });
    pageId = String(page.id);
    const updated = await site.request('PUT', `/rest/api/content/${pageId}`, {
      json: {
        type: 'page',
        title: 'Macros',
        version: { number: 2 },
        body: { storage: { value: `<p>Intro</p>${panelV2}`, representation: 'storage' } },
      },
    });
    assert.equal(updated.status, 200, updated.text);
    const restricted = await site.request('PUT', `/rest/api/content/${pageId}/restriction`, {
      json: [{ operation: 'read', restrictions: { user: [{ type: 'known', username: 'admin' }] } }],
    });
    assert.ok(restricted.status < 300, restricted.text);
  });
  after(() => site.dispose());

  it('answers the macro as each version stored it, by id, on DC and Cloud', async () => {
    const v1 = await site.request('GET', `/rest/api/content/${pageId}/history/1/macro/id/panel-1`);
    assert.equal(v1.status, 200, v1.text);
    assertMatchesSpec(
      'dc',
      'GET',
      '/rest/api/content/{id}/history/{version}/macro/id/{macroId}',
      200,
      v1.body,
    );
    assert.deepEqual(v1.body, { name: 'panel', body: '<p>One</p>', parameters: { title: 'First' } });

    const v2 = await site.request('GET', `/wiki/rest/api/content/${pageId}/history/2/macro/id/panel-1`);
    assert.equal(v2.status, 200, v2.text);
    assertMatchesSpec(
      'cloud-v1',
      'GET',
      '/wiki/rest/api/content/{id}/history/{version}/macro/id/{macroId}',
      200,
      v2.body,
    );
    const body = v2.body as Json;
    assert.deepEqual(body.parameters, { title: 'Second' });
    assert.equal(body.body, '<p>Two</p>');
    assert.ok((body._links as Json).self);

    const code = await site.request('GET', `/rest/api/content/${pageId}/history/1/macro/id/code-1`);
    assert.deepEqual(code.body, { name: 'code', body: 'select 1 < 2;', parameters: { language: 'sql' } });
    const gone = await site.request('GET', `/rest/api/content/${pageId}/history/2/macro/id/code-1`);
    assert.equal(gone.status, 404, 'version 2 no longer has the code macro');
  });

  it('finds a macro by the SHA-256 of its stored markup', async () => {
    const hash = createHash('sha256').update(codeMacro).digest('hex');
    const found = await site.request('GET', `/rest/api/content/${pageId}/history/1/macro/hash/${hash}`);
    assert.equal(found.status, 200, found.text);
    assertMatchesSpec(
      'dc',
      'GET',
      '/rest/api/content/{id}/history/{version}/macro/hash/{hash}',
      200,
      found.body,
    );
    assert.equal((found.body as Json).name, 'code');
    const byId = await site.request('GET', `/rest/api/content/${pageId}/history/1/macro/hash/panel-1`);
    assert.equal((byId.body as Json).name, 'panel', 'the hash path also matches a macro id');
    const wrong = await site.request(
      'GET',
      `/rest/api/content/${pageId}/history/1/macro/hash/${'0'.repeat(64)}`,
    );
    assert.equal(wrong.status, 404);
  });

  it('converts a macro to a rendering with the contentbody converter', async () => {
    const response = await site.request(
      'GET',
      `/wiki/rest/api/content/${pageId}/history/1/macro/id/code-1/convert/view`,
    );
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/content/{id}/history/{version}/macro/id/{macroId}/convert/{to}',
      200,
      response.body,
    );
    const converted = response.body as Json;
    assert.equal(converted.representation, 'view');
    assert.match(String(converted.value), /<pre class="code">select 1 &lt; 2;<\/pre>/);
    const bad = await site.request(
      'GET',
      `/wiki/rest/api/content/${pageId}/history/1/macro/id/code-1/convert/nonsense`,
    );
    assert.equal(bad.status, 400, bad.text);
  });

  it('converts a macro asynchronously, its result fetched with the other asynchronous conversions', async () => {
    const started = await site.request(
      'GET',
      `/wiki/rest/api/content/${pageId}/history/1/macro/id/code-1/convert/async/view`,
    );
    assert.equal(started.status, 200, started.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/content/{id}/history/{version}/macro/id/{macroId}/convert/async/{to}',
      200,
      started.body,
    );
    const asyncId = String((started.body as Json).asyncId);
    const result = await site.request('GET', `/wiki/rest/api/contentbody/convert/async/${asyncId}`);
    assert.equal(result.status, 200, result.text);
    assert.match(String((result.body as Json).value), /<pre class="code">select 1 &lt; 2;<\/pre>/);
    const bad = await site.request(
      'GET',
      `/wiki/rest/api/content/${pageId}/history/1/macro/id/code-1/convert/async/nonsense`,
    );
    assert.equal(bad.status, 400, bad.text);
  });

  it('answers 404 to a reader who may not view the page, and 400 or 404 to bad paths', async () => {
    const hidden = await site.request('GET', `/rest/api/content/${pageId}/history/1/macro/id/panel-1`, {
      auth: ['mallory', 'mallory-pw'],
    });
    assert.equal(hidden.status, 404, hidden.text);
    assert.equal((await site.request('GET', `/rest/api/content/${pageId}/history/x/macro/id/a`)).status, 400);
    assert.equal((await site.request('GET', `/rest/api/content/${pageId}/history/9/macro/id/a`)).status, 404);
    assert.equal((await site.request('GET', '/rest/api/content/nope/history/1/macro/id/a')).status, 400);
    assert.equal((await site.request('GET', '/rest/api/content/999999/history/1/macro/id/a')).status, 404);
  });
});
