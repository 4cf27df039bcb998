import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pg from 'pg';
import type { MetadataStore } from '../../src/ports/metadata-store.ts';
import { describeMetadataStoreContract } from './metadata-store.contract.ts';

const name = 'PostgreSQL metadata store';
const clusterUrl = process.env.TRIBUTARY_TEST_POSTGRES_URL;
// Resolved when the suite runs, so this file typechecks and skips on a branch without the adapter.
const adapterUrl = new URL('../../src/adapters/metadata/postgres/open-postgres-store.ts', import.meta.url)
  .href;
const poolSize = 4;

type OpenPostgresStore = (url: string, poolSize: number) => Promise<unknown>;

/** The adapter's opener, or why the suite cannot run. */
async function loadOpener(): Promise<OpenPostgresStore | string> {
  if (!clusterUrl) return 'TRIBUTARY_TEST_POSTGRES_URL is not set';
  let loaded: unknown;
  try {
    loaded = await import(adapterUrl);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND') {
      return 'the PostgreSQL adapter (src/adapters/metadata/postgres/open-postgres-store.ts) is not there';
    }
    throw error;
  }
  if (typeof loaded !== 'object' || loaded === null || !('openPostgresStore' in loaded)) {
    throw new Error('open-postgres-store.ts exports no openPostgresStore');
  }
  const opener = loaded.openPostgresStore;
  if (typeof opener !== 'function') throw new Error('openPostgresStore is not a function');
  return opener as OpenPostgresStore;
}

/** The store itself, or the `store` of what the opener answered (as openSqliteStore answers). */
function storeOf(opened: unknown): MetadataStore {
  const candidate =
    typeof opened === 'object' && opened !== null && 'store' in opened ? opened.store : opened;
  if (typeof candidate !== 'object' || candidate === null || !('transaction' in candidate)) {
    throw new Error('openPostgresStore answered no MetadataStore');
  }
  return candidate as MetadataStore;
}

async function onCluster(cluster: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const opener = await loadOpener();

if (typeof opener === 'string' || !clusterUrl) {
  const reason = typeof opener === 'string' ? opener : 'TRIBUTARY_TEST_POSTGRES_URL is not set';
  describe(`${name} (MetadataStore contract)`, { skip: reason }, () => {
    it('runs the contract on PostgreSQL', () => {});
  });
} else {
  const cluster = clusterUrl;
  describeMetadataStoreContract(name, async () => {
    const database = `tributary_contract_${randomBytes(6).toString('hex')}`;
    await onCluster(cluster, `CREATE DATABASE ${database}`);
    const url = new URL(cluster);
    url.pathname = `/${database}`;
    const store = storeOf(await opener(url.href, poolSize));
    return {
      store,
      discard: async () => {
        await store.close();
        await onCluster(cluster, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      },
    };
  });
}
