import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** The address the audit log records for the newest change, made with the given forwarding header. */
async function auditedAddressOf(site: TestServer, key: string, forwardedFor: string): Promise<string> {
  const created = await site.request('POST', '/rest/api/space', {
    json: { key, name: key },
    headers: { 'x-forwarded-for': forwardedFor },
  });
  assert.equal(created.status, 200, created.text);
  const audit = await site.request('GET', `/rest/api/audit?searchString=${key}&limit=1`);
  const [record] = (audit.body as { results: { remoteAddress: string }[] }).results;
  assert.ok(record, 'the change was audited');
  return record.remoteAddress;
}

describe('the client address behind a reverse proxy', () => {
  let plain: TestServer;
  let proxied: TestServer;

  before(async () => {
    plain = await startTestServer();
    proxied = await startTestServer({ TRIBUTARY_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' });
  });
  after(async () => {
    await plain.dispose();
    await proxied.dispose();
  });

  it('ignores X-Forwarded-For unless the hop before the server is a trusted proxy', async () => {
    assert.equal(await auditedAddressOf(plain, 'PLAIN', '203.0.113.7'), '127.0.0.1');
  });

  it('records the client a trusted proxy names, skipping trusted hops in between', async () => {
    assert.equal(await auditedAddressOf(proxied, 'ONEHOP', '203.0.113.7'), '203.0.113.7');
    // The client claims to be 198.51.100.1; the hop that reached our proxy (10.1.2.3) is trusted too.
    assert.equal(
      await auditedAddressOf(proxied, 'TWOHOPS', '198.51.100.1, 203.0.113.9, 10.1.2.3'),
      '203.0.113.9',
    );
  });
});
