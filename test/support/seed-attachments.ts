import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { MetadataStore } from '../../src/ports/metadata-store.ts';
import { anUpload, aPage, type UploadFile } from './builders.ts';
import type { TestServer } from './test-server.ts';

export interface SeedAttachments {
  pageId: number;
  /** An attachment already uploaded; every seeded one shares its bytes. */
  templateId: number;
  count: number;
  /** The n-th attachment's file name (from 0). */
  title: (n: number) => string;
  /** When the n-th was made; by default a millisecond apart, in order, ending now. */
  createdAtMs?: (n: number) => number;
}

const batch = 2_500;

/**
 * `count` attachments on the page, each its own content row and version sharing the template's bytes,
 * written through the metadata store in batched transactions: uploading 10,000 or 100,000 files over
 * HTTP would make a test or a benchmark about the upload instead. Created a millisecond apart, in order.
 */
export async function seedAttachments(store: MetadataStore, seed: SeedAttachments): Promise<void> {
  const template = await store.content.findById(seed.templateId);
  const file = template?.version.file;
  assert.ok(template && file, 'the template attachment exists');
  const baseMs = Date.now() - seed.count;
  for (let first = 0; first < seed.count; first += batch) {
    await store.transaction(async (repositories) => {
      for (let n = first; n < Math.min(first + batch, seed.count); n += 1) {
        await repositories.content.insert(
          {
            type: 'attachment',
            status: 'current',
            spaceId: template.spaceId,
            parentId: null,
            containerId: seed.pageId,
            commentLocation: null,
            creatorId: template.creatorId,
          },
          {
            title: seed.title(n),
            authorId: template.creatorId,
            createdAtMs: seed.createdAtMs?.(n) ?? baseMs + n,
            message: '',
            minorEdit: false,
            body: null,
            file: { ...file, fileId: randomUUID() },
          },
        );
      }
    });
  }
}

/**
 * A new page in the space holding `1 + seed.count` attachments: one uploaded over HTTP (`template`),
 * whose bytes the seeded ones share. Answers the page's id.
 */
export async function aPageOfSeededAttachments(
  server: TestServer,
  space: { key: string; pageTitle: string },
  template: UploadFile,
  seed: Omit<SeedAttachments, 'pageId' | 'templateId'>,
): Promise<string> {
  const pageId = String((await aPage(server, space.key, space.pageTitle)).id);
  const uploaded = await anUpload(server, pageId, [template]);
  assert.equal(uploaded.status, 200, uploaded.text);
  const templateId = Number((uploaded.body as { results: { id: string }[] }).results[0]?.id);
  await seedAttachments(server.server.site.services.store, { ...seed, pageId: Number(pageId), templateId });
  return pageId;
}
