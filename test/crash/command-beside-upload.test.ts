import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/program.ts';
import { openLiveSite, openSite, openSiteMigration, startServer } from '../../src/main.ts';
import { aPage, aSpace, noCheck } from '../support/builders.ts';
import { folderOnly } from '../support/test-blob-store.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

const MiB = 1024 * 1024;

/**
 * An administration command run beside a live server (`tributary fsck`, which says it is safe on a live
 * site) opens the same blob folder; the clearing of `.tmp` that start-up does must not remove the
 * unfinished file of an upload the server is receiving.
 */
describe('a command run beside a live server', () => {
  const savedEnv: Record<string, string | undefined> = {};
  let server: TestServer;

  before(async () => {
    for (const name of Object.keys(process.env).filter((key) => key.startsWith('TRIBUTARY_'))) {
      savedEnv[name] = process.env[name];
      delete process.env[name];
    }
    server = await startTestServer();
  });
  after(async () => {
    await server.dispose();
    for (const [name, value] of Object.entries(savedEnv)) process.env[name] = value;
  });

  it('leaves an upload under way whole', folderOnly, async () => {
    await aSpace(server, 'LIVE');
    const pageId = String((await aPage(server, 'LIVE', 'Live')).id);
    const bytes = randomBytes(4 * MiB);
    const boundary = 'beside-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="live.bin"\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const request = http.request(`${server.reachableUrl}/rest/api/content/${pageId}/child/attachment`, {
      method: 'POST',
      headers: {
        authorization: basic('admin', adminPassword),
        ...noCheck,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + bytes.length + tail.length),
      },
    });
    const answered = new Promise<number>((resolve, reject) => {
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.write(head);
    request.write(bytes.subarray(0, MiB));
    const tmp = path.join(server.dataDir, 'blobs', '.tmp');
    const deadline = Date.now() + 20_000;
    while ((await readdir(tmp)).length === 0) {
      assert.ok(Date.now() < deadline, 'the upload reached the blob folder');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const code = await runCli(
      ['node', 'tributary', ...server.siteFlags, 'fsck', '--json'],
      { openSite, openLiveSite, startServer, openSiteMigration },
      { out: () => undefined, err: () => undefined },
    );
    assert.equal(code, 0);

    request.end(Buffer.concat([bytes.subarray(MiB), tail]));
    assert.equal(await answered, 200);
    const download = await fetch(`${server.reachableUrl}/download/attachments/${pageId}/live.bin`, {
      headers: { authorization: basic('admin', adminPassword) },
    });
    assert.equal(Buffer.compare(Buffer.from(await download.arrayBuffer()), bytes), 0);
  });
});
