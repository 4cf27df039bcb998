import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { seededRandom } from './seeded-random.ts';
import { type CrashModel, verifyAfterRestart } from './verify-site.ts';

const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');

/** The crash harness's check can fail: each lie in the model about what was acknowledged is reported. */
describe('the crash harness check', () => {
  let server: TestServer;
  let pageId = '';
  let attachmentId = '';

  before(async () => {
    server = await startTestServer();
    await aSpace(server, 'CHK');
    pageId = String((await aPage(server, 'CHK', 'Checked', { body: '<p>kept</p>' })).id);
    const uploaded = await anUpload(server, pageId, [{ name: 'a.bin', content: 'first bytes' }]);
    assert.equal(uploaded.status, 200, uploaded.text);
    attachmentId = String((uploaded.body as { results: { id: string }[] }).results[0]?.id);
  });
  after(async () => {
    await server.dispose();
  });

  /** The model of what the site holds, with `change` applied to it. */
  const modelWith = (change: (model: CrashModel) => void = () => undefined): CrashModel => {
    const model: CrashModel = {
      workers: [
        {
          index: 0,
          spaceSerial: 1,
          space: {
            key: 'CHK',
            pages: new Map([
              [
                'Checked',
                {
                  id: pageId,
                  title: 'Checked',
                  version: 1,
                  body: '<p>kept</p>',
                  attachments: new Map([
                    [
                      'a.bin',
                      {
                        id: attachmentId,
                        filename: 'a.bin',
                        status: 'current' as const,
                        versions: new Map([[1, { sha256: sha256Of('first bytes'), sizeBytes: 11 }]]),
                      },
                    ],
                  ]),
                },
              ],
            ]),
          },
        },
      ],
      deletedSpaces: [],
      purged: [],
      sentSha256: new Map([[sha256Of('first bytes'), 11]]),
    };
    change(model);
    return model;
  };
  const failuresOf = async (model: CrashModel) =>
    (await verifyAfterRestart(server, server.reachableUrl, model, seededRandom(1))).failures;
  const attachmentOf = (model: CrashModel) =>
    model.workers[0]?.space?.pages.get('Checked')?.attachments.get('a.bin');

  it('finds nothing when the site holds what was acknowledged', async () => {
    assert.deepEqual(await failuresOf(modelWith()), []);
  });

  it('reports an acknowledged version that is not there, other bytes, and a purge undone', async () => {
    const cases: [string, (model: CrashModel) => void, RegExp][] = [
      [
        'a lost version',
        (model) => attachmentOf(model)?.versions.set(2, { sha256: 'x', sizeBytes: 1 }),
        /acknowledged up to version 2, listed at 1/,
      ],
      [
        'other bytes',
        (model) => attachmentOf(model)?.versions.set(1, { sha256: sha256Of('other'), sizeBytes: 5 }),
        /acknowledged bytes/,
      ],
      [
        'a lost edit',
        (model) => {
          const page = model.workers[0]?.space?.pages.get('Checked');
          if (page) page.version = 2;
        },
        /acknowledged version 2, found 1/,
      ],
      ['a purge undone', (model) => model.purged.push(attachmentId), /purge acknowledged, answered 200/],
    ];
    for (const [what, change, expected] of cases) {
      const failures = await failuresOf(modelWith(change));
      assert.ok(
        failures.some((failure) => expected.test(failure)),
        `${what}: ${failures.join('; ')}`,
      );
    }
  });

  it('reports listed bytes that were never sent whole', async () => {
    const failures = await failuresOf(
      modelWith((model) => {
        attachmentOf(model)?.versions.clear();
        const worker = model.workers[0];
        if (worker)
          worker.inFlight = { kind: 'upload', spaceKey: 'CHK', title: 'Checked', filename: 'a.bin' };
        model.sentSha256.clear();
      }),
    );
    assert.ok(
      failures.some((failure) => /never sent whole/.test(failure)),
      failures.join('; '),
    );
  });
});
