import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config/load-config.ts';
import { type Principal, systemPrincipal } from '../../domain/principal.ts';
import { openSite, type Site } from '../../main.ts';
import { createContent } from '../content/create-content.ts';
import { createSpace } from '../spaces/create-space.ts';
import { recordAudit } from './record-audit.ts';

describe('recording an audit entry', () => {
  let dir: string;
  let site: Site;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-record-audit-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the space and container of the content, and keeps only the values that changed', async () => {
    const { services } = site;
    await createSpace(services, systemPrincipal, { key: 'REC', name: 'Recorded', private: false });
    const page = await createContent(services, systemPrincipal, {
      type: 'page',
      title: 'Host',
      spaceKey: 'REC',
    });
    const comment = await createContent(services, systemPrincipal, {
      type: 'comment',
      containerId: page.id,
      body: { storage: { value: '<p>hi</p>', representation: 'storage' } },
    });
    const admin = await services.store.users.findByUsername('admin');
    assert.ok(admin);
    const principal: Principal = {
      kind: 'user',
      user: admin,
      isAdministrator: true,
      remoteAddress: '203.0.113.9',
      app: { id: 4, name: 'Backup bot' },
    };
    const record = await services.store.transaction((repositories) =>
      recordAudit(repositories, services.clock, principal, {
        category: 'Content',
        summary: 'Comment updated',
        content: comment,
        changes: [
          { name: 'Version', before: 1, after: 2 },
          { name: 'Title', before: comment.title, after: comment.title },
          { name: 'Value', before: { a: 1 }, after: 'x'.repeat(2000) },
        ],
      }),
    );
    assert.deepEqual(record.object, { type: 'comment', id: String(comment.id), name: 'Re: Host' });
    assert.deepEqual(record.space, { id: page.spaceId, key: 'REC', name: 'Recorded' });
    assert.deepEqual(record.content, { id: comment.id, type: 'comment', title: 'Re: Host' });
    assert.deepEqual(record.associated, [
      { type: 'page', name: 'Host', id: String(page.id) },
      { type: 'app', name: 'Backup bot', id: '4' },
    ]);
    assert.equal(
      record.description,
      `Comment 'Re: Host' (${comment.id}) on page 'Host' (${page.id}) in space REC through app 'Backup bot'`,
    );
    assert.deepEqual(
      record.changes.map((change) => [change.name, change.before, change.after.length]),
      [
        ['Version', '1', 1],
        ['Value', '{"a":1}', 1000],
      ],
    );
    assert.equal(record.remoteAddress, '203.0.113.9');
    assert.equal(record.sysAdmin, true);
    assert.deepEqual(record.author, {
      userId: admin.id,
      username: 'admin',
      userKey: admin.userKey,
      accountId: admin.accountId,
      displayName: admin.displayName,
    });
  });

  it('names the server itself as the author of what the command line does', async () => {
    const record = await site.services.store.transaction((repositories) =>
      recordAudit(repositories, site.services.clock, systemPrincipal, {
        category: 'Users and groups',
        summary: 'Group created',
        objectType: 'group',
        objectId: 'editors',
      }),
    );
    assert.equal(record.author.displayName, 'System');
    assert.equal(record.author.userId, null);
    assert.equal(record.remoteAddress, '');
    assert.deepEqual(record.object, { type: 'group', id: 'editors', name: 'editors' });
    assert.equal(record.description, "Group 'editors'");
  });
});
