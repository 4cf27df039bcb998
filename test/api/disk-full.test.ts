import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statfsSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;

/**
 * Each store on a small file system of its own (tmpfs, 8 MiB), so each source of ENOSPC is hit on
 * purpose: the blob folder while an upload is written, the database while a transaction commits (its
 * write-ahead log cannot grow). Mounting needs root, as in CI; elsewhere the suite skips with the reason,
 * unless TRIBUTARY_TEST_REQUIRE_MOUNT=1 says it must run.
 */
function mount(dir: string, options = 'size=8m'): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
}
const unmount = (dir: string) => execFileSync('umount', [dir], { stdio: 'pipe' });
const remount = (dir: string, mode: 'ro' | 'rw') =>
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });

function whyMountingFails(): string | undefined {
  const probe = mkdtempSync(path.join(tmpdir(), 'tributary-mount-probe-'));
  try {
    mount(probe, 'size=1m');
    unmount(probe);
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (needs root): ${String((error as Error).message).split('\n')[0]}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const mountRefused = whyMountingFails();
if (mountRefused && process.env.TRIBUTARY_TEST_REQUIRE_MOUNT === '1') throw new Error(mountRefused);

/** Writes a file until the file system has no room left; removing the file frees the room again. */
function fill(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    // The last partial chunk: a few bytes may still fit.
    try {
      for (;;) writeSync(fd, chunk, 0, 512);
    } catch {}
  } finally {
    closeSync(fd);
  }
  assert.ok(statfsSync(dir).bavail < 2, 'the file system is full');
  return filler;
}

const bytesOf = (size: number, seed: number) => Buffer.alloc(size, seed);
const attachmentCountOn = async (site: TestServer, pageId: string) =>
  ((await site.request('GET', `/rest/api/content/${pageId}/child/attachment`)).body as { size: number }).size;
const blobFilesIn = (blobs: string) =>
  readdirSync(blobs, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name),
  ).length;

