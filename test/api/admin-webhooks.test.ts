import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { anUpload, aPage, aSpace, aUser, noCheck } from '../support/builders.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A listener on 127.0.0.1 that records every POST; `/flaky` answers 503 to its first request. */
async function aReceiver() {
  const received: Received[] = [];
  const failuresLeft = new Map<string, number>([['/flaky', 1]]);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0 || path === '/broken') {
        failuresLeft.set(path, left - 1);
        response.writeHead(503).end('try later');
        return;
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path: string) => received.filter((item) => item.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('DC webhooks', () => {
  let site: TestServer;
  let receiver: Awaited<ReturnType<typeof aReceiver>>;

  before(async () => {
    site = await startTestServer();
    receiver = await aReceiver();
    await aSpace(site, 'HOOK');
    await aUser(site, 'wendy');
  });
  after(async () => {
    await site.dispose();
    await receiver.close();
  });

  const create = async (json: Json) => {
    const response = await site.request('POST', '/rest/api/webhooks', { json });
    assert.equal(response.status, 201, response.text);
    // The spec's `Webhook` has event objects; the plugin answers create with a RestWebhook as GET does.
    assertMatchesSpec('dc', 'GET', '/rest/api/webhooks/{webhookId}', 200, response.body);
    return response.body as Json;
  };

  it('creates a webhook, reads it back, lists it by event, updates and deletes it', async () => {
    const created = await create({
      name: 'Lifecycle',
      url: receiver.url('/lifecycle'),
      events: ['space_created', 'page_created'],
      configuration: { secret: 's3cret' },
    });
    assert.equal(created.name, 'Lifecycle');
    assert.equal(created.active, true);
    assert.deepEqual(created.events, ['page_created', 'space_created']);

    const read = await site.request('GET', `/rest/api/webhooks/${created.id}?statistics=true`);
    assert.equal(read.status, 200, read.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/webhooks/{webhookId}', 200, read.body);
    assert.equal((read.body as Json).url, receiver.url('/lifecycle'));
    assert.deepEqual(((read.body as Json).statistics as Json).counts, {
      successes: 0,
      failures: 0,
      errors: 0,
    });

    const byEvent = await site.request('GET', '/rest/api/webhooks?event=space_created');
    assertMatchesSpec('dc', 'GET', '/rest/api/webhooks', 200, byEvent.body);
    const ids = ((byEvent.body as Json).results as Json[]).map((webhook) => webhook.id);
    assert.ok(ids.includes(created.id));
    const other = await site.request('GET', '/rest/api/webhooks?event=user_removed');
    assert.ok(!((other.body as Json).results as Json[]).some((webhook) => webhook.id === created.id));

    const updated = await site.request('PUT', `/rest/api/webhooks/${created.id}`, {
      json: { name: 'Renamed', active: false },
    });
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec('dc', 'PUT', '/rest/api/webhooks/{webhookId}', 200, updated.body);
    const reread = (await site.request('GET', `/rest/api/webhooks/${created.id}`)).body as Json;
    assert.equal(reread.name, 'Renamed');
    assert.equal(reread.active, false);
    assert.equal(reread.url, receiver.url('/lifecycle'), 'fields not given keep their values');

    assert.equal((await site.request('DELETE', `/rest/api/webhooks/${created.id}`)).status, 204);
    assert.equal((await site.request('GET', `/rest/api/webhooks/${created.id}`)).status, 404);
    assert.equal((await site.request('DELETE', `/rest/api/webhooks/${created.id}`)).status, 404);
  });

  it('posts a signed JSON body for each committed change it listens to, once each', async () => {
    const webhook = await create({
      name: 'Pages',
      url: receiver.url('/pages'),
      events: ['page_created', 'page_updated', 'page_trashed', 'attachment_created'],
      configuration: { secret: 'hook-secret' },
    });
    const page = await aPage(site, 'HOOK', 'Hooked page');
    const version = page.version as Json;
    const edited = await site.request('PUT', `/rest/api/content/${page.id}`, {
      json: {
        type: 'page',
        title: 'Hooked page, edited',
        version: { number: Number(version.number) + 1 },
        body: { storage: { value: '<p>edited</p>', representation: 'storage' } },
      },
    });
    assert.equal(edited.status, 200, edited.text);
    const uploaded = await anUpload(site, String(page.id), [{ name: 'notes.txt', content: 'hello' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    // A draft is no news to a listener.
    const draft = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', status: 'draft', title: 'Unpublished', space: { key: 'HOOK' } },
    });
    assert.equal(draft.status, 200, draft.text);
    // A change refused (a taken title) commits nothing, so nothing is sent for it.
    const refused = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', title: 'Hooked page, edited', space: { key: 'HOOK' } },
    });
    assert.equal(refused.status, 400, refused.text);
    assert.equal((await site.request('DELETE', `/rest/api/content/${page.id}`)).status, 204);

    const deliveries = await until('four deliveries', () =>
      receiver.at('/pages').length >= 4 ? receiver.at('/pages') : undefined,
    );
    await sleep(400);
    assert.equal(receiver.at('/pages').length, 4, 'each change is delivered once');
    // Due deliveries go out side by side, so they may arrive in any order (they do on PostgreSQL).
    const events = deliveries.map((delivery) => JSON.parse(delivery.body) as Json);
    assert.deepEqual(events.map((event) => String(event.event)).sort(), [
      'attachment_created',
      'page_created',
      'page_trashed',
      'page_updated',
    ]);
    const created = events.find((event) => event.event === 'page_created') as Json;
    assert.equal((created.page as Json).id, Number(page.id));
    assert.equal((created.page as Json).spaceKey, 'HOOK');
    assert.equal(created.user, 'admin');
    const first = deliveries.find(
      (delivery) => delivery.headers['x-event-key'] === 'page_created',
    ) as Received;
    assert.equal(first.headers['x-event-key'], 'page_created');
    assert.match(String(first.headers['content-type']), /application\/json/);
    const signature = createHmac('sha256', 'hook-secret').update(first.body).digest('hex');
    assert.equal(first.headers['x-hub-signature'], `sha256=${signature}`);

    const latest = await site.request('GET', `/rest/api/webhooks/${webhook.id}/latest`);
    assert.equal(latest.status, 200, latest.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/webhooks/{webhookId}/latest', 200, latest.body);
    const invocation = latest.body as Json;
    assert.equal((invocation.result as Json).outcome, 'SUCCESS');
    // The latest invocation is whichever delivery finished last: they go out side by side.
    assert.ok(
      events.some((event) => event.event === (invocation.event as Json).id),
      'one of the four',
    );
    const ofEvent = await site.request(
      'GET',
      `/rest/api/webhooks/${webhook.id}/latest?event=page_created&outcome=SUCCESS`,
    );
    assert.equal(((ofEvent.body as Json).event as Json).id, 'page_created');
    const noFailures = await site.request('GET', `/rest/api/webhooks/${webhook.id}/latest?outcome=FAILURE`);
    assert.equal(noFailures.status, 204);

    const statistics = await site.request('GET', `/rest/api/webhooks/${webhook.id}/statistics`);
    assert.equal(statistics.status, 200, statistics.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/webhooks/{webhookId}/statistics', 200, statistics.body);
    assert.deepEqual((statistics.body as Json).counts, { successes: 4, failures: 0, errors: 0 });
    const ofOne = await site.request('GET', `/rest/api/webhooks/${webhook.id}/statistics?event=page_updated`);
    assert.deepEqual((ofOne.body as Json).counts, { successes: 1, failures: 0, errors: 0 });
    const summary = await site.request('GET', `/rest/api/webhooks/${webhook.id}/statistics/summary`);
    assertMatchesSpec('dc', 'GET', '/rest/api/webhooks/{webhookId}/statistics/summary', 200, summary.body);
    assert.deepEqual((summary.body as Json).counts, { successes: 4, failures: 0, errors: 0 });
  });

  it('tries a failed delivery again after a delay, and records both attempts', async () => {
    const webhook = await create({ name: 'Flaky', url: receiver.url('/flaky'), events: ['space_created'] });
    const started = Date.now();
    const space = await site.request('POST', '/rest/api/space', { json: { key: 'FLAKY', name: 'Flaky' } });
    assert.ok(Date.now() - started < 1000, 'the change did not wait for the listener');
    assert.equal(space.status, 200, space.text);

    await until('a retried delivery', () => (receiver.at('/flaky').length >= 2 ? true : undefined));
    const [failed, retried] = receiver.at('/flaky');
    assert.equal(failed?.body, retried?.body, 'the retry sends the same event');
    assert.equal((JSON.parse(retried?.body ?? '{}') as Json).event, 'space_created');

    const statistics = await site.request('GET', `/rest/api/webhooks/${webhook.id}/statistics`);
    const history = statistics.body as Json;
    assert.deepEqual(history.counts, { successes: 1, failures: 1, errors: 0 });
    assert.match(String(((history.lastFailure as Json).result as Json).description), /^503/);
  });

  it('records an ERROR when nothing answers, without failing the change', async () => {
    const closed = await aReceiver();
    const deadUrl = closed.url('/gone');
    await closed.close();
    const webhook = await create({ name: 'Dead', url: deadUrl, events: ['group_created'] });
    const group = await site.request('POST', '/rest/api/admin/group', { json: { name: 'hooked-group' } });
    assert.ok(group.status < 300, group.text);
    const outcome = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const response = await site.request('GET', `/rest/api/webhooks/${webhook.id}/latest?outcome=ERROR`);
        if (response.status === 200) return ((response.body as Json).result as Json).outcome;
        await sleep(50);
      }
      return undefined;
    })();
    assert.equal(outcome, 'ERROR');
  });

  it('does not deliver to an inactive webhook', async () => {
    await create({ name: 'Off', url: receiver.url('/off'), events: ['space_created'], active: false });
    await aSpace(site, 'OFF');
    await sleep(600);
    assert.equal(receiver.at('/off').length, 0);
  });

  it('tests a URL now and reports what it answered', async () => {
    const ok = await site.request(
      'POST',
      `/rest/api/webhooks/test?url=${encodeURIComponent(receiver.url('/probe'))}`,
      { headers: noCheck },
    );
    assert.equal(ok.status, 200, ok.text);
    assert.equal(((ok.body as Json).result as Json).outcome, 'SUCCESS');
    assert.equal(receiver.at('/probe').length, 1);
    const broken = await site.request(
      'POST',
      `/rest/api/webhooks/test?url=${encodeURIComponent(receiver.url('/broken'))}`,
      { headers: noCheck },
    );
    assert.equal(((broken.body as Json).result as Json).outcome, 'FAILURE');
  });

  it('refuses bad webhooks with a 400 and stores nothing', async () => {
    const before = ((await site.request('GET', '/rest/api/webhooks')).body as Json).size;
    for (const json of [
      { name: 'No URL', events: ['page_created'] },
      { name: 'File URL', url: 'file:///etc/passwd', events: ['page_created'] },
      { name: 'Not a URL', url: 'not a url', events: ['page_created'] },
      { name: 'No events', url: receiver.url('/x'), events: [] },
      { name: 'Odd event', url: receiver.url('/x'), events: ['page_exploded'] },
      { url: receiver.url('/x'), events: ['page_created'] },
      { name: 'Bad flag', url: receiver.url('/x'), events: ['page_created'], active: 'yes' },
    ]) {
      const response = await site.request('POST', '/rest/api/webhooks', { json });
      assert.equal(response.status, 400, `${JSON.stringify(json)}: ${response.text}`);
    }
    assert.equal(((await site.request('GET', '/rest/api/webhooks')).body as Json).size, before);
    const probe = (query: string) =>
      site.request('POST', `/rest/api/webhooks/test${query}`, { headers: noCheck });
    assert.equal((await probe('?url=ftp://example.com')).status, 400);
    assert.equal((await probe('')).status, 400);
    assert.equal((await site.request('GET', '/rest/api/webhooks/abc')).status, 400);
    assert.equal((await site.request('GET', '/rest/api/webhooks?event=nope')).status, 400);
  });

  it('is for administrators only', async () => {
    const wendy: [string, string] = ['wendy', 'wendy-pw'];
    const webhook = await create({
      name: 'Guarded',
      url: receiver.url('/guarded'),
      events: ['page_created'],
    });
    for (const [method, path] of [
      ['GET', '/rest/api/webhooks'],
      ['POST', '/rest/api/webhooks'],
      ['GET', `/rest/api/webhooks/${webhook.id}`],
      ['PUT', `/rest/api/webhooks/${webhook.id}`],
      ['DELETE', `/rest/api/webhooks/${webhook.id}`],
      ['GET', `/rest/api/webhooks/${webhook.id}/latest`],
      ['GET', `/rest/api/webhooks/${webhook.id}/statistics`],
      ['GET', `/rest/api/webhooks/${webhook.id}/statistics/summary`],
      ['POST', `/rest/api/webhooks/test?url=${encodeURIComponent(receiver.url('/guarded'))}`],
    ] as const) {
      const response = await site.request(method, path, {
        auth: wendy,
        headers: noCheck,
        ...(method === 'POST' || method === 'PUT' ? { json: { name: 'x' } } : {}),
      });
      assert.equal(response.status, 403, `${method} ${path}: ${response.text}`);
    }
    assert.equal((await site.request('GET', '/rest/api/webhooks', { auth: null })).status, 401);
    assert.equal(receiver.at('/guarded').length, 0);
    assert.equal((await site.request('GET', `/rest/api/webhooks/${webhook.id}`)).status, 200);
  });
});
