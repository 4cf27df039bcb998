/**
 * The toolkit against a real Tributary with rate limiting on: a bucket far smaller than the job, so bulk
 * uploads and downloads run into 429s and must wait out each Retry-After to finish.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, isolateEnvironment, jsonOf } from './toolkit-support.ts';

interface Report {
  summary: { done: number; skipped: number; failed: number };
}

describe('the toolkit against a rate-limited server', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let pageId: string;
  let args: string[];
  const files = new Map<string, Buffer>();

  /** Refusals so far, from the server's own count. */
  async function refusals(): Promise<number> {
    const metrics = await site.request('GET', '/metrics');
    return Number(/tributary_rate_limited_requests_total\{kind="user"\} (\d+)/.exec(metrics.text)?.[1] ?? 0);
  }

  before(async () => {
    await environment.setUp();
    // Two requests a second, none saved up beyond that; the administrator (who sets up) is exempt, and
    // the toolkit signs in as an ordinary user.
    site = await startTestServer({
      TRIBUTARY_RATE_LIMIT: 'true',
      TRIBUTARY_RATE_LIMIT_FILL_RATE: '2',
      TRIBUTARY_RATE_LIMIT_INTERVAL_SECONDS: '1',
      TRIBUTARY_RATE_LIMIT_MAX: '2',
      TRIBUTARY_RATE_LIMIT_EXEMPT_ADMINS: 'true',
    });
    await aUser(site, 'loader');
    pageId = await aPageToWorkOn(site, 'RLT');
    for (let n = 0; n < 10; n += 1)
      files.set(`file ${String(n).padStart(2, '0')}.bin`, randomBytes(4096 + n));
    // The default --retries: a 429 waited out is not a failed attempt (src/client/retry.ts), so however
    // often the requests in flight lose the race for a batch's tokens, none gives up.
    args = ['--url', site.reachableUrl, '--user', 'loader', '--token', 'loader-pw'];
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  it('uploads a folder in full, waiting as each 429 tells it', async () => {
    const dir = path.join(environment.workDir(), 'up');
    await mkdir(dir);
    for (const [name, content] of files) await writeFile(path.join(dir, name), content);
    const before = await refusals();
    const report = await jsonOf<Report>('attachments', 'upload', '--page', pageId, dir, ...args);
    assert.deepEqual([report.summary.done, report.summary.failed], [files.size, 0]);
    assert.ok((await refusals()) > before, 'the bucket ran dry at least once');
    const listed = await site.request('GET', `/wiki/api/v2/pages/${pageId}/attachments?limit=50`);
    assert.equal((listed.body as { results: unknown[] }).results.length, files.size, 'each stored once');
  });

  it('downloads them all, byte for byte, through the same limit, with no retries to spare', async () => {
    const dir = path.join(environment.workDir(), 'down');
    const before = await refusals();
    // --retries 0: had a 429 waited out counted as a failed attempt, the first refusal would end its request.
    const report = await jsonOf<Report>(
      'attachments',
      'download',
      '--page',
      pageId,
      dir,
      ...args,
      '--retries',
      '0',
    );
    assert.deepEqual([report.summary.done, report.summary.failed], [files.size, 0]);
    assert.ok((await refusals()) > before, 'the bucket ran dry at least once');
    for (const [name, content] of files)
      assert.deepEqual(await readFile(path.join(dir, pageId, name)), content);
  });
});
