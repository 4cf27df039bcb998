import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { addApp } from '../../src/services/apps/add-app.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { anUpload, aPage, aSpace, aUser } from '../support/builders.ts';
import {
  adminPassword,
  type RequestOptions,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';
import { signInByForm } from '../support/web-session.ts';

const as = (name: string): RequestOptions => ({ auth: [name, `${name}-pw`] });
const limitHeaders = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-interval-seconds',
  'x-ratelimit-fillrate',
  'retry-after',
];
const limitsOf = (headers: Headers) =>
  Object.fromEntries(limitHeaders.map((name) => [name, headers.get(name)]));

describe('rate limiting, off by default', () => {
  it('sends no rate-limit headers and never 429 when not turned on', async () => {
    const site = await startTestServer();
    try {
      for (let i = 0; i < 5; i += 1) {
        const answer = await site.request('GET', '/rest/api/user/current');
        assert.equal(answer.status, 200);
        for (const name of limitHeaders) assert.equal(answer.headers.get(name), null, name);
      }
    } finally {
      await site.dispose();
    }
  });
});

// A bucket of 3 refilled by 1 every 600 s: nothing refills while these tests run, so each count is exact.
describe('rate limiting per user, app and client address', () => {
  let site: TestServer;
  let appToken: RequestOptions;
  let downloadPath: string;
  before(async () => {
    site = await startTestServer({
      TRIBUTARY_RATE_LIMIT: 'true',
      TRIBUTARY_RATE_LIMIT_FILL_RATE: '1',
      TRIBUTARY_RATE_LIMIT_INTERVAL_SECONDS: '600',
      TRIBUTARY_RATE_LIMIT_MAX: '3',
      TRIBUTARY_RATE_LIMIT_EXEMPT_ADMINS: 'true',
      TRIBUTARY_RATE_LIMIT_OVERRIDES: 'Rita=unlimited,vic=1/600:5',
      TRIBUTARY_ANONYMOUS_ACCESS: 'true',
      TRIBUTARY_TRUSTED_PROXIES: '127.0.0.1',
    });
    for (const name of ['amy', 'bob', 'carl', 'dora', 'eve', 'fay', 'rita', 'vic']) await aUser(site, name);
    const added = await addApp(site.server.site.services, systemPrincipal, {
      name: 'Exporter',
      username: 'dora',
    });
    appToken = { auth: { bearer: added.secret } };
    await aSpace(site, 'RL');
    const page = await aPage(site, 'RL', 'Limited');
    const uploaded = await anUpload(site, String(page.id), [{ name: 'a.txt', content: 'a' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    downloadPath = `/download/attachments/${page.id}/a.txt`;
  });
  after(() => site.dispose());

  const current = (options: RequestOptions) => site.request('GET', '/rest/api/user/current', options);

  it("sends Data Center's headers on every limited response, counting down", async () => {
    const seen = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await current(as('amy'));
      assert.equal(answer.status, 200);
      seen.push(limitsOf(answer.headers));
    }
    const expected = (remaining: number) => ({
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-interval-seconds': '600',
      'x-ratelimit-fillrate': '1',
    });
    assert.deepEqual(seen[0], { ...expected(2), 'retry-after': '0' });
    assert.deepEqual(seen[1], { ...expected(1), 'retry-after': '0' });
    // The last token taken: Retry-After now says how long until the next one.
    const { 'retry-after': wait, ...rest } = seen[2] ?? {};
    assert.deepEqual(rest, expected(0));
    assert.ok(Number(wait) > 0 && Number(wait) <= 600, `Retry-After ${wait}`);
  });

  it('answers 429 with Retry-After in the v1 error shape once the bucket is empty', async () => {
    const refused = await current(as('amy'));
    assert.equal(refused.status, 429);
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait > 0 && wait <= 600, `Retry-After ${wait}`);
    assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(refused.headers.get('x-ratelimit-limit'), '3');
    assert.equal(refused.headers.get('content-type'), 'application/json;charset=UTF-8');
    const body = refused.body as { statusCode: number; message: string; reason: string };
    assert.equal(body.statusCode, 429);
    assert.equal(body.reason, 'Too Many Requests');
    assert.match(body.message, new RegExp(`Rate limit exceeded.*${wait} seconds`));
  });

  it('answers 429 in the v2 error shape on v2, and refuses uploads alike', async () => {
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await site.request('GET', '/wiki/api/v2/spaces', as('bob'))).status, 200);
    }
    const refused = await site.request('GET', '/wiki/api/v2/spaces', as('bob'));
    assert.equal(refused.status, 429);
    const [error] = (refused.body as { errors: Array<Record<string, unknown>> }).errors;
    assert.equal(error?.status, 429);
    assert.equal(error?.code, 'TOO_MANY_REQUESTS');
    assert.match(String(error?.detail), /Rate limit exceeded/);
    const upload = await anUpload({ request: (m, p, o) => site.request(m, p, { ...o, ...as('bob') }) }, '1', [
      { name: 'b.txt', content: 'b' },
    ]);
    assert.equal(upload.status, 429);
  });

  it('keeps users apart: one limited user leaves another untouched', async () => {
    assert.equal((await current(as('amy'))).status, 429);
    const other = await current(as('carl'));
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('x-ratelimit-remaining'), '2');
  });

  it("counts an app's token against the app, apart from its user's own credentials", async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await current(appToken)).status, 200);
    assert.equal((await current(appToken)).status, 429);
    const own = await current(as('dora'));
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('x-ratelimit-remaining'), '2');
  });

  it('exempts administrators when told to, and users named unlimited; applies per-user rules', async () => {
    for (let i = 0; i < 6; i += 1) {
      const admin = await current({ auth: ['admin', adminPassword] });
      assert.equal(admin.status, 200);
      assert.equal(admin.headers.get('x-ratelimit-limit'), null);
      const rita = await current(as('rita'));
      assert.equal(rita.status, 200);
      assert.equal(rita.headers.get('x-ratelimit-limit'), null);
    }
    const vic = await current(as('vic'));
    assert.equal(vic.headers.get('x-ratelimit-limit'), '5');
    assert.equal(vic.headers.get('x-ratelimit-remaining'), '4');
  });

  it('limits anonymous requests per client address', async () => {
    const from = (address: string): RequestOptions => ({
      auth: null,
      headers: { 'x-forwarded-for': address },
    });
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await site.request('GET', '/rest/api/space', from('10.9.0.1'))).status, 200);
    }
    assert.equal((await site.request('GET', '/rest/api/space', from('10.9.0.1'))).status, 429);
    const elsewhere = await site.request('GET', '/rest/api/space', from('10.9.0.2'));
    assert.equal(elsewhere.status, 200);
    assert.equal(elsewhere.headers.get('x-ratelimit-remaining'), '2');
  });

  it('limits the download servlet, but not the status probe', async () => {
    const download = await site.request('GET', downloadPath, as('eve'));
    assert.equal(download.headers.get('x-ratelimit-remaining'), '2', `status ${download.status}`);
    const status = await site.request('GET', '/status', as('amy'));
    assert.equal(status.status, 200);
    assert.equal(status.headers.get('x-ratelimit-limit'), null);
  });

  it("limits API and servlet requests signed in by the web session's cookie, not the web screens", async () => {
    const session = await signInByForm(site, 'fay', 'fay-pw');
    const browser: RequestOptions = { auth: null, headers: { cookie: session.cookie } };
    const remaining = [];
    for (const path of ['/rest/api/user/current', '/wiki/api/v2/spaces', downloadPath]) {
      const answer = await site.request('GET', path, browser);
      assert.equal(answer.status, 200, `${path}: ${answer.text}`);
      remaining.push(answer.headers.get('x-ratelimit-remaining'));
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    for (const path of ['/rest/api/user/current', '/wiki/api/v2/spaces', downloadPath]) {
      const refused = await site.request('GET', path, browser);
      assert.equal(refused.status, 429, `${path}: ${refused.text}`);
    }
    for (const path of ['/', '/wiki/spaces/RL/overview']) {
      const screen = await site.request('GET', path, browser);
      assert.equal(screen.status, 200, `${path}: ${screen.text}`);
      assert.equal(screen.headers.get('x-ratelimit-limit'), null, path);
    }
  });

  it('counts refusals in /metrics, by whose bucket was empty', async () => {
    const metrics = await site.request('GET', '/metrics');
    assert.equal(metrics.status, 200);
    const count = (kind: string) =>
      Number(
        new RegExp(`tributary_rate_limited_requests_total\\{kind="${kind}"\\} (\\d+)`).exec(
          metrics.text,
        )?.[1],
      );
    assert.ok(count('user') >= 3, metrics.text);
    assert.equal(count('app'), 1);
    assert.equal(count('anonymous'), 1);
  });
});

