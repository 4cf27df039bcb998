import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config/load-config.ts';
import type { Space } from '../../domain/content.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { openSite, type Site } from '../../main.ts';
import { createSpace } from './create-space.ts';
import { deleteSpace, nextBatchSize } from './delete-space.ts';

async function* bytes(text: string) {
  yield Buffer.from(text);
}

describe('deleting a space', () => {
  let dir: string;
  let site: Site;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-delete-space-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** An attachment on the space's home page whose versions hold these texts. */
  async function anAttachment(space: Space, ...texts: string[]) {
    const { services } = site;
    const shas: string[] = [];
    let attachmentId: number | undefined;
    for (const text of texts) {
      const ref = await services.blobs.put(bytes(text));
      await services.store.blobs.record(ref.sha256, ref.sizeBytes, 0);
      shas.push(ref.sha256);
      const version = {
        title: 'a.txt',
        authorId: null,
        createdAtMs: 0,
        message: '',
        minorEdit: false,
        body: null,
        file: { sha256: ref.sha256, sizeBytes: ref.sizeBytes, mediaType: 'text/plain', fileId: text },
      };
      if (attachmentId === undefined) {
        const created = await services.store.content.insert(
          {
            type: 'attachment',
            status: 'current',
            spaceId: space.id,
            parentId: null,
            containerId: space.homepageId,
            commentLocation: null,
            creatorId: null,
          },
          version,
        );
        attachmentId = created.id;
      } else {
        await services.store.content.appendVersion(attachmentId, version);
      }
    }
    return shas;
  }

  it("removes the space's content and the attachment bytes only it used, keeping bytes another space shares", async () => {
    const { services } = site;
    const doomed = await createSpace(services, systemPrincipal, {
      key: 'DOOMED',
      name: 'Doomed',
      private: false,
    });
    const kept = await createSpace(services, systemPrincipal, { key: 'KEPT', name: 'Kept', private: false });
    const [first, second] = await anAttachment(doomed, 'version one', 'version two');
    const [shared] = await anAttachment(doomed, 'shared bytes');
    await anAttachment(kept, 'shared bytes');
    assert.ok(first && second && shared);

    const { task, settled } = await deleteSpace(services, systemPrincipal, 'doomed');
    assert.equal(task.finished, false);
    await settled;

    const stored = await services.store.longTasks.findById(task.id);
    assert.equal(stored?.successful, true, JSON.stringify(stored?.messages));
    assert.equal(await services.store.spaces.findByKey('DOOMED'), undefined);
    assert.equal(
      doomed.homepageId === null ? undefined : await services.store.content.findById(doomed.homepageId),
      undefined,
    );
    assert.equal(await services.blobs.sizeOf(first), undefined);
    assert.equal(await services.blobs.sizeOf(second), undefined);
    assert.equal(await services.store.blobs.isReferenced(shared), true);
    assert.equal(await services.blobs.sizeOf(shared), 'shared bytes'.length);
    assert.ok(await services.store.spaces.findByKey('KEPT'));
  });

  it('finishes quietly when another task deleted the space first', async () => {
    const { services } = site;
    await createSpace(services, systemPrincipal, { key: 'TWICE', name: 'Twice', private: false });
    const first = await deleteSpace(services, systemPrincipal, 'TWICE');
    const second = await deleteSpace(services, systemPrincipal, 'TWICE');
    await Promise.all([first.settled, second.settled]);
    // Either may come first: one deletes, the other finds nothing left to delete.
    const lastMessages = await Promise.all(
      [first, second].map(
        async (started) =>
          (await services.store.longTasks.findById(started.task.id))?.messages.at(-1)?.translation,
      ),
    );
    assert.deepEqual(lastMessages.sort(), ['Space TWICE deleted', 'Space TWICE was already deleted']);
  });

  it('sizes its batches to take about 8 ms of work each, changing by at most half or double, 25 to 2,000', () => {
    assert.equal(nextBatchSize(100, 8), 100);
    assert.equal(nextBatchSize(100, 10), 80);
    assert.equal(nextBatchSize(100, 40), 50, 'shrinks by half at most');
    assert.equal(nextBatchSize(100, 1), 200, 'grows by double at most');
    assert.equal(nextBatchSize(30, 100), 25);
    assert.equal(nextBatchSize(1_500, 1), 2_000);
  });
});
