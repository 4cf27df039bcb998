/**
 * `tributary site-backup` and `site-restore` as their own processes, against a real server on a real
 * SQLite file and blob folder: a backup taken while uploads run is consistent, restores into a new site
 * whose API answers match the original's, is incremental the second time, and a restore refuses a
 * non-empty site and a damaged backup, leaving nothing behind.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { field } from '../support/json-field.ts';
import { type Requester, startTestServer, type TestServer } from '../support/test-server.ts';
import { runTributary } from '../support/tributary-process.ts';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An embedded site in `dir`, named explicitly so that no test switch moves it to PostgreSQL or S3. */
const siteIn = (dir: string) => ({
  TRIBUTARY_DATA_DIR: dir,
  TRIBUTARY_DATABASE_URL: `sqlite:${path.join(dir, 'tributary.db')}`,
  TRIBUTARY_BLOB_STORE_URL: `file:${path.join(dir, 'blobs')}`,
});

async function run(args: string[], site: Record<string, string>) {
  const tributary = runTributary(args, site);
  const { code } = await tributary.exited;
  return { code, stdout: tributary.stdout(), stderr: tributary.stderr() };
}

interface Summary {
  blobs: { total: number; linked: number; copied: number; alreadyThere: number };
  databaseFile: string;
}

interface Manifest {
  database: { file: string; sha256: string };
  blobs: { sha256: string; sizeBytes: number }[];
  counts: { blobs: number; tableRows: Record<string, number> };
  tributaryVersion: string;
}

const blobFileIn = (dir: string, sha256: string) =>
  path.join(dir, 'blobs', 'sha256', sha256.slice(0, 2), sha256);

/** What a site answers about its content: spaces, pages, attachments with every version, by id. */
async function answers(site: Requester, origin: string, pageIds: string[]) {
  const spaces = await site.request('GET', '/rest/api/space?limit=100');
  const pages: unknown[] = [];
  const attachments: Record<string, unknown>[] = [];
  for (const id of pageIds) {
    pages.push(
      (await site.request('GET', `/rest/api/content/${id}?expand=body.storage,version,ancestors`)).body,
    );
    const listing = await site.request('GET', `/wiki/api/v2/pages/${id}/attachments?limit=250`);
    for (const attachment of field(listing.body, 'results') as Record<string, unknown>[]) {
      const versions = await site.request(
        'GET',
        `/wiki/api/v2/attachments/${String(attachment.id)}/versions`,
      );
      attachments.push({ attachment, versions: versions.body });
    }
  }
  // Links name the server they came from; the two sites differ only there.
  const answered = JSON.stringify({ spaces: spaces.body, pages, attachments }).replaceAll(origin, 'ORIGIN');
  return JSON.parse(answered) as {
    spaces: unknown;
    pages: unknown[];
    attachments: Record<string, unknown>[];
  };
}

