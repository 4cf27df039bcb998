import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type TestBlobStore, testBlobStore } from './test-blob-store.ts';
import { onPostgres, testDatabaseFor } from './test-database.ts';
import { adminPassword } from './test-server.ts';
import { serveOnFreePort, stopTributary, type Tributary } from './tributary-process.ts';

/** Why tests of several processes on one site skip: they need a database and a bucket to share. */
export const sharedSiteSkip =
  onPostgres && process.env.TRIBUTARY_TEST_S3_ENDPOINT
    ? false
    : 'needs TRIBUTARY_TEST_POSTGRES_URL and TRIBUTARY_TEST_S3_ENDPOINT';

export interface SharedSite {
  blobs: TestBlobStore;
  /** Starts one more `tributary serve` process on the site, with a data dir of its own. */
  serve(): Promise<{ tributary: Tributary; origin: string }>;
  /** Stops every process started and removes the site's database, blobs and folders. */
  dispose(): Promise<void>;
}

/** A site on a fresh database of the test cluster and a fresh prefix of the test bucket. */
export async function aSharedSite(): Promise<SharedSite> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-shared-site-'));
  const database = await testDatabaseFor(dataDir);
  const blobs = await testBlobStore(dataDir);
  const processes: Tributary[] = [];
  return {
    blobs,
    async serve() {
      const served = await serveOnFreePort({
        ...database.env,
        ...blobs.env,
        TRIBUTARY_DATA_DIR: path.join(dataDir, `node-${processes.length}`),
        TRIBUTARY_ADMIN_PASSWORD: adminPassword,
        TRIBUTARY_LOG_LEVEL: 'warn',
      });
      processes.push(served.tributary);
      return served;
    },
    async dispose() {
      for (const tributary of processes) await stopTributary(tributary);
      await blobs.dispose();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
