import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  connectionArgs,
  isolateEnvironment,
  jsonOf,
  succeeds,
  tributary,
} from '../toolkit/toolkit-support.ts';

describe('tributary journal', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let plain: TestServer;
  before(async () => {
    site = await startTestServer({ TRIBUTARY_TEST_MODE: 'true', TRIBUTARY_TEST_MODE_FORCE: 'true' });
    plain = await startTestServer();
    await environment.setUp();
    await site.request('GET', '/rest/api/space/NONE');
    await site.request('GET', '/wiki/rest/api/webhooks', { headers: { 'x-atlassian-token': 'nocheck' } });
  });
  after(async () => {
    await environment.restore();
    await site?.dispose();
    await plain?.dispose();
  });

  it('prints each request, oldest first, with its warnings under it', async () => {
    const out = await succeeds('journal', ...connectionArgs(site.reachableUrl));
    const lines = out.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^\S+Z {2}404 {2}GET \/rest\/api\/space\/NONE$/);
    assert.match(lines[1] ?? '', /^\S+Z {2}404 {2}GET \/wiki\/rest\/api\/webhooks$/);
    assert.match(lines[2] ?? '', /^ {4}dc_only_path_on_wiki: /);
    assert.match(lines[3] ?? '', /^ {4}nocheck_header: .*no-check/);
    assert.equal(lines.length, 4);
  });

  it('prints the entries as JSON, and only those with warnings when asked', async () => {
    const all = await jsonOf<{ path: string }[]>('journal', ...connectionArgs(site.reachableUrl));
    assert.deepEqual(
      all.map((entry) => entry.path),
      ['/rest/api/space/NONE', '/wiki/rest/api/webhooks'],
    );
    const warned = await jsonOf<{ path: string }[]>(
      'journal',
      '--warnings-only',
      ...connectionArgs(site.reachableUrl),
    );
    assert.deepEqual(
      warned.map((entry) => entry.path),
      ['/wiki/rest/api/webhooks'],
    );
  });

  it('prints the summary, as a table or as JSON', async () => {
    const out = await succeeds('journal', '--summary', ...connectionArgs(site.reachableUrl));
    assert.match(out, /^2 requests\nWARNING +COUNT\n/);
    assert.match(out, /\ndc_only_path_on_wiki +1\n/);
    assert.match(out, /\nnocheck_header +1\n/);
    const summary = await jsonOf<unknown>('journal', '--summary', ...connectionArgs(site.reachableUrl));
    assert.deepEqual(summary, {
      requests: 2,
      kept: 2,
      warnings: { dc_only_path_on_wiki: 1, nocheck_header: 1 },
    });
  });

  it('fails with exit code 1 and says why on a server without test mode', async () => {
    const result = await tributary('journal', ...connectionArgs(plain.reachableUrl));
    assert.equal(result.code, 1);
    assert.equal(result.out, '');
    assert.match(result.err, /keeps no request journal \(is test mode on\?\)/);
  });
});
