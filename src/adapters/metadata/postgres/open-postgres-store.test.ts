import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresOnly, testDatabaseFor } from '../../../../test/support/test-database.ts';
import { ConfigError, loadConfig } from '../../../config/load-config.ts';
import { openSite } from '../../../main.ts';
import { openPostgresStore } from './open-postgres-store.ts';

describe('the PostgreSQL store', () => {
  it('stops a start against an unreachable database with one line naming the setting, without the password', async () => {
    const config = loadConfig({
      TRIBUTARY_DATABASE_URL: 'postgres://wiki:hunter2@127.0.0.1:1/wiki',
      TRIBUTARY_DATA_DIR: '/nonexistent-tributary-data',
    });
    await assert.rejects(openSite(config), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(
        error.message,
        /^invalid TRIBUTARY_DATABASE_URL \(--database-url\): cannot open the database: /,
      );
      assert.doesNotMatch(error.message, /hunter2|\n/);
      return true;
    });
  });

  it(
    'lets several servers start at once on a new database, one of them applying the migrations',
    postgresOnly,
    async () => {
      const database = await testDatabaseFor(`concurrent-start-${process.pid}-${Date.now()}`);
      const url = database.env.TRIBUTARY_DATABASE_URL ?? '';
      try {
        const opened = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, 2)));
        try {
          const applied = opened.map((store) => store.appliedMigrations.length).sort((a, b) => b - a);
          assert.ok((applied[0] ?? 0) > 0);
          assert.deepEqual(applied.slice(1), [0, 0]);
          assert.equal(typeof (await opened[0]?.store.users.findByUsername('nobody')), 'undefined');
        } finally {
          for (const { store } of opened) await store.close();
        }
      } finally {
        await database.drop();
      }
    },
  );
});
