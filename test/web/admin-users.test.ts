import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { screenOf, submitForm } from '../support/web-screens.ts';
import { formPost, signInByForm, type WebSessionOf } from '../support/web-session.ts';

const newUser = (username: string) => ({
  username,
  fullName: `${username} Newcomer`,
  email: `${username}@example.com`,
  password: `${username}-secret`,
});

const currentUserOf = (server: TestServer, session: WebSessionOf) =>
  server.request('GET', '/rest/api/user/current', { auth: null, headers: { cookie: session.cookie } });

describe('the users administration screens', () => {
  let server: TestServer;
  let admin: WebSessionOf;
  let carol: WebSessionOf;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
    admin = await signInByForm(server);
    carol = await signInByForm(server, 'carol', 'carol-pw');
  });
  after(() => server.dispose());

  it('shows every administration screen to a site administrator', async () => {
    for (const [path, title] of [
      ['/admin/users.action', 'Users'],
      ['/admin/users/viewuser.action?username=carol', 'User carol'],
      ['/admin/groups.action', 'Groups'],
      ['/admin/groups/viewgroup.action?name=confluence-users', 'Group confluence-users'],
      ['/admin/apps.action', 'Apps'],
      ['/admin/auditlog.action', 'Audit log'],
      ['/wiki/admin/users.action', 'Users'],
    ] as const) {
      const screen = await screenOf(server, admin, path);
      assert.equal(screen.status, 200, `${path}: ${screen.text}`);
      assert.match(screen.text, new RegExp(`<title>${title} - Tributary</title>`), path);
      assert.match(screen.text, /<nav class="admin-nav" aria-label="Administration">/, path);
    }
  });

  it('refuses them to a user who is not an administrator, saying why, and changes nothing', async () => {
    for (const path of [
      '/admin/users.action',
      '/admin/users/viewuser.action?username=carol',
      '/admin/groups.action',
      '/admin/apps.action',
      '/admin/auditlog.action',
    ]) {
      const screen = await screenOf(server, carol, path);
      assert.equal(screen.status, 403, path);
      assert.match(screen.text, /only for site administrators/, path);
    }
    const posted = await server.request('POST', '/admin/users.action', formPost(carol, newUser('mallory')));
    assert.equal(posted.status, 403);
    const mallory = await server.request('GET', '/rest/api/user?username=mallory');
    assert.equal(mallory.status, 404);
  });

  it('sends a visitor who is not signed in to the sign-in form', async () => {
    const screen = await server.request('GET', '/admin/users.action', { auth: null });
    assert.equal(screen.status, 302);
    assert.match(screen.headers.get('location') ?? '', /^\/login\.action\?os_destination=/);
  });

  it('creates a user who can then sign in', async () => {
    const { location, screen } = await submitForm(server, admin, '/admin/users.action', newUser('dave'));
    assert.match(location, /^\/admin\/users\/viewuser\.action\?username=dave&done=created/);
    assert.match(screen.text, /User dave was created\./);
    const dave = await signInByForm(server, 'dave', 'dave-secret');
    const current = await currentUserOf(server, dave);
    assert.equal((current.body as { displayName: string }).displayName, 'dave Newcomer');
  });

  it('shows the form again for a duplicate username or an empty password, creating nothing', async () => {
    const duplicate = await server.request(
      'POST',
      '/admin/users.action',
      formPost(admin, { ...newUser('carol'), email: 'other@example.com' }),
    );
    assert.equal(duplicate.status, 409);
    assert.match(duplicate.text, /role="alert">A user with the username carol already exists/);
    assert.match(duplicate.text, /value="other@example\.com"/, 'what was typed stays in the form');

    const noPassword = await server.request(
      'POST',
      '/admin/users.action',
      formPost(admin, { ...newUser('erin'), password: '' }),
    );
    assert.equal(noPassword.status, 400);
    assert.match(noPassword.text, /class="notice error" role="alert"/);
    const erin = await server.request('GET', '/rest/api/user?username=erin');
    assert.equal(erin.status, 404);
  });

  it('shows only notices of its own, never text from the link, and escapes the name it names', async () => {
    const foreign = await screenOf(server, admin, '/admin/users.action?done=Call%20this%20number&subject=x');
    assert.doesNotMatch(foreign.text, /role="status"/);
    const named = await screenOf(server, admin, '/admin/users.action?done=created&subject=%3Cb%3Ex');
    assert.match(named.text, /role="status">User &lt;b&gt;x was created\.</);
  });

  it('refuses a change without the CSRF token, changing nothing', async () => {
    const forged = await server.request('POST', '/admin/users.action', {
      auth: null,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(newUser('frank')).toString(),
    });
    assert.equal(forged.status, 403);
    const frank = await server.request('GET', '/rest/api/user?username=frank');
    assert.equal(frank.status, 404);
  });

  it('lists users and filters them by name', async () => {
    const all = await screenOf(server, admin, '/admin/users.action');
    assert.match(all.text, /viewuser\.action\?username=carol/);
    assert.match(all.text, /viewuser\.action\?username=admin/);
    const filtered = await screenOf(server, admin, '/admin/users.action?filter=car');
    assert.match(filtered.text, /viewuser\.action\?username=carol/);
    assert.doesNotMatch(filtered.text, /viewuser\.action\?username=admin"/);
  });

  it('deactivates a user, whose session stops working at once, and reactivates them', async () => {
    await aUser(server, 'gina');
    const gina = await signInByForm(server, 'gina', 'gina-pw');
    assert.equal((await currentUserOf(server, gina)).status, 200);
    const { screen } = await submitForm(server, admin, '/admin/users/activate.action', {
      username: 'gina',
      active: 'false',
    });
    assert.match(screen.text, /gina is deactivated/);
    assert.equal((await currentUserOf(server, gina)).status, 401, 'the session no longer works');
    const refused = await server.request('POST', '/login.action', {
      auth: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ os_username: 'gina', os_password: 'gina-pw' }).toString(),
    });
    assert.equal(refused.status, 401);
    await submitForm(server, admin, '/admin/users/activate.action', { username: 'gina', active: 'true' });
    await signInByForm(server, 'gina', 'gina-pw');
  });

  it('does not let an administrator deactivate themselves', async () => {
    const refused = await server.request(
      'POST',
      '/admin/users/activate.action',
      formPost(admin, { username: 'admin', active: 'false' }),
    );
    assert.equal(refused.status, 400);
    assert.match(refused.text, /You cannot disable your own account/);
  });

  it('resets a password: the new one signs in, the old one no longer does', async () => {
    await aUser(server, 'hank');
    const { screen } = await submitForm(server, admin, '/admin/users/password.action', {
      username: 'hank',
      password: 'brand-new-pw',
    });
    assert.match(screen.text, /The password of hank was changed/);
    await signInByForm(server, 'hank', 'brand-new-pw');
    const old = await server.request('GET', '/rest/api/user/current', { auth: ['hank', 'hank-pw'] });
    assert.equal(old.status, 401);
  });

  it('adds a user to a group and removes them, refusing an unknown group', async () => {
    await server.request('POST', '/rest/api/admin/group', { json: { name: 'auditors' } });
    await submitForm(server, admin, '/admin/users/groups.action', {
      username: 'carol',
      group: 'auditors',
      change: 'add',
    });
    const members = async () =>
      (
        (await server.request('GET', '/rest/api/group/auditors/member')).body as {
          results: { username: string }[];
        }
      ).results.map((user) => user.username);
    assert.deepEqual(await members(), ['carol']);
    const unknown = await server.request(
      'POST',
      '/admin/users/groups.action',
      formPost(admin, { username: 'carol', group: 'no-such-group', change: 'add' }),
    );
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /No group found with name: no-such-group/);
    await submitForm(server, admin, '/admin/users/groups.action', {
      username: 'carol',
      group: 'auditors',
      change: 'remove',
    });
    assert.deepEqual(await members(), []);
  });

  it("lists a user's browsers, and signing one out ends that cookie alone", async () => {
    await aUser(server, 'ivan');
    const laptop = await signInByForm(server, 'ivan', 'ivan-pw');
    const phone = await signInByForm(server, 'ivan', 'ivan-pw');
    const screen = await screenOf(server, admin, '/admin/users/viewuser.action?username=ivan');
    const ids = [...screen.text.matchAll(/name="session" value="([^"]+)"/g)].map((match) => match[1]);
    assert.equal(ids.length, 2);
    assert.match(screen.text, /127\.0\.0\.1/);
    await submitForm(server, admin, '/admin/users/sessions.action', {
      username: 'ivan',
      session: ids[0] ?? '',
    });
    const statuses = [
      (await currentUserOf(server, laptop)).status,
      (await currentUserOf(server, phone)).status,
    ];
    assert.deepEqual(statuses.sort(), [200, 401], 'exactly one browser was signed out');

    const { screen: after } = await submitForm(server, admin, '/admin/users/sessions.action', {
      username: 'ivan',
    });
    assert.match(after.text, /Signed out of every browser \(1\)/);
    assert.equal((await currentUserOf(server, laptop)).status, 401);
    assert.equal((await currentUserOf(server, phone)).status, 401);
  });
});

