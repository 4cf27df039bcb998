import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPostgresStore } from '../../src/adapters/metadata/postgres/open-postgres-store.ts';
import { openSqliteStore } from '../../src/adapters/metadata/sqlite/open-sqlite-store.ts';
import type { NewSpace } from '../../src/ports/content-store.ts';
import type { MetadataStore } from '../../src/ports/metadata-store.ts';
import { testDatabaseFor } from './test-database.ts';

/**
 * A real metadata store in a fresh temp folder (a fresh PostgreSQL database under
 * TRIBUTARY_TEST_POSTGRES_URL), and how to be rid of both.
 */
export async function openScratchStore(): Promise<{ store: MetadataStore; discard: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tributary-store-'));
  const database = await testDatabaseFor(dir);
  const url = database.env.TRIBUTARY_DATABASE_URL;
  const { store } = url
    ? await openPostgresStore(url, 4)
    : await openSqliteStore(path.join(dir, 'tributary.db'));
  return {
    store,
    discard: async () => {
      await store.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A global space with this key, created by nobody at time zero. */
export function aScratchSpace(store: MetadataStore, key: string) {
  const space: NewSpace = {
    key,
    name: key,
    description: '',
    type: 'global',
    private: false,
    creatorId: null,
    createdAtMs: 0,
  };
  return store.spaces.insert(space);
}
