import assert from 'node:assert/strict';
import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import type { MetadataStore, NewUser } from '../../../ports/metadata-store.ts';
import { migrationsFor } from '../migrations/index.ts';
import { openSqliteStore } from './open-sqlite-store.ts';

const domainTables = [
  'users',
  'groups',
  'group_memberships',
  'api_tokens',
  'spaces',
  'space_permissions',
  'content',
  'content_versions',
  'blobs',
  'labels',
  'content_labels',
  'properties',
  'restrictions',
  'audit_records',
];

const aUser = (username: string, overrides: Partial<NewUser> = {}): NewUser => ({
  username,
  userKey: `key-${username}`,
  accountId: `557058:${username}`,
  displayName: username,
  email: `${username}@example.com`,
  passwordHash: null,
  createdAtMs: 1_700_000_000_000,
  ...overrides,
});

describe('openSqliteStore', sqliteOnly, () => {
  let dir: string;
  let file: string;
  let opened: MetadataStore | undefined;

  const open = async () => {
    const result = await openSqliteStore(file);
    opened = result.store;
    return result;
  };
  const close = async () => {
    await opened?.close();
    opened = undefined;
  };
  /** A second, independent connection to the same file, closed after `read`. */
  const inspect = <T>(read: (database: Database.Database) => T, readonly = true): T => {
    const database = new Database(file, { readonly });
    try {
      return read(database);
    } finally {
      database.close();
    }
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tributary-sqlite-'));
    file = join(dir, 'nested', 'tributary.db');
  });
  afterEach(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies every numbered migration, in order, to an empty database and reports them', async () => {
    const { appliedMigrations } = await open();
    assert.deepEqual(appliedMigrations, Object.keys(migrationsFor('sqlite')).sort());
    assert.equal(appliedMigrations[0], '0001-initial');
  });

  it('applies nothing when the same file is reopened, and keeps its data', async () => {
    const { store } = await open();
    const inserted = await store.users.insert(aUser('alice'));
    await close();

    const reopened = await open();
    assert.deepEqual(reopened.appliedMigrations, []);
    const found = await reopened.store.users.findByUsername('alice');
    assert.deepEqual(found, inserted);
    assert.equal(await reopened.store.users.count(), 1);
  });

  it('leaves the file in WAL journal mode', async () => {
    await open();
    await close();
    const journalMode = inspect((database) => database.pragma('journal_mode', { simple: true }));
    assert.equal(journalMode, 'wal');
  });

  it('enforces foreign keys on its connection', async () => {
    const { store } = await open();
    const group = await store.groups.insert('team', 1);
    await assert.rejects(store.groups.addMember(group.id, 9999, 1), /FOREIGN KEY constraint failed/);
    assert.equal((await store.groups.members(group.id, { start: 0, limit: 10 })).total, 0);
  });

  it('creates every domain table', async () => {
    await open();
    await close();
    const tables = inspect((database) =>
      database
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => row.name),
    );
    const missing = domainTables.filter((table) => !tables.includes(table));
    assert.deepEqual(missing, []);
  });

  it('gives pages and attachments ids from one shared content sequence', async () => {
    await open();
    await close();
    const ids = inspect((database) => {
      const insert = database.prepare<[string, string, number | null], { id: number }>(
        `INSERT INTO content (type, status, title, container_id, created_at_ms, updated_at_ms)
         VALUES (?, 'current', ?, ?, 1, 1) RETURNING id`,
      );
      const page = insert.get('page', 'Home', null);
      assert.ok(page);
      const attachment = insert.get('attachment', 'diagram.png', page.id);
      const blogPost = insert.get('blogpost', 'News', null);
      assert.ok(attachment && blogPost);
      return [page.id, attachment.id, blogPost.id];
    }, false);
    assert.equal(new Set(ids).size, 3);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    const sequences = inspect((database) =>
      database
        .prepare<[], { name: string }>("SELECT name FROM sqlite_sequence WHERE name LIKE 'content%'")
        .all()
        .map((row) => row.name),
    );
    assert.deepEqual(sequences, ['content']);
  });

  it("removes a deleted user's group memberships and API tokens", async () => {
    const { store } = await open();
    const doomed = await store.users.insert(aUser('doomed'));
    const kept = await store.users.insert(aUser('kept'));
    const group = await store.groups.insert('team', 1);
    await store.groups.addMember(group.id, doomed.id, 1);
    await store.groups.addMember(group.id, kept.id, 1);
    await store.tokens.insert({
      userId: doomed.id,
      name: 'ci',
      tokenSha256: 'a'.repeat(64),
      createdAtMs: 1,
      expiresAtMs: null,
    });

    await store.users.remove(doomed.id);

    const members = await store.groups.members(group.id, { start: 0, limit: 10 });
    assert.deepEqual(
      members.items.map((user) => user.username),
      ['kept'],
    );
    assert.deepEqual(await store.tokens.listForUser(doomed.id), []);
    await close();
    const orphans = inspect((database) => ({
      memberships: database
        .prepare<[number], { n: number }>('SELECT count(*) AS n FROM group_memberships WHERE user_id = ?')
        .get(doomed.id)?.n,
      tokens: database
        .prepare<[number], { n: number }>('SELECT count(*) AS n FROM api_tokens WHERE user_id = ?')
        .get(doomed.id)?.n,
    }));
    assert.deepEqual(orphans, { memberships: 0, tokens: 0 });
  });

  it('leaves no rows behind when the work of a transaction throws', async () => {
    const { store } = await open();
    const failure = new Error('work failed');
    await assert.rejects(
      store.transaction(async (repositories) => {
        await repositories.users.insert(aUser('ghost'));
        await repositories.groups.insert('ghosts', 1);
        throw failure;
      }),
      failure,
    );
    assert.equal(await store.users.count(), 0);
    assert.equal(await store.users.findByUsername('ghost'), undefined);
    assert.equal(await store.groups.findByName('ghosts'), undefined);
  });

  it('commits concurrent transactions together, each whole or not at all', async () => {
    const { store } = await open();
    const failure = new Error('the middle one fails');
    const outcomes = await Promise.allSettled([
      store.transaction(async (repositories) => (await repositories.users.insert(aUser('first'))).username),
      store.transaction(async (repositories) => {
        await repositories.users.insert(aUser('middle'));
        throw failure;
      }),
      // Later work sees what earlier work wrote, as if they had run one after another.
      store.transaction(async (repositories) => {
        const first = await repositories.users.findByUsername('first');
        return (await repositories.users.insert(aUser(`after-${first?.username}`))).username;
      }),
    ]);
    assert.deepEqual(outcomes, [
      { status: 'fulfilled', value: 'first' },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'after-first' },
    ]);
    assert.equal(await store.users.findByUsername('middle'), undefined);
    assert.equal(await store.users.count(), 2);
  });
  it('keeps the journals of a shared commit in memory, opening no temporary file', async () => {
    const { store } = await open();
    /** SQLite unlinks its temporary files as soon as it opens them; open descriptors still show them. */
    const openTemporaryFiles = async () => {
      const targets = await Promise.all(
        (await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
      );
      return targets.filter((target) => target.includes('etilqs'));
    };
    let seen: string[] = [];
    const made: number[] = [];
    // Same turn, so one commit: the second unit runs in a savepoint after the first, and changes every
    // page the first wrote (well over the 64 KiB a savepoint journal keeps in memory by default).
    await Promise.all([
      store.transaction(async (repositories) => {
        for (let n = 0; n < 2_000; n += 1) {
          made.push((await repositories.groups.insert(`group-${n}-${'x'.repeat(100)}`, n)).id);
        }
      }),
      store.transaction(async (repositories) => {
        for (const id of made) await repositories.groups.remove(id);
        seen = await openTemporaryFiles();
      }),
    ]);
    assert.equal(made.length, 2_000);
    assert.deepEqual(seen, []);
  });
});
