/**
 * Small uploads share directory syncs (adapters/blobs/directory-syncs.ts); sharing must not let any
 * attachment's metadata commit before its bytes and their directory entry are durable, nor a failed sync
 * leave an attachment behind. Real files, a real SQLite file, the real services.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aSpaceWithPage, attachmentTitlesOn, uploadPartsOf } from '../../../test/support/builders.ts';
import { openServiceSite, type ServiceSite } from '../../../test/support/service-deps.ts';
import { DirectorySyncs } from '../../adapters/blobs/directory-syncs.ts';
import { FilesystemBlobStore } from '../../adapters/blobs/filesystem-blob-store.ts';
import { fsyncDir } from '../../adapters/blobs/shard-directories.ts';
import type { Content } from '../../domain/content.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { uploadAttachments } from './upload-attachments.ts';

describe('concurrent small uploads with shared directory syncs', () => {
  let site: ServiceSite;
  let blobDir: string;
  /** Blob paths whose directory entry a finished sync found in place. */
  const synced = new Set<string>();
  let failSyncs = false;
  /** What each commit found about its attachments' bytes as it was about to commit. */
  const atCommit: { sha256: string; entrySynced: boolean; bytesWhole: boolean }[] = [];
  let services: ServiceDeps;

  before(async () => {
    site = await openServiceSite();
    blobDir = await mkdtemp(path.join(tmpdir(), 'tributary-upload-durability-'));
    const blobs = new FilesystemBlobStore(
      blobDir,
      new DirectorySyncs(async (dir) => {
        if (failSyncs) throw Object.assign(new Error('I/O error'), { code: 'EIO' });
        const present = await readdir(dir);
        await fsyncDir(dir);
        for (const name of present) synced.add(path.join(dir, name));
      }),
    );
    await blobs.init();
    const { store } = site.services;
    services = {
      ...site.services,
      blobs,
      store: {
        ...store,
        transaction: (work) =>
          store.transaction(async (repositories) => {
            const result = await work(repositories);
            const committed = Array.isArray(result) ? (result as Content[]) : [];
            for (const content of committed) {
              const sha256 = content.version.file?.sha256;
              if (content.type !== 'attachment' || !sha256) continue;
              const blobPath = path.join(blobDir, sha256.slice(0, 2), sha256);
              const bytes = await readFile(blobPath).catch(() => Buffer.alloc(0));
              atCommit.push({
                sha256,
                entrySynced: synced.has(blobPath),
                bytesWhole: createHash('sha256').update(bytes).digest('hex') === sha256,
              });
            }
            return result;
          }),
      },
    };
  });

  after(async () => {
    await site.dispose();
    await rm(blobDir, { recursive: true, force: true });
  });

  it('commits each attachment only once its bytes and directory entry are durable', async () => {
    const { page } = await aSpaceWithPage(services, 'DURABLE');
    const uploads = Array.from({ length: 24 }, (_, n) =>
      uploadAttachments(
        services,
        systemPrincipal,
        page.id,
        uploadPartsOf([{ name: `small-${n}.bin`, content: randomBytes(1024) }]),
        'create',
      ),
    );
    const uploaded = (await Promise.all(uploads)).flat();
    assert.equal(uploaded.length, 24);
    assert.equal(atCommit.length, 24);
    for (const found of atCommit) {
      assert.deepEqual(found, { sha256: found.sha256, entrySynced: true, bytesWhole: true });
    }
    assert.equal((await attachmentTitlesOn(services, page)).length, 24);
  });

  it('leaves no attachment when the directory sync fails, for any of the uploads sharing it', async () => {
    const { page } = await aSpaceWithPage(services, 'UNSYNCED');
    failSyncs = true;
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, n) =>
          uploadAttachments(
            services,
            systemPrincipal,
            page.id,
            uploadPartsOf([{ name: `lost-${n}.bin`, content: randomBytes(1024) }]),
            'create',
          ),
        ),
      );
      for (const outcome of outcomes) assert.equal(outcome.status, 'rejected');
    } finally {
      failSyncs = false;
    }
    assert.deepEqual(await attachmentTitlesOn(services, page), []);
  });
});
