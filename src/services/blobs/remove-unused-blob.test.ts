import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteOnly } from '../../../test/support/test-database.ts';
import { loadConfig } from '../../config/load-config.ts';
import { openSite, type Site } from '../../main.ts';
import { removeUnusedBlob } from './remove-unused-blob.ts';

async function* bytes(text: string) {
  yield Buffer.from(text);
}

describe('removing unused blobs', sqliteOnly, () => {
  let dir: string;
  let site: Site;
  let sql: Database.Database;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-blobs-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
    // Content repositories arrive with the content issue; until then rows are written directly.
    sql = new Database(path.join(dir, 'tributary.db'));
  });
  after(async () => {
    sql.close();
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  const attachmentVersion = (contentId: number, versionNumber: number, sha256: string) =>
    sql
      .prepare(
        `insert into content_versions (content_id, number, title, created_at_ms, blob_sha256, size_bytes)
         values (?, ?, 'a.txt', 0, ?, 5)`,
      )
      .run(contentId, versionNumber, sha256);

  it('keeps a blob that two versions share until the last one is gone', async () => {
    const { services } = site;
    const ref = await services.blobs.put(bytes('hello'));
    await services.store.blobs.record(ref.sha256, ref.sizeBytes, 0);
    const page = sql
      .prepare(
        `insert into content (type, status, title, created_at_ms, updated_at_ms) values ('page', 'current', 'P', 0, 0)`,
      )
      .run().lastInsertRowid;
    const attachment = sql
      .prepare(
        `insert into content (type, status, title, container_id, created_at_ms, updated_at_ms)
         values ('attachment', 'current', 'a.txt', ?, 0, 0)`,
      )
      .run(page).lastInsertRowid;
    attachmentVersion(Number(attachment), 1, ref.sha256);
    attachmentVersion(Number(attachment), 2, ref.sha256);

    sql.prepare('delete from content_versions where content_id = ? and number = 1').run(attachment);
    assert.equal(await removeUnusedBlob(services, ref.sha256), false);
    assert.equal(await services.blobs.sizeOf(ref.sha256), 5);

    sql.prepare('delete from content_versions where content_id = ? and number = 2').run(attachment);
    assert.equal(await removeUnusedBlob(services, ref.sha256), true);
    assert.equal(await services.blobs.sizeOf(ref.sha256), undefined);
    assert.deepEqual(sql.prepare('select count(*) as n from blobs').get(), { n: 0 });
  });
});
