import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('GET /metrics', () => {
  describe('by default, for administrators only', () => {
    let site: TestServer;

    before(async () => {
      site = await startTestServer();
      await site.request('POST', '/rest/api/admin/user', {
        json: { userName: 'carol', fullName: 'Carol', email: 'carol@example.com', password: 'carol-pw' },
      });
    });
    after(() => site.dispose());

    it('refuses anyone else', async () => {
      assert.equal((await site.request('GET', '/metrics', { auth: null })).status, 401);
      assert.equal((await site.request('GET', '/metrics', { auth: ['carol', 'carol-pw'] })).status, 403);
    });

    it('counts requests by route pattern and status, with durations, bytes and the process', async () => {
      for (const key of ['NOPE1', 'NOPE2']) await site.request('GET', `/rest/api/space/${key}`);
      const before = await site.request('GET', '/metrics');
      const receivedBefore = Number(/^tributary_http_received_bytes_total (\d+)/m.exec(before.text)?.[1]);
      await site.request('POST', '/rest/api/space', { json: { key: 'MET', name: 'Metrics' } });

      const response = await site.request('GET', '/metrics');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = response.text;
      assert.match(
        text,
        /^tributary_http_requests_total\{method="GET",route="\/rest\/api\/space\/:spaceKey",status="404"\} 2$/m,
      );
      assert.doesNotMatch(text, /NOPE1/);
      assert.match(
        text,
        /^tributary_http_request_duration_seconds_count\{method="GET",route="\/rest\/api\/space\/:spaceKey",status="404"\} 2$/m,
      );
      assert.match(text, /^tributary_process_cpu_seconds_total /m);
      assert.match(text, /^tributary_nodejs_eventloop_lag_seconds /m);
      const received = Number(/^tributary_http_received_bytes_total (\d+)/m.exec(text)?.[1]);
      assert.ok(received > receivedBefore, `${received} > ${receivedBefore}`);
      assert.match(text, /^tributary_http_sent_bytes_total \d+/m);
      // SQLite keeps no pool to report.
      assert.doesNotMatch(text, /tributary_database_pool_connections/);
    });
  });

  it('answers anyone with TRIBUTARY_METRICS=public, and nobody with off', async () => {
    const open = await startTestServer({ TRIBUTARY_METRICS: 'public' });
    const off = await startTestServer({ TRIBUTARY_METRICS: 'off' });
    try {
      assert.equal((await open.request('GET', '/metrics', { auth: null })).status, 200);
      assert.equal((await off.request('GET', '/metrics')).status, 404);
    } finally {
      await open.dispose();
      await off.dispose();
    }
  });
});