describe('my sessions', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'judy');
  });
  after(() => server.dispose());

  it('shows the user their own browsers and signs them out everywhere, this one included', async () => {
    const here = await signInByForm(server, 'judy', 'judy-pw');
    const elsewhere = await signInByForm(server, 'judy', 'judy-pw');
    const screen = await screenOf(server, here, '/users/mysessions.action');
    assert.equal(screen.status, 200);
    assert.match(screen.text, /<title>My sessions - Tributary<\/title>/);
    assert.equal([...screen.text.matchAll(/name="session" value=/g)].length, 2);
    const out = await server.request('POST', '/users/mysessions.action', formPost(here, {}));
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/login.action');
    assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
    assert.equal((await currentUserOf(server, here)).status, 401);
    assert.equal((await currentUserOf(server, elsewhere)).status, 401);
  });

  it("does not let a user end another user's session", async () => {
    await aUser(server, 'kate');
    const kate = await signInByForm(server, 'kate', 'kate-pw');
    const judy = await signInByForm(server, 'judy', 'judy-pw');
    const judyScreen = await screenOf(server, judy, '/users/mysessions.action');
    const judysSession = /name="session" value="([^"]+)"/.exec(judyScreen.text)?.[1] ?? '';
    const refused = await server.request(
      'POST',
      '/users/mysessions.action',
      formPost(kate, { session: judysSession }),
    );
    assert.equal(refused.status, 404);
    assert.equal((await currentUserOf(server, judy)).status, 200);
  });
});
