import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { aUser } from '../support/builders.ts';
import { type RequestOptions, startTestServer, type TestServer } from '../support/test-server.ts';

// Three wrong passwords per user, eight per address; a window long enough that nothing decays mid-test.
// Each test names its own users and client address (X-Forwarded-For through the trusted loopback proxy),
// so the counts of one never reach another.
const env = {
  TRIBUTARY_SIGN_IN_FAILURES_PER_USER: '3',
  TRIBUTARY_SIGN_IN_FAILURES_PER_ADDRESS: '8',
  TRIBUTARY_SIGN_IN_WINDOW_SECONDS: '600',
  TRIBUTARY_TRUSTED_PROXIES: '127.0.0.1',
};

const from = (address: string, login: string, password: string): RequestOptions => ({
  auth: [login, password],
  headers: { 'x-forwarded-for': address },
});

const signInForm = (address: string, login: string, password: string): RequestOptions => ({
  auth: null,
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
  body: new URLSearchParams({ os_username: login, os_password: password }).toString(),
});

/** A lock-out's Retry-After: whole seconds, at most one decay step (600 s / 3 failures). */
function assertRetryAfter(headers: Headers) {
  const seconds = Number(headers.get('retry-after'));
  assert.ok(
    Number.isInteger(seconds) && seconds > 0 && seconds <= 200,
    `Retry-After ${headers.get('retry-after')}`,
  );
}

