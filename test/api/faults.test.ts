/**
 * Test mode's faults on demand (docs/testing.md, "Faults"), each kind over real HTTP against the real
 * server: rules are added, listed and removed at `/rest/tributary/1.0/faults`, and hit the requests they
 * match exactly as often as they say.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
const faults = '/rest/tributary/1.0/faults';
const adminAuth = basic('admin', adminPassword);
// Test mode over the suite's own throwaway database and bucket, whichever the environment chose.
const testMode = { TRIBUTARY_TEST_MODE: 'true', TRIBUTARY_TEST_MODE_FORCE: 'true' };

/** The status, head and body bytes of one request over its own connection, and whether it ended early. */
function rawGet(url: string, auth: string) {
  return new Promise<{ status: number; headers: Json; bytes: number; cutShort: boolean }>(
    (resolve, reject) => {
      const request = httpRequest(url, { headers: { authorization: auth }, agent: false }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        const done = (cutShort: boolean) => () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes, cutShort });
        response.on('end', done(false));
        response.on('aborted', done(true));
        response.on('error', done(true));
      });
      request.on('error', reject);
      request.end();
    },
  );
}

describe('test mode: faults on demand', () => {
  let site: TestServer;
  let pageId: string;
  const addFault = async (rule: Json) => {
    const answer = await site.request('POST', faults, { json: rule });
    assert.equal(answer.status, 201, answer.text);
    return answer.body as Json & { id: number };
  };
  const listed = async () => ((await site.request('GET', faults)).body as { results: Json[] }).results;

  before(async () => {
    site = await startTestServer(testMode);
    await aSpace(site, 'FLT');
    pageId = String((await aPage(site, 'FLT', 'Faulty')).id);
    await aUser(site, 'bob');
  });
  afterEach(async () => {
    assert.equal((await site.request('DELETE', faults)).status, 204);
  });
  after(async () => {
    await site?.dispose();
  });

  it('adds a rule (201, with its id), lists it with what is left, and removes it by id', async () => {
    const rule = { method: 'GET', path: '/wiki/api/v2/pages/*', status: 503, times: 1 };
    const added = await addFault(rule);
    assert.deepEqual(added, { id: added.id, ...rule, remaining: 1, injected: 0 });
    const other = await addFault({ path: '/rest/api/**', delayMs: 1 });
    assert.deepEqual(
      (await listed()).map((entry) => [entry.id, entry.remaining]),
      [
        [added.id, 1],
        [other.id, null],
      ],
    );
    assert.equal((await site.request('DELETE', `${faults}/${added.id}`)).status, 204);
    assert.deepEqual(
      (await listed()).map((entry) => entry.id),
      [other.id],
    );
    const missing = await site.request('DELETE', `${faults}/${added.id}`);
    assert.equal(missing.status, 404);
    assert.match((missing.body as Json).message as string, new RegExp(`No fault rule with id ${added.id}`));
    assert.equal((await site.request('DELETE', faults)).status, 204);
    assert.deepEqual(await listed(), []);
  });

  it('refuses a bad rule with 400 in the v1 error shape, saying what is wrong', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ path: '/rest/api/space' }, /needs something to do/],
      [{ path: 'rest/api/space', status: 503 }, /'path' must start with \//],
      [{ path: '/rest/api/sp*', status: 503 }, /\* stands for one whole segment/],
      [{ path: '/rest/api/space', status: 200 }, /'status' must be a whole number from 400 to 599/],
      [{ path: '/x', status: 500, retryAfter: 2 }, /'retryAfter' goes with status 429 or 503/],
      [{ path: '/x', reset: true, status: 503 }, /does one thing/],
      [{ path: '/x', status: 503, probability: 1.5 }, /'probability' must be a number above 0/],
      [{ path: '/x', status: 503, seed: 4 }, /'seed' goes with 'probability'/],
      [{ path: '/x', status: 503, statusCode: 503 }, /Unknown field 'statusCode'/],
      [[{ path: '/x', status: 503 }], /A fault rule is a JSON object/],
    ];
    for (const [rule, message] of cases) {
      const answer = await site.request('POST', faults, { json: rule });
      assert.equal(answer.status, 400, JSON.stringify(rule));
      const body = answer.body as Json;
      assert.equal(body.statusCode, 400);
      assert.equal(body.reason, 'Bad Request');
      assert.match(body.message as string, message);
    }
    assert.deepEqual(await listed(), []);
  });

  it('answers 403 to anyone but an administrator', async () => {
    const bob = { auth: ['bob', 'bob-pw'] as [string, string] };
    assert.equal((await site.request('GET', faults, bob)).status, 403);
    assert.equal(
      (await site.request('POST', faults, { ...bob, json: { path: '/x', status: 503 } })).status,
      403,
    );
    assert.equal((await site.request('DELETE', faults, bob)).status, 403);
  });

  it('answers 503 in the v2 error shape for the next `times` matches, then serves again', async () => {
    const rule = await addFault({ method: 'GET', path: '/wiki/api/v2/pages/*', status: 503, times: 1 });
    const failed = await site.request('GET', `/wiki/api/v2/pages/${pageId}`);
    assert.equal(failed.status, 503);
    const [error] = (failed.body as { errors: Json[] }).errors;
    assert.equal(error?.status, 503);
    assert.equal(error?.code, 'SERVICE_UNAVAILABLE');
    assert.match(error?.detail as string, new RegExp(`fault ${rule.id}`));
    assert.equal((await site.request('GET', `/wiki/api/v2/pages/${pageId}`)).status, 200);
    assert.deepEqual(
      (await listed()).map((entry) => [entry.remaining, entry.injected]),
      [[0, 1]],
    );
  });

  it('answers 429 with Retry-After and Data Center’s X-RateLimit-* headers', async () => {
    await addFault({ path: '/rest/api/space', status: 429, retryAfter: 2, times: 1 });
    const limited = await site.request('GET', '/rest/api/space');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(limited.headers.get('x-ratelimit-limit'), '100');
    assert.equal(limited.headers.get('x-ratelimit-interval-seconds'), '1');
    assert.equal(limited.headers.get('x-ratelimit-fillrate'), '10');
    const body = limited.body as Json;
    assert.equal(body.statusCode, 429);
    assert.match(body.message as string, /Rate limit exceeded.*try again in 2 seconds/);
    assert.equal((await site.request('GET', '/rest/api/space')).status, 200);
  });

  it('answers 500 in the v1 error shape, changing nothing', async () => {
    await addFault({ method: 'POST', path: '/rest/api/content', status: 500 });
    const failed = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', title: 'Never made', space: { key: 'FLT' } },
    });
    assert.equal(failed.status, 500);
    assert.equal((failed.body as Json).reason, 'Internal Server Error');
    await site.request('DELETE', faults);
    const found = await site.request('GET', '/rest/api/content?spaceKey=FLT&title=Never%20made');
    assert.deepEqual((found.body as { results: unknown[] }).results, []);
  });

  it('adds latency, then serves the request as usual', async () => {
    await addFault({ path: '/rest/api/space/FLT', delayMs: 300, times: 1 });
    const started = performance.now();
    const answer = await site.request('GET', '/rest/api/space/FLT');
    // Only a lower bound: a wait can be longer on a loaded machine, never shorter.
    assert.ok(performance.now() - started >= 290, 'the answer came after the delay');
    assert.equal(answer.status, 200);
    assert.equal((answer.body as Json).key, 'FLT');
  });

  it('sends the head and the first N bytes of the body, then closes the connection', async () => {
    await addFault({ method: 'GET', path: '/rest/api/space/*', cutAfterBytes: 10, times: 1 });
    const cut = await rawGet(`${site.reachableUrl}/rest/api/space/FLT`, adminAuth);
    assert.equal(cut.status, 200);
    assert.ok(Number(cut.headers['content-length']) > 10, 'the head announces the whole body');
    assert.deepEqual([cut.bytes, cut.cutShort], [10, true]);
    const whole = await rawGet(`${site.reachableUrl}/rest/api/space/FLT`, adminAuth);
    assert.equal(whole.cutShort, false);
    assert.equal(whole.bytes, Number(whole.headers['content-length']));
  });

  it('cuts a streamed download after exactly N bytes too', async () => {
    const uploaded = await anUpload(site, pageId, [{ name: 'long.bin', content: Buffer.alloc(300_000, 1) }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    const [attachment] = (uploaded.body as { results: Json[] }).results;
    const download = `/rest/api/content/${pageId}/child/attachment/${attachment?.id}/download`;
    await addFault({ method: 'GET', path: '/rest/api/**/download', cutAfterBytes: 100_000, times: 1 });
    const cut = await rawGet(site.reachableUrl + download, adminAuth);
    assert.deepEqual(
      [cut.status, cut.headers['content-length'], cut.bytes, cut.cutShort],
      [200, '300000', 100_000, true],
    );
    await site.request('DELETE', `/rest/api/content/${attachment?.id}`);
  });

  it('resets the connection without an answer, and the request is not served', async () => {
    await addFault({ method: 'POST', path: '/rest/api/content', reset: true, times: 1 });
    await assert.rejects(
      site.request('POST', '/rest/api/content', {
        json: { type: 'page', title: 'Lost on the way', space: { key: 'FLT' } },
      }),
      TypeError,
    );
    const found = await site.request('GET', '/rest/api/content?spaceKey=FLT&title=Lost%20on%20the%20way');
    assert.deepEqual((found.body as { results: unknown[] }).results, []);
  });

  it('accepts an upload’s bytes and fails before committing: nothing shows, no bytes are left', async () => {
    const blobsBefore = await site.blobStore.blobHashes();
    await addFault({
      method: 'POST',
      path: '/rest/api/content/*/child/attachment',
      failUpload: true,
      times: 1,
    });
    const content = Buffer.alloc(256 * 1024, 7);
    const failed = await anUpload(site, pageId, [{ name: 'doomed.bin', content }]);
    assert.equal(failed.status, 500, failed.text);
    assert.equal((failed.body as Json).statusCode, 500);
    assert.match((failed.body as Json).message as string, /injected by test mode/);
    const attachments = await site.request('GET', `/rest/api/content/${pageId}/child/attachment`);
    assert.deepEqual((attachments.body as { results: unknown[] }).results, []);
    assert.deepEqual(await site.blobStore.blobHashes(), blobsBefore);
    assert.deepEqual(await site.blobStore.leftovers(), []);
    const retried = await anUpload(site, pageId, [{ name: 'doomed.bin', content }]);
    assert.equal(retried.status, 200, retried.text);
  });

  it('fails an upload with the status the rule names, 503 here, and leaves other requests alone', async () => {
    await addFault({ path: '/rest/api/**', failUpload: true, status: 503, retryAfter: 5 });
    assert.equal((await site.request('GET', '/rest/api/space/FLT')).status, 200, 'not an upload');
    const failed = await anUpload(site, pageId, [{ name: 'busy.txt', content: 'later' }]);
    assert.equal(failed.status, 503, failed.text);
    assert.equal(failed.headers.get('retry-after'), '5');
    assert.deepEqual(
      (await listed()).map((entry) => entry.injected),
      [1],
    );
  });

  it('hits only the requests of the user it names', async () => {
    await addFault({ path: '/rest/api/space', user: 'BOB', status: 503 });
    assert.equal((await site.request('GET', '/rest/api/space')).status, 200);
    assert.equal((await site.request('GET', '/rest/api/space', { auth: ['bob', 'bob-pw'] })).status, 503);
  });

  it('matches * to one path segment and ** to any rest', async () => {
    await addFault({ method: 'GET', path: '/rest/api/space/*', status: 503 });
    assert.equal((await site.request('GET', '/rest/api/space/FLT')).status, 503);
    assert.equal((await site.request('GET', '/rest/api/space/FLT/content')).status, 200);
    assert.equal((await site.request('GET', '/rest/api/space')).status, 200);
    await site.request('DELETE', faults);
    await addFault({ method: 'GET', path: '/rest/api/space/**', status: 503 });
    assert.equal((await site.request('GET', '/rest/api/space/FLT/content')).status, 503);
    assert.equal((await site.request('GET', '/rest/api/space')).status, 503);
    assert.equal((await site.request('GET', '/rest/api/content')).status, 200);
  });

  it('puts every injected fault in the request journal', async () => {
    const rule = await addFault({ method: 'GET', path: '/rest/api/space/*', status: 503, times: 1 });
    await site.request('DELETE', '/rest/tributary/1.0/requests');
    assert.equal((await site.request('GET', '/rest/api/space/FLT')).status, 503);
    const journal = await site.request('GET', '/rest/tributary/1.0/requests');
    const entries = (
      journal.body as { results: { path: string; warnings: { code: string; message: string }[] }[] }
    ).results;
    const faulted = entries.find((entry) => entry.path === '/rest/api/space/FLT');
    assert.deepEqual(
      faulted?.warnings.map((warning) => warning.code),
      ['fault_injected'],
    );
    assert.match(faulted?.warnings[0]?.message ?? '', new RegExp(`Fault rule ${rule.id} `));
  });

  it('matches the path as the client sent it, whichever prefix answers it', async () => {
    await addFault({ method: 'GET', path: '/wiki/rest/api/space/*', status: 503 });
    assert.equal((await site.request('GET', '/wiki/rest/api/space/FLT')).status, 503);
    assert.equal((await site.request('GET', '/rest/api/space/FLT')).status, 200);
    await site.request('DELETE', faults);
    await addFault({ method: 'GET', path: '/api/v2/spaces', status: 503 });
    assert.equal((await site.request('GET', '/api/v2/spaces')).status, 503);
    assert.equal((await site.request('GET', '/wiki/api/v2/spaces')).status, 200);
  });

  it('never reaches its own routes, so rules can always be listed and removed', async () => {
    await addFault({ path: '/**', status: 503 });
    assert.equal((await site.request('GET', '/rest/api/space')).status, 503);
    assert.equal((await site.request('GET', faults)).status, 200);
  });

  it('hits with a probability drawn from its seed: the same requests on every run', async () => {
    const pattern = async () => {
      await addFault({ method: 'GET', path: '/rest/api/space', status: 503, probability: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let n = 0; n < 16; n += 1) statuses.push((await site.request('GET', '/rest/api/space')).status);
      await site.request('DELETE', faults);
      return statuses;
    };
    const first = await pattern();
    assert.ok(first.includes(503) && first.includes(200), first.join(' '));
    assert.deepEqual(await pattern(), first);
  });
});

describe('test mode: faults from TRIBUTARY_FAULTS, under a context path', () => {
  let site: TestServer;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-faults-'));
    const file = path.join(dir, 'faults.json');
    await writeFile(
      file,
      JSON.stringify([{ method: 'GET', path: '/rest/api/space', status: 503, times: 2 }]),
    );
    site = await startTestServer({
      ...testMode,
      TRIBUTARY_CONTEXT_PATH: '/confluence',
      TRIBUTARY_FAULTS: file,
    });
  });
  after(async () => {
    await site?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies the rules of the file from the start, matched below the context path', async () => {
    // site.request goes to the reachable URL, which ends in /confluence.
    assert.equal((await site.request('GET', '/rest/api/space')).status, 503);
    assert.equal((await site.request('GET', '/rest/api/space')).status, 503);
    assert.equal((await site.request('GET', '/rest/api/space')).status, 200);
    const { results } = (await site.request('GET', faults)).body as { results: Json[] };
    assert.deepEqual(
      results.map((entry) => [entry.id, entry.path, entry.remaining, entry.injected]),
      [[1, '/rest/api/space', 0, 2]],
    );
  });
});