describe('tributary site-backup and site-restore', () => {
  let work: string;
  let source: TestServer;
  let sourceDir: string;
  let backupDir: string;
  let stablePage: string;
  let busyPage: string;
  const uploaded = new Map<string, Uint8Array>();
  let restored: TestServer | undefined;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'tributary-site-backup-'));
    sourceDir = path.join(work, 'source');
    await mkdir(sourceDir);
    backupDir = path.join(work, 'backup');
    source = await startTestServer(siteIn(sourceDir), sourceDir);
    await aSpace(source, 'BAK');
    stablePage = String(field(await aPage(source, 'BAK', 'Stable'), 'id'));
    busyPage = String(field(await aPage(source, 'BAK', 'Busy'), 'id'));
    for (let index = 0; index < 6; index += 1) {
      const content = randomBytes(2000 + index * 5000);
      uploaded.set(sha256Of(content), content);
      const response = await anUpload(source, stablePage, [{ name: `stable-${index}.bin`, content }]);
      assert.equal(response.status, 200, response.text);
    }
    // A second version of one of them, sharing nothing with the first.
    const v2 = randomBytes(3000);
    uploaded.set(sha256Of(v2), v2);
    const again = await anUpload(source, stablePage, [{ name: 'stable-0.bin', content: v2 }], {
      method: 'PUT',
    });
    assert.equal(again.status, 200, again.text);
  });

  after(async () => {
    await restored?.dispose();
    await source?.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it('backs up a site while uploads run, and every version of the snapshot has its blob', async () => {
    let uploading = true;
    let uploads = 0;
    const uploader = (async () => {
      while (uploading) {
        const content = randomBytes(1000 + uploads * 37);
        uploaded.set(sha256Of(content), content);
        const response = await anUpload(source, busyPage, [{ name: `busy-${uploads}.bin`, content }]);
        assert.equal(response.status, 200, response.text);
        uploads += 1;
      }
    })();
    const backup = await run(['site-backup', backupDir, '--json'], siteIn(sourceDir));
    uploading = false;
    await uploader;
    assert.equal(backup.code, 0, backup.stderr);
    assert.ok(uploads > 0, 'uploads ran during the backup');
    const summary = JSON.parse(backup.stdout) as Summary;
    // Same file system: hard links, no bytes copied.
    assert.equal(summary.blobs.copied, 0);
    assert.equal(summary.blobs.linked, summary.blobs.total);

    const manifest = JSON.parse(
      await readFile(path.join(backupDir, 'site-manifest.json'), 'utf8'),
    ) as Manifest;
    assert.equal(manifest.database.file, summary.databaseFile);
    assert.equal(
      sha256Of(await readFile(path.join(backupDir, manifest.database.file))),
      manifest.database.sha256,
    );
    assert.match(manifest.tributaryVersion, /^\d+\.\d+\.\d+/);
    const snapshot = new Database(path.join(backupDir, manifest.database.file), { readonly: true });
    const versions = snapshot
      .prepare<[], { sha: string }>(
        'SELECT blob_sha256 AS sha FROM content_versions WHERE blob_sha256 IS NOT NULL',
      )
      .all();
    snapshot.close();
    assert.ok(versions.length >= 7);
    for (const { sha } of versions) {
      const bytes = await readFile(blobFileIn(backupDir, sha));
      assert.equal(sha256Of(bytes), sha, `blob ${sha} in the backup has its hash`);
    }
    assert.equal(manifest.blobs.length, manifest.counts.blobs);
  });

  it('copies only new blobs the second time', async () => {
    const before = JSON.parse(await readFile(path.join(backupDir, 'site-manifest.json'), 'utf8')) as Manifest;
    const fresh = [randomBytes(4321), randomBytes(1234)];
    for (const [index, content] of fresh.entries()) {
      uploaded.set(sha256Of(content), content);
      assert.equal((await anUpload(source, busyPage, [{ name: `later-${index}.bin`, content }])).status, 200);
    }
    const second = await run(['site-backup', backupDir, '--json'], siteIn(sourceDir));
    assert.equal(second.code, 0, second.stderr);
    const summary = JSON.parse(second.stdout) as Summary;
    const now = JSON.parse(await readFile(path.join(backupDir, 'site-manifest.json'), 'utf8')) as Manifest;
    const known = new Set(before.blobs.map((ref) => ref.sha256));
    const added = now.blobs.filter((ref) => !known.has(ref.sha256));
    // The uploads after the first snapshot (during the first backup) and these two are all that is new.
    assert.ok(added.length >= 2);
    assert.equal(summary.blobs.linked + summary.blobs.copied, added.length);
    assert.equal(summary.blobs.alreadyThere, before.blobs.length);
    const files = (await readdir(backupDir)).filter((name) => name.endsWith('.sqlite'));
    assert.deepEqual(files, [summary.databaseFile], 'the older snapshot is gone');
  });

  it('refuses to restore into a non-empty data directory, and changes nothing there', async () => {
    const occupied = path.join(work, 'occupied');
    await mkdir(occupied);
    await writeFile(path.join(occupied, 'keep.txt'), 'mine');
    const refused = await run(['site-restore', backupDir], siteIn(occupied));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not empty/);
    assert.deepEqual(await readdir(occupied), ['keep.txt']);
  });

  it('refuses a backup with a changed blob, and leaves the site empty', async () => {
    const damaged = path.join(work, 'damaged-backup');
    await run(['site-backup', damaged], siteIn(sourceDir));
    const manifest = JSON.parse(await readFile(path.join(damaged, 'site-manifest.json'), 'utf8')) as Manifest;
    const victim = manifest.blobs.at(-1);
    assert.ok(victim);
    // Replaced, not written in place: a hard link shares its bytes with the site's own blob.
    const file = blobFileIn(damaged, victim.sha256);
    const bytes = await readFile(file);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await rm(file);
    await writeFile(file, bytes);
    const target = path.join(work, 'target-of-damaged');
    const refused = await run(['site-restore', damaged], siteIn(target));
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /checksum mismatch/);
    assert.deepEqual(await readdir(target).catch(() => []), [], 'nothing half-restored');
  });

  it('on a damaged database, removes only what it wrote from a database folder that holds other files', async () => {
    const damaged = path.join(work, 'damaged-database-backup');
    await cp(backupDir, damaged, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(damaged, 'site-manifest.json'), 'utf8')) as Manifest;
    const snapshot = path.join(damaged, manifest.database.file);
    const bytes = await readFile(snapshot);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(snapshot, bytes);
    // The database file in a folder of the user's own, as TRIBUTARY_DATABASE_URL=sqlite:/home/me/x.db does.
    const target = path.join(work, 'target-in-home');
    const home = path.join(target, 'home');
    await mkdir(home, { recursive: true });
    await writeFile(path.join(home, 'notes.txt'), 'mine');
    const refused = await run(['site-restore', damaged], {
      TRIBUTARY_DATA_DIR: path.join(target, 'data'),
      TRIBUTARY_DATABASE_URL: `sqlite:${path.join(home, 'tributary.db')}`,
      TRIBUTARY_BLOB_STORE_URL: `file:${path.join(target, 'data', 'blobs')}`,
    });
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /checksum mismatch/);
    assert.deepEqual(await readdir(target), ['home'], 'the data directory it created is gone');
    assert.deepEqual(await readdir(home), ['notes.txt'], 'the unrelated file stays, the database went');
    assert.equal(await readFile(path.join(home, 'notes.txt'), 'utf8'), 'mine');
  });

  it('refuses a manifest whose names are paths, and touches nothing outside the folder', async () => {
    const outside = path.join(work, 'outside.sqlite');
    await writeFile(outside, 'not the backup');
    const manifestOf = async (dir: string) =>
      JSON.parse(await readFile(path.join(dir, 'site-manifest.json'), 'utf8')) as Manifest;
    const forged = async (name: string, change: (manifest: Manifest) => void) => {
      const dir = path.join(work, name);
      await cp(backupDir, dir, { recursive: true });
      const manifest = await manifestOf(dir);
      change(manifest);
      await writeFile(path.join(dir, 'site-manifest.json'), JSON.stringify(manifest));
      return dir;
    };
    const climbing = await forged('forged-database', (manifest) => {
      manifest.database.file = '../outside.sqlite';
    });
    // site-backup removes the previous snapshot by the name its manifest gives.
    const backup = await run(['site-backup', climbing], siteIn(sourceDir));
    assert.equal(backup.code, 2, backup.stderr);
    assert.match(backup.stderr, /database\.file "\.\.\/outside\.sqlite"/);
    assert.equal((await manifestOf(climbing)).database.file, '../outside.sqlite', 'no backup was written');
    const target = path.join(work, 'target-of-forged');
    const restore = await run(['site-restore', climbing], siteIn(target));
    assert.equal(restore.code, 2, restore.stderr);
    assert.match(restore.stderr, /not a valid site backup manifest/);

    const badHash = await forged('forged-blob', (manifest) => {
      const first = manifest.blobs[0];
      assert.ok(first);
      first.sha256 = '../../../outside.sqlite';
    });
    const refused = await run(['site-restore', badHash], siteIn(target));
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /blob .* is not a SHA-256/);
    assert.equal(await readFile(outside, 'utf8'), 'not the backup');
    assert.deepEqual(await readdir(target).catch(() => 'absent'), 'absent', 'nothing was restored');
  });

  it('restores into a new site whose API answers match the original as of the snapshot', async () => {
    const target = path.join(work, 'restored');
    const restore = await run(['site-restore', backupDir], siteIn(target));
    assert.equal(restore.code, 0, restore.stderr);
    restored = await startTestServer(siteIn(target), target);
    const copy = restored;
    const origin = new URL(restored.url).origin;
    // Nothing was uploaded since the second backup: the two sites answer alike.
    const original = await answers(source, new URL(source.url).origin, [stablePage, busyPage]);
    const answered = await answers(copy, origin, [stablePage, busyPage]);
    assert.deepEqual(answered.spaces, original.spaces);
    assert.deepEqual(answered.pages, original.pages);
    assert.deepEqual(answered.attachments, original.attachments);
    assert.ok(answered.attachments.length >= 8);
    for (const { attachment } of answered.attachments as { attachment: Record<string, unknown> }[]) {
      const id = String(attachment.id);
      const download = await fetch(`${origin}${String(attachment.downloadLink)}`, {
        headers: { authorization: `Basic ${Buffer.from('admin:admin-secret-for-tests').toString('base64')}` },
      });
      const bytes = new Uint8Array(await download.arrayBuffer());
      assert.equal(download.status, 200);
      assert.ok(uploaded.has(sha256Of(bytes)), `attachment ${id} downloads bytes that were uploaded`);
    }
  });
});
