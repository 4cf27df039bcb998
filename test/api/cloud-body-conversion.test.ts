import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
const dave: [string, string] = ['dave', 'dave-pw'];

describe('asynchronous body conversion on Cloud v1', () => {
  let site: TestServer;
  let hiddenId = '';

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'dave');
    await aSpace(site, 'CNV');
    hiddenId = String((await aPage(site, 'CNV', 'Hidden')).id);
    const restricted = await site.request(
      'PUT',
      `/rest/api/content/${hiddenId}/restriction/byOperation/read/user?username=admin`,
    );
    assert.equal(restricted.status, 200, restricted.text);
  });
  after(() => site.dispose());

  const submit = (to: string, body: Json, auth?: [string, string], query = '') =>
    site.request('POST', `/wiki/rest/api/contentbody/convert/async/${to}${query}`, {
      json: body,
      ...(auth && { auth }),
    });

  it('converts storage to a view and keeps the result under its id', async () => {
    const submitted = await submit('export_view', {
      value: '<p>Hello <strong>there</strong></p>',
      representation: 'storage',
    });
    assert.equal(submitted.status, 200, submitted.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'POST',
      '/wiki/rest/api/contentbody/convert/async/{to}',
      200,
      submitted.body,
    );
    const asyncId = String((submitted.body as Json).asyncId);
    const result = await site.request('GET', `/wiki/rest/api/contentbody/convert/async/${asyncId}`);
    assert.equal(result.status, 200, result.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/contentbody/convert/async/{id}',
      200,
      result.body,
    );
    const body = result.body as Json;
    assert.equal(body.status, 'COMPLETED');
    assert.equal(body.representation, 'export_view');
    assert.match(String(body.value), /Hello <strong>there<\/strong>/);
    assertRestError(
      await site.request('GET', `/wiki/rest/api/contentbody/convert/async/${asyncId}`, { auth: dave }),
      404,
    );
  });

  it('converts in bulk and answers each id, an unknown one as failed', async () => {
    const submitted = await site.request('POST', '/wiki/rest/api/contentbody/convert/async/bulk/tasks', {
      json: {
        conversionInputs: [
          { to: 'view', body: { value: '<p>one</p>', representation: 'storage' } },
          { to: 'atlas_doc_format', body: { value: '<p>two</p>', representation: 'storage' } },
        ],
      },
    });
    assert.equal(submitted.status, 200, submitted.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'POST',
      '/wiki/rest/api/contentbody/convert/async/bulk/tasks',
      200,
      submitted.body,
    );
    const ids = (submitted.body as Json[]).map((entry) => String(entry.asyncId));
    const results = await site.request(
      'GET',
      `/wiki/rest/api/contentbody/convert/async/bulk/tasks?ids=${[...ids, 'no-such-id'].join(',')}`,
    );
    assert.equal(results.status, 200, results.text);
    assertMatchesSpec(
      'cloud-v1-2026',
      'GET',
      '/wiki/rest/api/contentbody/convert/async/bulk/tasks',
      200,
      results.body,
    );
    const [one, two, unknown] = results.body as Json[];
    assert.equal(one?.value, '<p>one</p>');
    assert.equal(JSON.parse(String(two?.value)).type, 'doc');
    assert.equal(unknown?.status, 'FAILED');
  });

  it('refuses conversions the spec does not list, bad bodies, and contexts the caller may not see', async () => {
    assertRestError(
      await submit('wiki', { value: '<p/>', representation: 'storage' }),
      400,
      /Cannot convert/,
    );
    assertRestError(await submit('view', { value: '<p/>', representation: 'editor' }), 400, /Cannot convert/);
    assertRestError(await submit('view', { representation: 'storage' }), 400, /value/);
    assertRestError(
      await submit(
        'view',
        { value: '<p/>', representation: 'storage' },
        dave,
        `?contentIdContext=${hiddenId}`,
      ),
      404,
    );
    assertRestError(await site.request('GET', '/wiki/rest/api/contentbody/convert/async/bulk/tasks'), 400);
    const tooMany = Array.from({ length: 11 }, () => ({
      to: 'view',
      body: { value: '', representation: 'storage' },
    }));
    assertRestError(
      await site.request('POST', '/wiki/rest/api/contentbody/convert/async/bulk/tasks', {
        json: { conversionInputs: tooMany },
      }),
      400,
    );
  });
});
