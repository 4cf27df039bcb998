import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { screenOf, submitForm } from '../support/web-screens.ts';
import { signInByForm, type WebSessionOf } from '../support/web-session.ts';

describe('the audit log screen', () => {
  let server: TestServer;
  let admin: WebSessionOf;
  before(async () => {
    server = await startTestServer();
    admin = await signInByForm(server);
    await submitForm(server, admin, '/admin/groups.action', { name: 'made-in-the-ui' });
    await submitForm(server, admin, '/admin/groups/members.action', {
      name: 'made-in-the-ui',
      username: 'admin',
      change: 'add',
    });
  });
  after(() => server.dispose());

  it('shows the changes made through the screens, newest first, each with its details', async () => {
    const screen = await screenOf(server, admin, '/admin/auditlog.action');
    assert.equal(screen.status, 200);
    const added = screen.text.indexOf('User added to group');
    const created = screen.text.indexOf('Group created');
    assert.ok(added > 0 && created > added, 'the membership, made last, comes first');
    assert.match(screen.text, /<summary>[\s\S]*?Group created[\s\S]*?Group: made-in-the-ui/);
    assert.match(screen.text, /<td>Member<\/td><td><\/td><td>admin<\/td>/, 'the change, before and after');
    assert.match(screen.text, /Also concerns:<\/p><ul><li>User: /, 'the associated user');
    assert.match(screen.text, /<dd class="mono">127\.0\.0\.1<\/dd>/, 'the address it came from');
  });

  it('filters by text and by dates', async () => {
    const byText = await screenOf(server, admin, '/admin/auditlog.action?searchString=made-in-the-ui');
    assert.match(byText.text, /Group created/);
    const other = await screenOf(server, admin, '/admin/auditlog.action?searchString=zzz-nothing');
    assert.match(other.text, /No records match/);
    const today = new Date().toISOString().slice(0, 10);
    const byDate = await screenOf(
      server,
      admin,
      `/admin/auditlog.action?startDate=${today}&endDate=${today}`,
    );
    assert.match(byDate.text, /Group created/);
    const past = await screenOf(
      server,
      admin,
      '/admin/auditlog.action?startDate=2001-01-01&endDate=2001-01-31',
    );
    assert.match(past.text, /No records match/);
    assert.match(past.text, /value="2001-01-01"/, 'the filter stays in the form');
  });

  it('says what is wrong with a date it cannot read, with a 400', async () => {
    const screen = await screenOf(server, admin, '/admin/auditlog.action?startDate=2024-02-30');
    assert.equal(screen.status, 400);
    assert.match(screen.text, /role="alert">startDate must be a time/);
  });

  it('pages through the records', async () => {
    for (let index = 0; index < 55; index += 1) {
      await server.request('POST', '/rest/api/admin/group', { json: { name: `bulk-${index}` } });
    }
    const first = await screenOf(server, admin, '/admin/auditlog.action?searchString=bulk');
    assert.match(first.text, /1–50 of 55/);
    assert.match(first.text, /<a href="\/admin\/auditlog\.action\?searchString=bulk&amp;start=50">Next<\/a>/);
    const second = await screenOf(server, admin, '/admin/auditlog.action?searchString=bulk&start=50');
    assert.match(second.text, /51–55 of 55/);
  });

  it('links to the CSV export of the same records, which the session may download', async () => {
    const screen = await screenOf(server, admin, '/admin/auditlog.action?searchString=made-in-the-ui');
    const link = /<a href="([^"]+)" download>Export these records as CSV<\/a>/.exec(screen.text)?.[1];
    assert.equal(link, '/rest/api/audit/export?searchString=made-in-the-ui&amp;format=csv');
    const csv = await screenOf(server, admin, (link ?? '').replaceAll('&amp;', '&'));
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.text, /Group created/);
    assert.doesNotMatch(csv.text, /bulk-/);
  });
});
