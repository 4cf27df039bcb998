import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { aUser } from '../support/builders.ts';
import { adminPassword, startTestServer, type TestServer } from '../support/test-server.ts';
import { formPost, signInByForm } from '../support/web-session.ts';

const signInForm = (login: string, password: string, destination?: string) => ({
  auth: null,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    os_username: login,
    os_password: password,
    ...(destination !== undefined && { os_destination: destination }),
  }).toString(),
});

describe('signing in to the web interface', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
  });
  after(() => server.dispose());

  it('sends a visitor who is not signed in to the sign-in form, remembering where they were going', async () => {
    const response = await server.request('GET', '/spacedirectory/view.action?x=1', { auth: null });
    assert.equal(response.status, 302);
    assert.equal(
      response.headers.get('location'),
      `/login.action?os_destination=${encodeURIComponent('/spacedirectory/view.action?x=1')}`,
    );
    assert.equal(response.headers.get('www-authenticate'), null, 'no Basic prompt in a browser');
  });

  it('signs in with a password and lands where the link pointed, with an HttpOnly, SameSite cookie', async () => {
    const response = await server.request(
      'POST',
      '/login.action',
      signInForm('carol', 'carol-pw', '/display/X?a=b'),
    );
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/display/X?a=b');
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^tributary\.session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('never sends the browser to another site after signing in', async () => {
    for (const destination of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/ /evil.example',
      '/x/../../evil',
      'javascript:alert(1)',
    ]) {
      const response = await server.request(
        'POST',
        '/login.action',
        signInForm('carol', 'carol-pw', destination),
      );
      assert.equal(response.headers.get('location'), '/', destination);
    }
  });

  it('refuses a wrong password, an unknown user and an API token as a password, on the form again', async () => {
    const { secret } = await createToken(server.server.site.services, systemPrincipal, {
      username: 'carol',
      name: 'ci',
    });
    for (const [login, password] of [
      ['carol', 'nope'],
      ['nobody', 'nope'],
      ['carol', secret],
    ] as const) {
      const response = await server.request('POST', '/login.action', signInForm(login, password));
      assert.equal(response.status, 401, `${login}/${password}`);
      assert.match(response.text, /Wrong username or password/);
      assert.equal(response.headers.get('set-cookie'), null);
    }
  });

  it('lets the session call the API, but a change only with the CSRF token of the session', async () => {
    const session = await signInByForm(server, 'carol', 'carol-pw');
    const read = await server.request('GET', '/rest/api/user/current', {
      auth: null,
      headers: { cookie: session.cookie },
    });
    assert.equal((read.body as { username: string }).username, 'carol');
    const space = { key: 'CSRF', name: 'Forged' };
    const forged = await server.request('POST', '/rest/api/space', {
      auth: null,
      headers: { cookie: session.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(space),
    });
    assert.equal(forged.status, 403);
    assert.match(forged.text, /CSRF token/);
    const missing = await server.request('GET', '/rest/api/space/CSRF');
    assert.equal(missing.status, 404, 'the refused change changed nothing');
    const made = await server.request('POST', '/rest/api/space', {
      auth: null,
      headers: {
        cookie: session.cookie,
        'content-type': 'application/json',
        'x-tributary-csrf': session.csrf,
      },
      body: JSON.stringify(space),
    });
    assert.equal(made.status, 200, made.text);
  });

  it('refuses a form post without the token, and one from Basic credentials a browser may remember', async () => {
    const session = await signInByForm(server, 'carol', 'carol-pw');
    const noToken = await server.request('POST', '/logout.action', {
      auth: null,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    assert.equal(noToken.status, 403);
    assert.match(noToken.headers.get('content-type') ?? '', /text\/html/);
    const basic = await server.request('POST', '/admin/users.action', {
      auth: ['admin', adminPassword],
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        username: 'mallory',
        fullName: 'M',
        email: 'm@example.com',
        password: 'x-pw-123',
      }).toString(),
    });
    assert.equal(basic.status, 403);
    const created = await server.request('GET', '/rest/api/user?username=mallory');
    assert.equal(created.status, 404, 'nothing was created');
  });

  it('refuses a sign-in form posted from another site (login CSRF), and keeps the one from here', async () => {
    const form = signInForm('carol', 'carol-pw');
    const foreign: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const response = await server.request('POST', '/login.action', {
        ...form,
        headers: { ...form.headers, ...headers },
      });
      assert.equal(response.status, 403, JSON.stringify(headers));
      assert.equal(response.headers.get('set-cookie'), null);
    }
    const here = await server.request('POST', '/login.action', {
      ...form,
      headers: {
        ...form.headers,
        'sec-fetch-site': 'same-origin',
        origin: server.reachableUrl.replace(/\/$/, ''),
      },
    });
    assert.equal(here.status, 303);
  });

  it('ends the session the browser held before when it signs in again, and lets an ended one sign out', async () => {
    const first = await signInByForm(server, 'carol', 'carol-pw');
    const again = await server.request('POST', '/login.action', {
      ...signInForm('carol', 'carol-pw'),
      headers: { ...signInForm('carol', 'carol-pw').headers, cookie: first.cookie },
    });
    assert.equal(again.status, 303);
    const old = await server.request('GET', '/', { auth: null, headers: { cookie: first.cookie } });
    assert.equal(old.status, 302, 'the earlier session ended');
    const out = await server.request('POST', '/logout.action', formPost(first, {}));
    assert.equal(out.status, 303);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
  });

  it('ends the session on sign-out, on the server: the old cookie no longer signs in', async () => {
    const session = await signInByForm(server, 'carol', 'carol-pw');
    const out = await server.request('POST', '/logout.action', formPost(session, {}));
    assert.equal(out.status, 303);
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    const again = await server.request('GET', '/', { auth: null, headers: { cookie: session.cookie } });
    assert.equal(again.status, 302);
    const api = await server.request('GET', '/rest/api/user/current', {
      auth: null,
      headers: { cookie: session.cookie },
    });
    assert.equal(api.status, 401);
    assert.equal(api.headers.get('www-authenticate'), null, 'no Basic prompt for the browser');
  });

  it('signs every browser of a user out when their password is changed', async () => {
    const session = await signInByForm(server, 'carol', 'carol-pw');
    const changed = await server.request('POST', '/rest/api/admin/user/carol/password', {
      json: { password: 'carol-pw' },
    });
    assert.ok([200, 204].includes(changed.status), changed.text);
    const again = await server.request('GET', '/', { auth: null, headers: { cookie: session.cookie } });
    assert.equal(again.status, 302);
  });

  it('keeps Basic and Bearer working for the API, unchanged', async () => {
    const response = await server.request('GET', '/rest/api/space', { auth: ['admin', adminPassword] });
    assert.equal(response.status, 200);
    const anonymous = await server.request('GET', '/rest/api/space', { auth: null });
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /Basic/);
  });

  it('serves its screens so that no other site can frame them and nothing is cached', async () => {
    const session = await signInByForm(server, 'carol', 'carol-pw');
    const page = await server.request('GET', '/', { auth: null, headers: { cookie: session.cookie } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
    assert.match(page.text, /<title>Spaces - Tributary<\/title>/);
  });
});