describe('a full or read-only disk', { skip: mountRefused ?? false }, () => {
  let root: string;
  let blobs: string;
  let database: string;
  let site: TestServer;
  let pageId: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'tributary-disk-full-'));
    blobs = path.join(root, 'blobs');
    database = path.join(root, 'db');
    for (const dir of [blobs, database]) {
      mkdirSync(dir);
      mount(dir);
    }
    // Always the folder and SQLite: the point is their file systems, whatever the run's switches say.
    site = await startTestServer({
      TRIBUTARY_DATABASE_URL: `sqlite:${path.join(database, 'tributary.db')}`,
      TRIBUTARY_BLOB_STORE_URL: `file:${blobs}`,
    });
    await aSpace(site, 'FULL');
    pageId = String((await aPage(site, 'FULL', 'Home of uploads')).id);
    const first = await anUpload(site, pageId, [{ name: 'first.bin', content: bytesOf(1000, 1) }]);
    assert.equal(first.status, 200, first.text);
  });

  after(async () => {
    await site?.dispose();
    for (const dir of [blobs, database]) {
      try {
        remount(dir, 'rw');
      } catch {}
      try {
        unmount(dir);
      } catch {}
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses an upload to a full blob folder with 507, keeping nothing of it, and serves reads', async () => {
    const filler = fill(blobs);
    const blobsBefore = blobFilesIn(blobs);
    for (const method of ['POST', 'PUT'] as const) {
      const response = await anUpload(
        site,
        pageId,
        [{ name: `big-${method}.bin`, content: bytesOf(512 * 1024, 2) }],
        {
          method,
        },
      );
      assert.equal(response.status, 507, response.text);
      const body = response.body as Json;
      assert.equal(body.statusCode, 507);
      assert.equal(body.reason, 'Insufficient Storage');
      assert.match(String(body.message), /Not enough storage space.*nothing was saved/);
    }
    assert.deepEqual(readdirSync(path.join(blobs, '.tmp')), [], 'no temporary file is left');
    assert.equal(blobFilesIn(blobs), blobsBefore, 'no blob was added');
    assert.equal(await attachmentCountOn(site, pageId), 1, 'no attachment row was added');

    assert.equal((await site.request('GET', `/rest/api/content/${pageId}`)).status, 200);
    const list = await site.request('GET', `/rest/api/content/${pageId}/child/attachment`);
    const first = (list.body as { results: Json[] }).results[0];
    const download = await site.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment/${first?.id}/download`,
    );
    assert.equal(download.status, 200);
    assert.equal(download.text.length, 1000);

    rmSync(filler);
    const again = await anUpload(site, pageId, [{ name: 'big.bin', content: bytesOf(512 * 1024, 2) }]);
    assert.equal(again.status, 200, again.text);
    assert.equal(await attachmentCountOn(site, pageId), 2);
  });

  it('rolls back a commit whose write-ahead log cannot grow and answers 507 on v1 and v2', async () => {
    const filler = fill(database);
    // A body of some megabytes needs as many new log pages: the log must grow, and cannot.
    const body = `<p>${'x'.repeat(3 * 1024 * 1024)}</p>`;
    const v1 = await site.request('POST', '/rest/api/content', {
      json: {
        type: 'page',
        title: 'Too big for the disk',
        space: { key: 'FULL' },
        body: { storage: { value: body, representation: 'storage' } },
      },
    });
    assert.equal(v1.status, 507, v1.text);
    assert.equal((v1.body as Json).statusCode, 507);
    const space = await site.request('GET', '/wiki/api/v2/spaces?keys=FULL');
    const spaceId = (space.body as { results: Json[] }).results[0]?.id;
    const v2 = await site.request('POST', '/wiki/api/v2/pages', {
      json: { spaceId, title: 'Too big for v2', body: { representation: 'storage', value: body } },
    });
    assert.equal(v2.status, 507, v2.text);
    const [error] = (v2.body as { errors: Json[] }).errors;
    assert.equal(error?.code, 'INSUFFICIENT_STORAGE');
    assert.match(String(error?.detail), /Not enough storage space/);

    const found = await site.request(
      'GET',
      '/rest/api/content?spaceKey=FULL&title=Too%20big%20for%20the%20disk',
    );
    assert.equal((found.body as { size: number }).size, 0, 'the page was not created');
    assert.equal((await site.request('GET', `/rest/api/content/${pageId}`)).status, 200, 'reads are served');

    rmSync(filler);
    const later = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', title: 'After space was freed', space: { key: 'FULL' } },
    });
    assert.equal(later.status, 200, later.text);
    const upload = await anUpload(site, pageId, [{ name: 'after.bin', content: bytesOf(2000, 3) }]);
    assert.equal(upload.status, 200, upload.text);
  });

  it('answers an upload to a read-only blob folder with the read-only error', async () => {
    remount(blobs, 'ro');
    try {
      const refused = await anUpload(site, pageId, [{ name: 'ro.bin', content: bytesOf(100, 4) }]);
      assert.equal(refused.status, 503, refused.text);
    } finally {
      remount(blobs, 'rw');
    }
    assert.equal((await anUpload(site, pageId, [{ name: 'rw.bin', content: bytesOf(100, 5) }])).status, 200);
  });
});

/**
 * A file system the kernel turns read-only under a running server, as ext4 does after an error with
 * `errors=remount-ro`: an ext4 image on a loop device, its error triggered through sysfs.
 */
function mountExt4(image: string, dir: string): string {
  execFileSync('truncate', ['-s', '32M', image]);
  execFileSync('mkfs.ext4', ['-q', '-F', image], { stdio: 'pipe' });
  execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, dir], { stdio: 'pipe' });
  return path.basename(execFileSync('findmnt', ['-n', '-o', 'SOURCE', dir], { encoding: 'utf8' }).trim());
}

function whyExt4Fails(): string | undefined {
  if (mountRefused) return mountRefused;
  const probe = mkdtempSync(path.join(tmpdir(), 'tributary-ext4-probe-'));
  try {
    const device = mountExt4(path.join(probe, 'image'), probe);
    const triggers = existsSync(`/sys/fs/ext4/${device}/trigger_fs_error`);
    unmount(probe);
    return triggers
      ? undefined
      : 'this kernel cannot trigger an ext4 error (/sys/fs/ext4/*/trigger_fs_error)';
  } catch (error) {
    return `cannot mount an ext4 image here: ${String((error as Error).message).split('\n')[0]}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const ext4Refused = whyExt4Fails();
if (ext4Refused && process.env.TRIBUTARY_TEST_REQUIRE_MOUNT === '1') throw new Error(ext4Refused);

describe('a database whose disk turns read-only under the server', { skip: ext4Refused ?? false }, () => {
  let root: string;
  let mounted: string;
  let site: TestServer;
  let pageId: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'tributary-read-only-disk-'));
    mounted = path.join(root, 'db');
    mkdirSync(mounted);
    const device = mountExt4(path.join(root, 'db.img'), mounted);
    site = await startTestServer({
      TRIBUTARY_DATABASE_URL: `sqlite:${path.join(mounted, 'tributary.db')}`,
      TRIBUTARY_BLOB_STORE_URL: `file:${path.join(root, 'blobs')}`,
    });
    await aSpace(site, 'RODISK');
    pageId = String((await aPage(site, 'RODISK', 'Written before')).id);
    writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, 'tributary test');
  });

  after(async () => {
    await site?.stop().catch(() => undefined);
    try {
      unmount(mounted);
    } catch {
      // Something still holds a file open on the failed disk: detach it now, it goes when released.
      execFileSync('umount', ['-l', mounted], { stdio: 'pipe' });
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('answers writes with the read-only error on v1 and v2, and keeps serving reads', async () => {
    const v1 = await site.request('POST', '/rest/api/content', {
      json: { type: 'page', title: 'On a read-only disk', space: { key: 'RODISK' } },
    });
    assert.equal(v1.status, 503, v1.text);
    assert.equal((v1.body as Json).message, "This site is read-only. You can't make changes right now.");
    const v2 = await site.request('PUT', `/wiki/api/v2/pages/${pageId}`, {
      json: { id: pageId, status: 'current', title: 'Renamed', version: { number: 2 } },
    });
    assert.equal(v2.status, 503, v2.text);
    assert.equal((v2.body as { errors: Json[] }).errors[0]?.code, 'SERVICE_UNAVAILABLE');
    const page = await site.request('GET', `/rest/api/content/${pageId}`);
    assert.equal(page.status, 200);
    assert.equal((page.body as Json).title, 'Written before');
  });
});
