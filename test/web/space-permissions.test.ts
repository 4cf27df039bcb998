import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createSpace } from '../../src/services/spaces/create-space.ts';
import { aSpace, aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { screenOf, submitForm } from '../support/web-screens.ts';
import { formPost, signInByForm, type WebSessionOf } from '../support/web-session.ts';

const path = (key: string) => `/spaces/spacepermissions.action?key=${key}`;

describe('the space permissions screen', () => {
  let server: TestServer;
  let admin: WebSessionOf;
  let carol: WebSessionOf;
  const carolSees = async (key: string) =>
    (await server.request('GET', `/rest/api/space/${key}`, { auth: ['carol', 'carol-pw'] })).status;

  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
    await createSpace(server.server.site.services, systemPrincipal, {
      key: 'SEC',
      name: 'Secrets',
      private: true,
    });
    await aSpace(server, 'OPEN', 'Open space');
    admin = await signInByForm(server);
    carol = await signInByForm(server, 'carol', 'carol-pw');
  });
  after(() => server.dispose());

  it('shows the grid to a space administrator, with the space tabs', async () => {
    const screen = await screenOf(server, admin, path('OPEN'));
    assert.equal(screen.status, 200, screen.text);
    assert.match(screen.text, /<title>Permissions - Open space - Tributary<\/title>/);
    assert.match(
      screen.text,
      /<a href="\/spaces\/spacepermissions\.action\?key=OPEN" aria-current="page">Permissions<\/a>/,
    );
    assert.match(screen.text, /confluence-users <span class="hint">group<\/span>/);
    assert.match(screen.text, /aria-label="View \(space\) for group confluence-users"/);
  });

  it('answers 404 to a user who may not see the space, and 403 to one who sees but does not administer it', async () => {
    assert.equal((await screenOf(server, carol, path('SEC'))).status, 404);
    assert.equal((await screenOf(server, carol, path('NOSUCH'))).status, 404);
    const viewer = await screenOf(server, carol, path('OPEN'));
    assert.equal(viewer.status, 403);
    assert.match(viewer.text, /You do not have permission to administer the space OPEN/);
  });

  it('grants a user view of a space, which they then see through the API, and takes it away', async () => {
    assert.equal(await carolSees('SEC'), 404);
    const { screen } = await submitForm(server, admin, path('SEC'), {
      subjectType: 'user',
      subjectName: 'carol',
      'space:read': 'on',
    });
    assert.match(screen.text, /carol was added\./);
    assert.match(screen.text, /name="subject" value="user:carol"/);
    assert.equal(await carolSees('SEC'), 200);

    await submitForm(server, admin, path('SEC'), {
      subject: 'user:carol',
      'space:read': 'on',
      'page:create': 'on',
    });
    const held = await server.request('GET', '/rest/api/space/SEC/permissions');
    type Grant = { subject: { username?: string }; operation: { operationKey: string; targetType: string } };
    const carolsOperations = (held.body as Grant[])
      .filter((grant) => grant.subject.username === 'carol')
      .map((grant) => `${grant.operation.targetType}:${grant.operation.operationKey}`)
      .sort();
    assert.deepEqual(carolsOperations, ['page:create', 'space:read']);

    await submitForm(server, admin, path('SEC'), { subject: 'user:carol' });
    assert.equal(await carolSees('SEC'), 404);
  });

  it('adds a group row, and an anonymous row', async () => {
    await server.request('POST', '/rest/api/admin/group', { json: { name: 'readers' } });
    const { screen } = await submitForm(server, admin, path('SEC'), {
      subjectType: 'group',
      subjectName: 'readers',
      'space:read': 'on',
    });
    assert.match(screen.text, /name="subject" value="group:readers"/);
    const { screen: anonymous } = await submitForm(server, admin, path('OPEN'), {
      subjectType: 'anonymous',
      'space:read': 'on',
    });
    assert.match(anonymous.text, /name="subject" value="anonymous"/);
  });

  it('refuses a permission without view, an unknown user, and an unknown group, changing nothing', async () => {
    const before = (await server.request('GET', '/rest/api/space/SEC/permissions')).text;
    for (const [fields, status, message] of [
      [{ subjectType: 'user', subjectName: 'carol', 'page:create': 'on' }, 400, /View is needed/],
      [{ subjectType: 'user', subjectName: 'nobody', 'space:read': 'on' }, 404, /No user found/],
      [{ subjectType: 'group', subjectName: 'no-group', 'space:read': 'on' }, 404, /No group named no-group/],
    ] as const) {
      const refused = await server.request('POST', path('SEC'), formPost(admin, fields));
      assert.equal(refused.status, status, refused.text);
      assert.match(refused.text, message);
      assert.match(refused.text, /class="notice error" role="alert"/);
    }
    assert.equal((await server.request('GET', '/rest/api/space/SEC/permissions')).text, before);
  });

  it('refuses a change without the CSRF token, or from someone who does not administer the space', async () => {
    const forged = await server.request('POST', path('SEC'), {
      auth: null,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subjectType: 'user', subjectName: 'carol', 'space:read': 'on' }).toString(),
    });
    assert.equal(forged.status, 403);
    const byCarol = await server.request(
      'POST',
      path('SEC'),
      formPost(carol, { subjectType: 'user', subjectName: 'carol', 'space:read': 'on' }),
    );
    assert.equal(byCarol.status, 404, byCarol.text);
    assert.equal(await carolSees('SEC'), 404);
  });
});
