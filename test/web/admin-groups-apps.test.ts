import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { addApp } from '../../src/services/apps/add-app.ts';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { screenOf, submitForm } from '../support/web-screens.ts';
import { formPost, signInByForm, type WebSessionOf } from '../support/web-session.ts';

describe('the groups administration screens', () => {
  let server: TestServer;
  let admin: WebSessionOf;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
    admin = await signInByForm(server);
  });
  after(() => server.dispose());

  const groupNames = async () =>
    ((await server.request('GET', '/rest/api/group')).body as { results: { name: string }[] }).results.map(
      (group) => group.name,
    );
  const membersOf = async (group: string) =>
    (
      (await server.request('GET', `/rest/api/group/${group}/member`)).body as {
        results: { username: string }[];
      }
    ).results.map((user) => user.username);

  it('creates a group, refuses the same name again, and deletes it', async () => {
    const { screen } = await submitForm(server, admin, '/admin/groups.action', { name: 'Editors' });
    assert.match(screen.text, /Group editors was created\./);
    assert.ok((await groupNames()).includes('editors'));
    const again = await server.request('POST', '/admin/groups.action', formPost(admin, { name: 'editors' }));
    assert.equal(again.status, 409);
    assert.match(again.text, /A group with the name editors already exists/);
    const { screen: deleted } = await submitForm(server, admin, '/admin/groups/delete.action', {
      name: 'editors',
    });
    assert.match(deleted.text, /Group editors was deleted\./);
    assert.ok(!(await groupNames()).includes('editors'));
  });

  it('refuses to delete a built-in group', async () => {
    const refused = await server.request(
      'POST',
      '/admin/groups/delete.action',
      formPost(admin, { name: 'confluence-users' }),
    );
    assert.equal(refused.status, 400);
    assert.ok((await groupNames()).includes('confluence-users'));
  });

  it('adds and removes members, refusing an unknown user', async () => {
    await submitForm(server, admin, '/admin/groups.action', { name: 'writers' });
    const { screen } = await submitForm(server, admin, '/admin/groups/members.action', {
      name: 'writers',
      username: 'carol',
      change: 'add',
    });
    assert.match(screen.text, /carol was added\./);
    assert.deepEqual(await membersOf('writers'), ['carol']);
    const unknown = await server.request(
      'POST',
      '/admin/groups/members.action',
      formPost(admin, { name: 'writers', username: 'nobody', change: 'add' }),
    );
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /No user found with username: nobody/);
    await submitForm(server, admin, '/admin/groups/members.action', {
      name: 'writers',
      username: 'carol',
      change: 'remove',
    });
    assert.deepEqual(await membersOf('writers'), []);
  });

  it('nests a group inside another and takes it out, refusing a loop', async () => {
    await submitForm(server, admin, '/admin/groups.action', { name: 'staff' });
    await submitForm(server, admin, '/admin/groups.action', { name: 'interns' });
    const { screen } = await submitForm(server, admin, '/admin/groups/nesting.action', {
      name: 'staff',
      child: 'interns',
      change: 'add',
    });
    assert.match(screen.text, /viewgroup\.action\?name=interns/);
    const loop = await server.request(
      'POST',
      '/admin/groups/nesting.action',
      formPost(admin, { name: 'interns', child: 'staff', change: 'add' }),
    );
    assert.equal(loop.status, 400);
    const { screen: out } = await submitForm(server, admin, '/admin/groups/nesting.action', {
      name: 'staff',
      child: 'interns',
      change: 'remove',
    });
    assert.match(out.text, /interns is no longer inside this group/);
  });
});

describe('the apps administration screen', () => {
  let server: TestServer;
  let admin: WebSessionOf;
  let secret: string;
  let pageId: string;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'robot');
    await aSpace(server, 'OPS');
    pageId = String((await aPage(server, 'OPS', 'Runbook')).id);
    ({ secret } = await addApp(server.server.site.services, systemPrincipal, {
      name: 'Backup bot',
      username: 'robot',
    }));
    admin = await signInByForm(server);
  });
  after(() => server.dispose());

  const readAsApp = () => server.request('GET', `/rest/api/content/${pageId}`, { auth: { bearer: secret } });

  it("shows each app with its tokens and blocks, and a block keeps the app's token out of that space", async () => {
    const screen = await screenOf(server, admin, '/admin/apps.action');
    assert.match(screen.text, /<h2>Backup bot<\/h2>/);
    assert.match(screen.text, /1 working token/);
    assert.equal((await readAsApp()).status, 200);

    const { screen: blocked } = await submitForm(server, admin, '/admin/apps/block.action', {
      app: 'Backup bot',
      spaceKey: 'OPS',
      change: 'block',
    });
    assert.match(blocked.text, /blocked from the content of space OPS/);
    assert.match(blocked.text, /Lift the block of Backup bot from OPS/);
    assert.equal((await readAsApp()).status, 404, 'the blocked app may not read the page');

    await submitForm(server, admin, '/admin/apps/block.action', {
      app: 'Backup bot',
      spaceKey: 'OPS',
      change: 'unblock',
    });
    assert.equal((await readAsApp()).status, 200);
  });

  it('refuses to block an app from a space that does not exist', async () => {
    const refused = await server.request(
      'POST',
      '/admin/apps/block.action',
      formPost(admin, { app: 'Backup bot', spaceKey: 'NOPE', change: 'block' }),
    );
    assert.equal(refused.status, 404);
    assert.match(refused.text, /role="alert"/);
  });

  it('revokes every token of an app', async () => {
    const { screen } = await submitForm(server, admin, '/admin/apps/tokens.action', { app: 'Backup bot' });
    assert.match(screen.text, /1 token\(s\) revoked/);
    assert.match(screen.text, /0 working tokens/);
    assert.equal((await readAsApp()).status, 401);
    const audit = await server.request('GET', '/rest/api/audit?searchString=Backup%20bot');
    const summaries = (audit.body as { results: { summary: string }[] }).results.map(
      (record) => record.summary,
    );
    assert.ok(summaries.includes('App tokens revoked'), summaries.join(', '));
  });
});