describe('web sessions across a restart', () => {
  it('keeps a browser signed in after the server restarts', async () => {
    const first = await startTestServer();
    const session = await signInByForm(first);
    await first.stop();
    const second = await startTestServer({}, first.dataDir);
    try {
      const page = await second.request('GET', '/', { auth: null, headers: { cookie: session.cookie } });
      assert.equal(page.status, 200);
    } finally {
      await second.dispose();
    }
  });
});

describe('the web interface with anonymous access on', () => {
  it('shows the space directory without signing in, with a sign-in link', async () => {
    const server = await startTestServer({ TRIBUTARY_ANONYMOUS_ACCESS: 'true' });
    try {
      const page = await server.request('GET', '/', { auth: null });
      assert.equal(page.status, 200);
      assert.match(page.text, /Sign in<\/a>/);
    } finally {
      await server.dispose();
    }
  });
});

describe('a browser at an address with no screen', () => {
  it('gets the page-not-found screen, signed in or not, while API clients keep their JSON answers', async () => {
    const server = await startTestServer();
    try {
      const browser = { accept: 'text/html,application/xhtml+xml' };
      const signedOut = await server.request('GET', '/no/such/screen', { auth: null, headers: browser });
      assert.equal(signedOut.status, 404);
      assert.equal(signedOut.headers.get('www-authenticate'), null);
      assert.match(signedOut.text, /<title>Page not found - Tributary<\/title>/);
      const session = await signInByForm(server);
      const signedIn = await server.request('GET', '/no/such/screen', {
        auth: null,
        headers: { ...browser, cookie: session.cookie },
      });
      assert.match(signedIn.text, /Sign out/);
      const client = await server.request('GET', '/no/such/screen', { auth: null });
      assert.equal(client.status, 401);
      const api = await server.request('GET', '/rest/api/no-such', { auth: null, headers: browser });
      assert.equal(api.status, 401, 'the APIs answer as before, whatever the Accept header');
    } finally {
      await server.dispose();
    }
  });

  it('marks the session cookie Secure when the browser came over https through a trusted proxy', async () => {
    const server = await startTestServer({ TRIBUTARY_TRUSTED_PROXIES: '127.0.0.1' });
    try {
      const response = await server.request('POST', '/login.action', {
        auth: null,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
        body: new URLSearchParams({ os_username: 'admin', os_password: adminPassword }).toString(),
      });
      assert.match(response.headers.get('set-cookie') ?? '', /; Secure/);
    } finally {
      await server.dispose();
    }
  });
});
