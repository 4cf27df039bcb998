/**
 * The client's HTTP layer against the real server, with a fault proxy in between: retries, Retry-After,
 * the concurrency limit, credentials kept to the site, and flavour detection. Sleep and randomness are
 * injected, so no test waits for real.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ConfluenceHttpError,
  ConfluenceNetworkError,
  HttpClient,
  type HttpClientOptions,
  openConfluenceClient,
  RetryAfterTooLongError,
} from '../../src/client/index.ts';
import { anUpload } from '../support/builders.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { adminPassword, startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn } from './toolkit-support.ts';

describe('the client over HTTP, with faults injected', () => {
  let site: TestServer;
  let proxy: FaultProxy;
  let pageId: string;
  let sleeps: number[];

  const clientOptions = (overrides: Partial<HttpClientOptions> = {}): HttpClientOptions => ({
    siteUrl: proxy.url,
    credentials: { kind: 'basic', user: 'admin', secret: adminPassword },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    // A clock that stands still, as the injected sleep takes no time: waits are exactly what was asked.
    nowMs: () => Date.parse('2026-06-01T10:00:00Z'),
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, retryAfterBudgetMs: 60_000 },
    ...overrides,
  });
  const attachmentsPath = () => `/wiki/api/v2/pages/${pageId}/attachments`;

  before(async () => {
    site = await startTestServer();
    pageId = await aPageToWorkOn(site, 'HTTP');
    await anUpload(site, pageId, [{ name: 'one.txt', content: 'one' }]);
    proxy = await startFaultProxy(site.reachableUrl);
  });

  after(async () => {
    await proxy.close();
    await site.dispose();
  });

  beforeEach(() => {
    sleeps = [];
  });

  it('waits out each 429 for as long as Retry-After says, then succeeds', async () => {
    const http = new HttpClient(clientOptions());
    proxy.rateLimit(3, '2', /attachments/);
    const body = (await http.json('GET', attachmentsPath())) as { results: unknown[] };
    assert.equal(body.results.length, 1);
    assert.deepEqual(sleeps, [2000, 2000, 2000]);
    await http.close();
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const nowMs = Date.parse('2026-06-01T10:00:00Z');
    const http = new HttpClient(clientOptions({ nowMs: () => nowMs }));
    proxy.rateLimit(1, new Date(nowMs + 7000).toUTCString(), /attachments/);
    await http.json('GET', attachmentsPath());
    assert.deepEqual(sleeps, [7000]);
    await http.close();
  });

  it('backs off with jitter when a 429 names no wait, doubling the ceiling each time', async () => {
    const http = new HttpClient(clientOptions());
    proxy.rateLimit(3, undefined, /attachments/);
    await http.json('GET', attachmentsPath());
    assert.deepEqual(sleeps, [50, 100, 200]);
    await http.close();
  });

  it("gives up after the last attempt with the server's status and message, when no Retry-After is named", async () => {
    const http = new HttpClient(clientOptions());
    proxy.rateLimit(4, undefined, /attachments/);
    await assert.rejects(http.json('GET', attachmentsPath()), (error: unknown) => {
      assert.ok(error instanceof ConfluenceHttpError);
      assert.equal(error.status, 429);
      assert.equal(error.serverMessage, 'Rate limit exceeded');
      assert.match(error.message, /^GET \/wiki\/api\/v2\/pages\/\d+\/attachments answered 429/);
      return true;
    });
    assert.deepEqual(sleeps, [50, 100, 200]);
    await http.close();
  });

  it('does not count a 429 it waited out as a failed attempt: more of them than attempts still succeed', async () => {
    const http = new HttpClient(clientOptions());
    proxy.rateLimit(6, '1', /attachments/);
    const body = (await http.json('GET', attachmentsPath())) as { results: unknown[] };
    assert.equal(body.results.length, 1);
    assert.deepEqual(sleeps, [1000, 1000, 1000, 1000, 1000, 1000], 'six waits on four attempts');
    await http.close();
  });

  it("waits out a 503's Retry-After without counting it, as a 429's", async () => {
    const http = new HttpClient(clientOptions());
    proxy.failWith(503, 5, /^GET .*attachments/, '2');
    await http.json('GET', attachmentsPath());
    assert.deepEqual(sleeps, [2000, 2000, 2000, 2000, 2000]);
    await http.close();
  });

  it('fails clearly once the Retry-After waits would pass the budget, without waiting the last', async () => {
    const http = new HttpClient(
      clientOptions({ retry: { ...clientOptions().retry, retryAfterBudgetMs: 3000 } }),
    );
    proxy.rateLimit(10, '1', /attachments/);
    try {
      await assert.rejects(http.json('GET', attachmentsPath()), (error: unknown) => {
        assert.ok(error instanceof RetryAfterTooLongError);
        assert.equal(error.status, 429);
        assert.match(
          error.message,
          /answered 429 with Retry-After 1 s, more than the 0 s this request may still wait/,
        );
        return true;
      });
      assert.deepEqual(sleeps, [1000, 1000, 1000]);
    } finally {
      proxy.clearFaults();
      await http.close();
    }
  });

  it('fails at once, saying why, when Retry-After asks for longer than the whole budget', async () => {
    const http = new HttpClient(clientOptions());
    proxy.rateLimit(1, '7200', /attachments/);
    await assert.rejects(http.json('GET', attachmentsPath()), (error: unknown) => {
      assert.ok(error instanceof RetryAfterTooLongError);
      assert.match(
        error.message,
        /^GET \/wiki\/api\/v2\/pages\/\d+\/attachments answered 429 with Retry-After 7200 s, more than the 60 s/,
      );
      return true;
    });
    assert.deepEqual(sleeps, []);
    await http.close();
  });

  it('retries a GET on 503 but never a POST, which may have been carried out', async () => {
    const http = new HttpClient(clientOptions());
    proxy.failWith(503, 2, /^GET .*attachments/);
    await http.json('GET', attachmentsPath());
    assert.equal(sleeps.length, 2);

    proxy.failWith(503, 1, /^POST /);
    await assert.rejects(
      http.json('POST', '/rest/api/content', { json: { type: 'page', title: 'x', space: { key: 'HTTP' } } }),
      (error: unknown) => error instanceof ConfluenceHttpError && error.status === 503,
    );
    assert.equal(sleeps.length, 2, 'no wait, no second try');
    await http.close();
  });

  it('sends a POST again after a 429, since the server did not act on it', async () => {
    const client = await openConfluenceClient({ url: proxy.url, ...clientOptions() });
    const before = await countAttachments();
    proxy.rateLimit(2, '1', /^POST /);
    const dir = await mkdtemp(path.join(tmpdir(), 'tributary-post-'));
    await writeFile(path.join(dir, 'retried.txt'), 'sent twice, stored once');
    const uploaded = await client.upload({
      containerId: pageId,
      filePath: path.join(dir, 'retried.txt'),
      sizeBytes: 23,
      name: 'retried.txt',
    });
    assert.equal(uploaded.title, 'retried.txt');
    assert.equal(uploaded.sizeBytes, 23);
    assert.equal(await countAttachments(), before + 1);
    assert.deepEqual(sleeps, [1000, 1000]);
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('retries dropped connections and reports a network error once attempts run out', async () => {
    const dropsThenRecovers = new HttpClient(
      clientOptions({
        sleep: async (ms) => {
          sleeps.push(ms);
          if (sleeps.length === 2) proxy.dropConnections(false);
        },
      }),
    );
    proxy.dropConnections(true);
    await dropsThenRecovers.json('GET', attachmentsPath());
    assert.equal(sleeps.length, 2);
    await dropsThenRecovers.close();

    sleeps = [];
    const http = new HttpClient(clientOptions());
    proxy.dropConnections(true);
    try {
      await assert.rejects(http.json('GET', attachmentsPath()), (error: unknown) => {
        assert.ok(error instanceof ConfluenceNetworkError);
        assert.match(error.message, /^GET \/wiki\/api\/v2\/pages\/\d+\/attachments failed/);
        return true;
      });
      assert.equal(sleeps.length, 3);
    } finally {
      proxy.dropConnections(false);
      await http.close();
    }
  });

  it('never has more requests in flight than its concurrency limit', async () => {
    const http = new HttpClient(clientOptions({ siteUrl: proxy.url, concurrency: 3 }));
    const inFlightBefore = proxy.log.length;
    await Promise.all(Array.from({ length: 24 }, () => http.json('GET', attachmentsPath())));
    assert.equal(proxy.log.length - inFlightBefore, 24);
    assert.ok(proxy.maxInFlight <= 3, `saw ${proxy.maxInFlight} requests at once`);
    await http.close();
  });

  it('keeps the secret out of every error and sends credentials only to the site', async () => {
    const wrong = new HttpClient(
      clientOptions({ credentials: { kind: 'basic', user: 'admin', secret: 'not-the-password-s3cret' } }),
    );
    await assert.rejects(wrong.json('GET', attachmentsPath()), (error: unknown) => {
      assert.ok(error instanceof ConfluenceHttpError);
      assert.equal(error.status, 401);
      const shown = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
      assert.ok(!shown.includes('not-the-password-s3cret'));
      assert.ok(!shown.includes(Buffer.from('admin:not-the-password-s3cret').toString('base64')));
      return true;
    });
    await wrong.close();

    // A redirect to another origin (Cloud's media host) must arrive without the Authorization header.
    const seen: Array<string | undefined> = [];
    const media = http.createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.end('bytes');
    });
    media.listen(0, '127.0.0.1');
    await once(media, 'listening');
    const mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}/file`;
    const site = http.createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(302, { location: mediaUrl }).end();
    });
    site.listen(0, '127.0.0.1');
    await once(site, 'listening');
    const client = new HttpClient(
      clientOptions({ siteUrl: `http://127.0.0.1:${(site.address() as AddressInfo).port}` }),
    );
    const response = await client.send('GET', '/download');
    assert.equal(await response.text(), 'bytes');
    assert.deepEqual(seen, [`Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`, undefined]);
    await client.close();
    site.close();
    media.close();
  });

  it('refuses a URL with credentials inside', () => {
    assert.throws(() => new HttpClient({ siteUrl: 'http://admin:pw@127.0.0.1:1' }), /not inside the URL/);
  });

  it('detects Tributary, and tells Cloud from Data Center by which APIs answer', async () => {
    const options = { url: proxy.url, credentials: clientOptions().credentials };
    const tributary = await openConfluenceClient(options);
    assert.equal(tributary.server.flavour, 'tributary');
    assert.equal(tributary.server.v2, '/wiki/api/v2');
    await tributary.close();

    // Without its header, a server answering v2 under /wiki is Cloud…
    const disguised = await startFaultProxy(site.reachableUrl);
    disguised.stripHeader('x-tributary-version');
    const cloud = await openConfluenceClient({ ...options, url: `${disguised.url}/wiki` });
    assert.equal(cloud.server.flavour, 'cloud');
    assert.equal(cloud.server.extender, false);
    await cloud.close();
    // …and one whose /wiki paths are not there is Data Center, here with the Extender's endpoints.
    disguised.failWith(404, 1000, /^GET \/wiki\//);
    const datacenter = await openConfluenceClient({ ...options, url: disguised.url });
    assert.deepEqual(
      { flavour: datacenter.server.flavour, extender: datacenter.server.extender, v1: datacenter.server.v1 },
      { flavour: 'datacenter', extender: true, v1: '/rest/api' },
    );
    await datacenter.close();
    await disguised.close();

    const named = await openConfluenceClient({ ...options, flavour: 'datacenter', extender: false });
    assert.deepEqual([named.server.flavour, named.server.extender], ['datacenter', false]);
    await named.close();
  });

  async function countAttachments(): Promise<number> {
    const response = await site.request('GET', `/wiki/api/v2/pages/${pageId}/attachments?limit=250`);
    return (response.body as { results: unknown[] }).results.length;
  }
});
