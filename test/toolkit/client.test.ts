/**
 * The client library on its own, against Tributary through each route it takes: the Cloud-shaped APIs
 * Tributary is driven through, Data Center with the Extender, and Data Center without it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Attachment, ConfluenceClient, Flavour } from '../../src/client/index.ts';
import { ConfluenceHttpError } from '../../src/client/index.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, isolateEnvironment, openClient } from './toolkit-support.ts';

const routes: Array<{ name: string; flavour?: Flavour; extender?: boolean }> = [
  { name: 'Tributary (Cloud-shaped APIs)' },
  { name: 'Data Center with the Extender', flavour: 'datacenter', extender: true },
  { name: 'Data Center without the Extender', flavour: 'datacenter', extender: false },
];

describe('the client library', () => {
  const environment = isolateEnvironment();
  let site: TestServer;

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  for (const [index, route] of routes.entries()) {
    describe(route.name, () => {
      let client: ConfluenceClient;
      let pageId: string;
      const file = (name: string) => path.join(environment.workDir(), `${index}-${name}`);

      /** Uploads text as a new attachment, or as a new version of one. */
      async function put(name: string, text: string, newVersionOf?: Attachment): Promise<Attachment> {
        await writeFile(file(name), text);
        return client.upload({
          containerId: pageId,
          filePath: file(name),
          sizeBytes: Buffer.byteLength(text),
          name,
          mediaType: 'text/plain',
          comment: `${name}: ${text}`,
          newVersionOf: newVersionOf?.id,
        });
      }

      before(async () => {
        client = await openClient(site.reachableUrl, { flavour: route.flavour, extender: route.extender });
        pageId = await aPageToWorkOn(site, `CL${index}`);
      });

      after(async () => {
        await client.close();
      });

      it('uploads, reads back and lists versions newest first, each version with its own facts', async () => {
        const first = await put('history.txt', 'one');
        const second = await put('history.txt', 'two, longer', first);
        assert.equal(second.id, first.id);
        assert.equal(second.versionNumber, 2);
        const versions = await client.listVersions(second);
        assert.deepEqual(
          versions.map((version) => [version.number, version.message]),
          [
            [2, 'history.txt: two, longer'],
            [1, 'history.txt: one'],
          ],
        );
        if (route.flavour === 'datacenter' && route.extender) {
          assert.deepEqual(
            versions.map((version) => version.sizeBytes),
            [11, 3],
            'the Extender states sizes',
          );
        }
        const old = await client.getAttachment(second.id, { versionNumber: 1 });
        assert.deepEqual([old.versionNumber, old.sizeBytes, old.comment], [1, 3, 'history.txt: one']);
        const downloaded = file('history-v1.txt');
        await client.download(second, downloaded, { versionNumber: 1, expectedSizeBytes: 3 });
        assert.equal(await readFile(downloaded, 'utf8'), 'one');
      });

      it('deletes a historical version and refuses to delete the current one', async () => {
        let attachment = await put('pruned.txt', 'v1');
        attachment = await put('pruned.txt', 'v2', attachment);
        attachment = await put('pruned.txt', 'v3', attachment);
        await client.deleteVersion(attachment, 1);
        const left = await client.listVersions(attachment);
        assert.deepEqual(
          left.map((version) => version.number),
          [3, 2],
        );
        await assert.rejects(
          client.deleteVersion(attachment, 3),
          (error: unknown) =>
            error instanceof ConfluenceHttpError && error.status >= 400 && error.status < 500,
        );
      });

      it('trashes, lists the trash, restores, and purges in two steps', async () => {
        const attachment = await put('binned.txt', 'soon gone');
        await client.trash(attachment);
        const selector = { kind: 'page', pageId, tree: false } as const;
        const trashed: Attachment[] = [];
        for await (const found of client.listAttachments(selector, { statuses: ['trashed'] }))
          trashed.push(found);
        assert.deepEqual(
          trashed.map((found) => [found.id, found.status]),
          [[attachment.id, 'trashed']],
        );
        const restored = await client.restore(trashed[0] as Attachment);
        assert.equal(restored.status, 'current');
        assert.equal((await client.getAttachment(attachment.id)).status, 'current');

        await client.trash(attachment);
        await client.purge(attachment);
        await assert.rejects(
          client.getAttachment(attachment.id),
          (error: unknown) => error instanceof ConfluenceHttpError && error.status === 404,
        );
      });

      it('states the SHA-256 of a version only where the server does, and computes it everywhere', async () => {
        const attachment = await put('hashed.txt', 'hash me');
        const expected = createHash('sha256').update('hash me').digest('hex');
        assert.equal(await client.sha256Of(attachment), expected);
        assert.equal(await client.statedSha256(attachment), route.flavour ? undefined : expected);
      });
    });
  }
});