describe('failed sign-ins are limited per user and per client address', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer(env);
    for (const name of ['vera', 'wanda', 'xena', 'yuri', 'zoe', 'abe', 'bea', 'cy', 'di'])
      await aUser(site, name);
  });
  after(() => site.dispose());

  const currentUser = (options: RequestOptions) => site.request('GET', '/rest/api/user/current', options);

  it('answers 401, then 429 with Retry-After in the RestError shape (v1), even for the right password', async () => {
    for (let i = 0; i < 3; i += 1) {
      const wrong = await currentUser(from('10.1.0.1', 'vera', 'wrong'));
      assert.equal(wrong.status, 401);
      assert.match((wrong.body as { message: string }).message, /wrong username or password/);
    }
    const locked = await currentUser(from('10.1.0.1', 'vera', 'wrong'));
    assert.equal(locked.status, 429);
    assertRetryAfter(locked.headers);
    assert.equal(locked.headers.get('content-type'), 'application/json;charset=UTF-8');
    const body = locked.body as { statusCode: number; message: string; reason: string };
    assert.equal(body.statusCode, 429);
    assert.equal(body.reason, 'Too Many Requests');
    assert.match(body.message, /^Too many failed sign-in attempts.*try again in \d+ seconds$/);
    const right = await currentUser(from('10.1.0.1', 'vera', 'vera-pw'));
    assert.equal(right.status, 429, 'the right password does not get through a lock-out');
    // The lock is the user's, wherever the guesses come from.
    assert.equal((await currentUser(from('10.1.0.2', 'vera', 'vera-pw'))).status, 429);
  });

  it('answers 429 in the errors[] shape on v2', async () => {
    for (let i = 0; i < 3; i += 1) {
      assert.equal(
        (await site.request('GET', '/wiki/api/v2/spaces', from('10.2.0.1', 'wanda', 'x'))).status,
        401,
      );
    }
    const locked = await site.request('GET', '/wiki/api/v2/spaces', from('10.2.0.1', 'wanda', 'x'));
    assert.equal(locked.status, 429);
    assertRetryAfter(locked.headers);
    const [entry] = (
      locked.body as { errors: { status: number; code: string; title: string; detail: string }[] }
    ).errors;
    assert.equal(entry?.status, 429);
    assert.equal(entry?.code, 'TOO_MANY_REQUESTS');
    assert.match(entry?.detail ?? '', /^Too many failed sign-in attempts/);
  });

  it('limits Basic auth on the download servlet too', async () => {
    const download = (password: string) =>
      site.request('GET', '/download/attachments/1/a.txt', from('10.3.0.1', 'xena', password));
    for (let i = 0; i < 3; i += 1) assert.equal((await download('x')).status, 401);
    const locked = await download('xena-pw');
    assert.equal(locked.status, 429);
    assertRetryAfter(locked.headers);
  });

  it('answers the sign-in form with its own page: 401, then 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) {
      const wrong = await site.request('POST', '/login.action', signInForm('10.4.0.1', 'yuri', 'x'));
      assert.equal(wrong.status, 401);
      assert.match(wrong.text, /Wrong username or password/);
    }
    const locked = await site.request('POST', '/login.action', signInForm('10.4.0.1', 'yuri', 'yuri-pw'));
    assert.equal(locked.status, 429);
    assertRetryAfter(locked.headers);
    assert.match(locked.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(locked.text, /Too many failed sign-in attempts/);
    assert.equal(locked.headers.get('set-cookie'), null, 'no session while locked out');
  });

  it('starts the count again after the right password', async () => {
    for (let i = 0; i < 2; i += 1)
      assert.equal((await currentUser(from('10.5.0.1', 'zoe', 'x'))).status, 401);
    assert.equal((await currentUser(from('10.5.0.1', 'zoe', 'zoe-pw'))).status, 200);
    for (let i = 0; i < 3; i += 1)
      assert.equal((await currentUser(from('10.5.0.1', 'zoe', 'x'))).status, 401);
    assert.equal((await currentUser(from('10.5.0.1', 'zoe', 'x'))).status, 429);
  });

  it('does not lock out another user at the same address, nor the same user elsewhere by an address lock', async () => {
    for (let i = 0; i < 3; i += 1)
      assert.equal((await currentUser(from('10.6.0.1', 'abe', 'x'))).status, 401);
    assert.equal((await currentUser(from('10.6.0.1', 'abe', 'x'))).status, 429);
    assert.equal((await currentUser(from('10.6.0.1', 'bea', 'bea-pw'))).status, 200);
  });

  it('locks out an address that guesses at many users, and no other address', async () => {
    // Eight failures spread over unknown logins and real users, none of them locked on its own.
    for (const login of ['ghost1', 'ghost2', 'ghost3', 'ghost4', 'ghost5', 'ghost6', 'cy', 'cy']) {
      assert.equal((await currentUser(from('10.7.0.1', login, 'x'))).status, 401);
    }
    const locked = await currentUser(from('10.7.0.1', 'di', 'di-pw'));
    assert.equal(locked.status, 429);
    assertRetryAfter(locked.headers);
    assert.equal((await currentUser(from('10.7.0.2', 'di', 'di-pw'))).status, 200);
    assert.equal((await currentUser(from('10.7.0.2', 'cy', 'cy-pw'))).status, 200);
  });

  it('lifts a user’s lock-out when an administrator sets a new password', async () => {
    for (let i = 0; i < 4; i += 1) await currentUser(from('10.8.0.1', 'vera', 'x'));
    assert.equal((await currentUser(from('10.8.0.2', 'vera', 'vera-pw'))).status, 429);
    const reset = await site.request('POST', '/rest/api/admin/user/vera/password', {
      json: { password: 'vera-new-pw' },
    });
    assert.equal(reset.status, 204, reset.text);
    assert.equal((await currentUser(from('10.8.0.2', 'vera', 'vera-new-pw'))).status, 200);
  });

  it('counts a wrong current password on a password change as a failed sign-in', async () => {
    // Signed in by token, as a stolen one would be: guessing the password from there is limited too.
    const { secret } = await createToken(site.server.site.services, systemPrincipal, {
      username: 'bea',
      name: 't',
    });
    const change = (oldPassword: string) =>
      site.request('POST', '/rest/api/user/current/password', {
        auth: { bearer: secret },
        headers: { 'x-forwarded-for': '10.9.0.1' },
        json: { oldPassword, newPassword: 'bea-next-pw' },
      });
    for (let i = 0; i < 3; i += 1) assert.equal((await change('x')).status, 403);
    const locked = await change('bea-pw');
    assert.equal(locked.status, 429);
    assertRetryAfter(locked.headers);
  });
});
