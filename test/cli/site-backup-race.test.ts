/**
 * The one race of a backup on a live site: a blob the snapshot records is purged before it is copied.
 * The backup takes a new snapshot and succeeds without it; a blob missing with no purge behind it is
 * damage, and fails the backup with nothing written. Real server, real SQLite snapshots, real blob store;
 * the purge is sent over HTTP right after the snapshot is taken.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openBlobStore } from '../../src/adapters/blobs/open-blob-store.ts';
import { sqliteSnapshots } from '../../src/adapters/metadata/sqlite/sqlite-snapshots.ts';
import type { SiteBackupSource } from '../../src/cli/runtime.ts';
import { SiteBackupError } from '../../src/cli/site-backup-folder.ts';
import { takeSiteBackup } from '../../src/cli/take-site-backup.ts';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { field } from '../support/json-field.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const quietPhase = () => ({ item() {}, bytes() {}, stop() {} });

describe('site-backup on a live site', () => {
  let work: string;
  let siteDir: string;
  let site: TestServer;
  let pageId: string;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'tributary-site-backup-race-'));
    siteDir = path.join(work, 'site');
    await mkdir(siteDir);
    site = await startTestServer(
      {
        TRIBUTARY_DATABASE_URL: `sqlite:${path.join(siteDir, 'tributary.db')}`,
        TRIBUTARY_BLOB_STORE_URL: `file:${path.join(siteDir, 'blobs')}`,
      },
      siteDir,
    );
    await aSpace(site, 'RACE');
    pageId = String(field(await aPage(site, 'RACE', 'Race'), 'id'));
  });

  after(async () => {
    await site?.dispose();
    await rm(work, { recursive: true, force: true });
  });

  /** The site as `site-backup` opens it, with `afterSnapshot` run once the first snapshot is taken. */
  async function sourceWith(
    afterSnapshot: () => Promise<void>,
  ): Promise<SiteBackupSource & { taken: number }> {
    const { blobs, close } = await openBlobStore(
      { kind: 'file', path: path.join(siteDir, 'blobs') },
      { live: true },
    );
    const snapshots = sqliteSnapshots(path.join(siteDir, 'tributary.db'));
    const source = {
      taken: 0,
      blobs,
      close,
      snapshots: {
        read: snapshots.read,
        async take(file: string, onPages: (copied: number, total: number) => void) {
          await snapshots.take(file, onPages);
          source.taken += 1;
          if (source.taken === 1) await afterSnapshot();
        },
      },
    };
    return source;
  }

  const uploadOne = async (name: string) => {
    const response = await anUpload(site, pageId, [{ name, content: randomBytes(5000) }]);
    assert.equal(response.status, 200, response.text);
    const results = field(response.body, 'results') as Record<string, unknown>[];
    return String(results[0]?.id);
  };

  it('takes a new snapshot when a recorded blob is purged before it is copied', async () => {
    const doomed = await uploadOne('doomed.bin');
    await uploadOne('kept.bin');
    const source = await sourceWith(async () => {
      assert.equal((await site.request('DELETE', `/rest/api/content/${doomed}`)).status, 204);
      const purge = await site.request('DELETE', `/rest/api/content/${doomed}?status=trashed`);
      assert.equal(purge.status, 204, purge.text);
    });
    const dir = path.join(work, 'purged');
    try {
      const summary = await takeSiteBackup(source, {
        dir,
        tributaryVersion: 'test',
        concurrency: 2,
        nowMs: Date.now,
        phase: quietPhase,
      });
      assert.equal(summary.snapshots, 2);
      assert.equal(summary.blobs.total, 1, 'the purged blob is not in the second snapshot');
    } finally {
      source.close();
    }
  });

  it('fails, writing no backup, when a recorded blob is missing without a purge', async () => {
    await uploadOne('lost.bin');
    const source = await sourceWith(async () => {});
    // Bytes lost behind the site's back: every file of the blob folder goes.
    const blobRoot = path.join(siteDir, 'blobs');
    for (const shard of await readdir(blobRoot))
      if (/^[0-9a-f]{2}$/.test(shard)) await rm(path.join(blobRoot, shard), { recursive: true, force: true });
    const dir = path.join(work, 'damaged');
    try {
      await assert.rejects(
        takeSiteBackup(source, {
          dir,
          tributaryVersion: 'test',
          concurrency: 2,
          nowMs: Date.now,
          phase: quietPhase,
        }),
        (error: unknown) => error instanceof SiteBackupError && /fsck/.test(error.message),
      );
      assert.deepEqual(
        (await readdir(dir)).filter((name) => name !== 'blobs'),
        [],
        'no manifest and no snapshot',
      );
    } finally {
      source.close();
    }
  });
});