describe('rate limiting: an honest Retry-After', () => {
  let site: TestServer;
  let token: RequestOptions;
  before(async () => {
    site = await startTestServer({
      TRIBUTARY_RATE_LIMIT: 'true',
      TRIBUTARY_RATE_LIMIT_FILL_RATE: '1',
      TRIBUTARY_RATE_LIMIT_INTERVAL_SECONDS: '2',
      TRIBUTARY_RATE_LIMIT_MAX: '1',
    });
    await aUser(site, 'fay');
    // An API token: no password hashing, so the requests of a round arrive close together.
    const created = await createToken(site.server.site.services, systemPrincipal, {
      username: 'fay',
      name: 'ci',
    });
    token = { auth: { bearer: created.secret } };
  });
  after(() => site.dispose());

  it('lets the request through once the client has waited what Retry-After said', async () => {
    const current = () => site.request('GET', '/rest/api/user/current', token);
    // Three at once empty the bucket of one; then a lone request, with nothing else in flight to take the
    // next batch, is refused. A machine slow enough to see a batch arrive in between gets another round.
    let refused: Awaited<ReturnType<typeof current>> | undefined;
    for (let round = 0; round < 5 && !refused; round += 1) {
      await Promise.all([current(), current(), current()]);
      const lone = await current();
      if (lone.status === 429) refused = lone;
    }
    assert.ok(refused, 'no request was refused');
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 2, `Retry-After ${wait}`);
    await sleep(wait * 1000);
    const retried = await current();
    assert.equal(retried.status, 200, retried.text);
  });
});
