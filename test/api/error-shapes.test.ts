import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface RestError {
  statusCode: number;
  message: string;
  reason: string;
  data: { authorized: boolean; valid: boolean; errors: unknown[]; successful: boolean };
}
interface V2Errors {
  errors: { status: number; code: string; title: string; detail: string }[];
}

describe('error shapes', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
  });
  after(() => site.dispose());

  for (const prefix of ['/rest/api', '/wiki/rest/api']) {
    it(`answers an unknown user on ${prefix} with a 404 RestError`, async () => {
      const response = await site.request('GET', `${prefix}/user?username=ghost`);
      assert.equal(response.status, 404);
      assertMatchesSpec('dc', 'GET', '/rest/api/user', 404, response.body);
      const body = response.body as RestError;
      assert.equal(body.statusCode, 404);
      assert.equal(body.reason, 'Not Found');
      assert.match(body.message, /ghost/);
      assert.deepEqual(body.data.errors, []);
      assert.equal(body.data.successful, false);
    });

    it(`answers an unknown route on ${prefix} with a 404 RestError`, async () => {
      const response = await site.request('GET', `${prefix}/no-such-thing`);
      assert.equal(response.status, 404);
      assert.equal((response.body as RestError).statusCode, 404);
    });

    it(`answers a wrong method on ${prefix} with 405, Allow and a RestError`, async () => {
      const response = await site.request('DELETE', `${prefix}/user/current`);
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'GET, PUT');
      assert.equal((response.body as RestError).reason, 'Method Not Allowed');
    });
  }

  it('answers on v2 with an errors[] envelope', async () => {
    const response = await site.request('GET', '/wiki/api/v2/no-such-thing');
    assert.equal(response.status, 404);
    const body = response.body as V2Errors;
    assert.deepEqual(Object.keys(body), ['errors']);
    assert.deepEqual(body.errors[0], {
      status: 404,
      code: 'NOT_FOUND',
      title: 'Not Found',
      detail: 'No resource at GET /wiki/api/v2/no-such-thing',
    });
  });

  it('answers a path with a broken percent-escape with a 400 in the surface shape', async () => {
    const v1 = await site.request('GET', '/download/attachments/1/%C3%28.txt');
    assert.equal(v1.status, 400);
    assert.equal(v1.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.equal((v1.body as RestError).statusCode, 400);
    assert.equal((v1.body as RestError).reason, 'Bad Request');
    const v2 = await site.request('GET', '/wiki/api/v2/attachments/%E0');
    assert.equal(v2.status, 400);
    assert.equal((v2.body as V2Errors).errors[0]?.code, 'BAD_REQUEST');
  });

  it('answers a bad v2 request body with a 400 errors[] envelope and changes nothing', async () => {
    const response = await site.request('POST', '/wiki/api/v2/users-bulk', { json: { accountIds: 'x' } });
    assert.equal(response.status, 400);
    assert.equal((response.body as V2Errors).errors[0]?.code, 'BAD_REQUEST');
  });

  it('answers malformed JSON with a 400 in the surface shape, never a 500', async () => {
    const v1 = await site.request('POST', '/rest/api/admin/user', {
      body: '{"userName":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(v1.status, 400);
    assert.equal((v1.body as RestError).statusCode, 400);
    const v2 = await site.request('POST', '/wiki/api/v2/users-bulk', {
      body: '[[[',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(v2.status, 400);
    assert.equal((v2.body as V2Errors).errors[0]?.status, 400);
  });

  it('answers an unsupported request body type with 415, not a stack trace', async () => {
    const response = await site.request('POST', '/rest/api/admin/group', {
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-atlassian-token': 'no-check' },
    });
    assert.equal(response.status, 415);
    assert.equal((response.body as RestError).statusCode, 415);
    assert.doesNotMatch(response.text, /at .*\.ts:\d+/);
  });

  it('answers a non-numeric start with a 400 that names the parameter', async () => {
    const response = await site.request('GET', '/rest/api/user/list?start=abc');
    assert.equal(response.status, 400);
    assert.match((response.body as RestError).message, /start/);
  });

  it('answers a number too large to count with a 400 on every v1 list, never a 500', async () => {
    await site.request('POST', '/rest/api/space', { json: { key: 'BIG', name: 'Big numbers' } });
    const page = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', title: 'Big numbers', space: { key: 'BIG' } },
    });
    const id = (page.body as { id: string }).id;
    const huge = '99999999999999999999';
    for (const path of [
      `/rest/api/content/${id}/child/attachment?start=${huge}`,
      `/rest/api/content/${id}/child/attachment?limit=${huge}`,
      `/rest/api/content/${id}/version?start=${huge}`,
      `/rest/api/content/${id}/label?start=${huge}`,
      `/rest/api/content/${id}/descendant/attachment?start=${huge}`,
      `/rest/api/content?type=attachment&start=${huge}`,
      `/rest/api/content/search?cql=type%3Dpage&start=${huge}`,
      `/rest/api/search?cql=type%3Dpage&start=${huge}`,
      `/rest/api/space/BIG/content?start=${huge}`,
      `/rest/api/space?start=${huge}`,
      `/rest/api/content/${id}?version=${huge}`,
    ]) {
      const response = await site.request('GET', path);
      assert.equal(response.status, 400, `${path}: ${response.text}`);
      assert.equal((response.body as RestError).statusCode, 400, path);
    }
  });

  it('refuses a bodiless POST without the XSRF token, as a cross-site form could send it', async () => {
    const response = await site.request('POST', '/rest/api/user/watch/space/ANY');
    assert.equal(response.status, 403);
    assert.equal(response.text, 'XSRF check failed');
  });

  it('takes the first of a repeated parameter rather than failing', async () => {
    const repeated = await site.request('GET', '/rest/api/user/list?limit=1&limit=2&expand=a&expand=b');
    assert.equal(repeated.status, 200);
    assert.equal((repeated.body as { limit: number }).limit, 1);
  });

  it('carries a request id on every response', async () => {
    const response = await site.request('GET', '/rest/api/no-such-thing');
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });
});
