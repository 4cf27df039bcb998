/**
 * The attachment toolkit against the server's own ceiling, measured in the same run (issue 7, "Done when"):
 *
 *   node --import tsx bench/toolkit.ts [--quick] [--concurrency N]
 *
 *   (a) `tributary attachments download` of 1,000 small attachments (200 with --quick), vs a minimal loop
 *       that lists the same page through v2 cursors and GETs every download link at the same concurrency,
 *       draining the bodies (no files, no checks, no retries); and the same loop writing each body to a
 *       file and fsyncing it, as the tool does to leave no file looking complete that is not
 *   (b) `tributary attachments delete --before … --yes` of 10,000 attachments (2,000 with --quick), vs a
 *       minimal loop that lists another page of as many and sends v2 `DELETE /attachments/{id}` for each
 *       at the same concurrency
 *
 * The server runs in a child process (this file with `--serve`) on a temp dir that is removed at the end;
 * the tool runs in this process as bin/tributary.js runs it, with its default concurrency of 4 unless told.
 * Attachments are seeded through the metadata store in batched transactions, sharing one tiny blob.
 * Ratio = tool items/s ÷ baseline items/s: near 1 means the server, not the tool, sets the pace.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/program.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { openLiveSite, openSite, openSiteMigration, startServer } from '../src/main.ts';
import { seedAttachments } from '../test/support/seed-attachments.ts';
import { startChild, stopChild } from './support/server-child.ts';

const adminPassword = 'bench-admin-password';
const authorization = `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`;

type ParentMessage = { type: 'seed'; pageId: number; templateId: number; count: number } | { type: 'stop' };
type ChildMessage =
  | { type: 'ready'; origin: string }
  | { type: 'seeded' }
  | { type: 'failed'; error: string };

// ---------------------------------------------------------------------------------------------------------
// The child: the real server, and seeding through the metadata store.

async function serve(dataDir: string): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message);
  const server = await startServer(
    loadConfig({
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_PORT: '0',
      TRIBUTARY_ADMIN_PASSWORD: adminPassword,
      TRIBUTARY_LOG_LEVEL: 'silent',
    }),
  );
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      server.close().then(() => process.disconnect());
      return;
    }
    seedAttachments(server.site.services.store, {
      ...message,
      title: (n) => `seeded-${String(n).padStart(6, '0')}.txt`,
    }).then(
      () => send({ type: 'seeded' }),
      (error: unknown) => send({ type: 'failed', error: String(error) }),
    );
  });
  const address = server.app.server.address() as AddressInfo;
  send({ type: 'ready', origin: `http://127.0.0.1:${address.port}` });
}

// ---------------------------------------------------------------------------------------------------------
// The parent: the tool, the minimal loops and the report.

let agent = new http.Agent({ keepAlive: true });

async function exchange(url: string, method: string, body?: { type: string; bytes: Buffer }) {
  const request = http.request(url, {
    method,
    agent,
    headers: {
      authorization,
      'x-atlassian-token': 'no-check',
      ...(body && { 'content-type': body.type, 'content-length': body.bytes.length }),
    },
  });
  const answered = once(request, 'response') as Promise<[http.IncomingMessage]>;
  request.end(body?.bytes);
  const [response] = await answered;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { status: response.statusCode ?? 0, body: Buffer.concat(chunks) };
}

async function json(url: string, method = 'GET', payload?: unknown): Promise<Record<string, unknown>> {
  const reply = await exchange(
    url,
    method,
    payload === undefined
      ? undefined
      : { type: 'application/json', bytes: Buffer.from(JSON.stringify(payload)) },
  );
  assert.equal(reply.status, 200, `${method} ${url}: ${reply.body.toString().slice(0, 300)}`);
  return JSON.parse(reply.body.toString()) as Record<string, unknown>;
}

/** A page with one real 64-byte attachment to seed from; answers the page and template ids. */
async function aPage(
  origin: string,
  spaceKey: string,
  title: string,
): Promise<{ pageId: number; templateId: number }> {
  const page = await json(`${origin}/rest/api/content`, 'POST', {
    type: 'page',
    title,
    space: { key: spaceKey },
  });
  const boundary = `bench-${randomUUID()}`;
  const form = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="template.txt"\r\n` +
        'Content-Type: text/plain\r\n\r\n',
    ),
    Buffer.alloc(64, 'x'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const uploaded = await exchange(`${origin}/rest/api/content/${page.id}/child/attachment`, 'POST', {
    type: `multipart/form-data; boundary=${boundary}`,
    bytes: form,
  });
  assert.equal(uploaded.status, 200, uploaded.body.toString());
  const template = (JSON.parse(uploaded.body.toString()) as { results: Array<{ id: string }> }).results[0];
  assert.ok(template);
  return { pageId: Number(page.id), templateId: Number(template.id.replace(/^att/, '')) };
}

/** Every attachment of a page through v2 cursors: the listing both the tool and the baselines do. */
async function listPage(
  origin: string,
  pageId: number,
): Promise<Array<{ id: string; downloadLink: string }>> {
  const found: Array<{ id: string; downloadLink: string }> = [];
  let next: string | undefined = `/wiki/api/v2/pages/${pageId}/attachments?limit=250`;
  while (next !== undefined) {
    const body = await json(origin + next);
    found.push(...(body.results as Array<{ id: string; downloadLink: string }>));
    const links = body._links as { next?: string } | undefined;
    next = links?.next;
  }
  return found;
}

/** `work` on each item, `concurrency` at a time: the least a client can do. */
async function eachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  let index = 0;
  const lane = async () => {
    while (index < items.length) {
      const item = items[index++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

async function tributary(...args: string[]): Promise<void> {
  let err = '';
  const io = {
    out: () => {},
    err: (text: string) => {
      err += text;
    },
  };
  const code = await runCli(
    ['node', 'tributary', ...args],
    { openSite, openLiveSite, startServer, openSiteMigration },
    io,
  );
  assert.equal(code, 0, `tributary ${args.join(' ')} exited ${code}: ${err}`);
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function bench(quick: boolean, concurrency: number): Promise<void> {
  const downloads = quick ? 200 : 1_000;
  const deletes = quick ? 2_000 : 10_000;
  agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-bench-toolkit-'));
  let child: ChildProcess | undefined;
  try {
    const started = startChild<ChildMessage>(fileURLToPath(import.meta.url), [
      '--serve',
      path.join(tmp, 'data'),
    ]);
    child = started.child;
    const ready = await started.next();
    assert.equal(ready.type, 'ready');
    const { origin } = ready;
    await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Bench' });
    const seeded = async (count: number, title: string) => {
      const page = await aPage(origin, 'BENCH', title);
      started.child.send({ type: 'seed', ...page, count } satisfies ParentMessage);
      const reply = await started.next();
      assert.equal(reply.type, 'seeded', reply.type === 'failed' ? reply.error : '');
      return page.pageId;
    };
    const [downloadPage, baselineDownloadPage, deletePage, baselineDeletePage] = [
      await seeded(downloads - 1, 'Tool downloads'),
      await seeded(downloads - 1, 'Baseline downloads'),
      await seeded(deletes - 1, 'Tool deletes'),
      await seeded(deletes - 1, 'Baseline deletes'),
    ];
    const connection = [
      '--url',
      origin,
      '--user',
      'admin',
      '--token',
      adminPassword,
      '--concurrency',
      String(concurrency),
    ];

    // (a) downloads: the baseline first, so neither run finds the server's caches colder than the other.
    const baselineDownload = await timed(async () => {
      const attachments = await listPage(origin, baselineDownloadPage);
      assert.equal(attachments.length, downloads);
      await eachConcurrently(attachments, concurrency, async (attachment) => {
        const reply = await exchange(`${origin}/wiki${attachment.downloadLink}`, 'GET');
        assert.equal(reply.status, 200);
      });
    });
    // The same, each body written to its own file and fsynced, as the tool does for a download to be durable.
    const syncedDir = path.join(tmp, 'baseline-synced');
    await mkdir(syncedDir);
    const baselineSynced = await timed(async () => {
      const attachments = await listPage(origin, baselineDownloadPage);
      await eachConcurrently(attachments, concurrency, async (attachment) => {
        const reply = await exchange(`${origin}/wiki${attachment.downloadLink}`, 'GET');
        assert.equal(reply.status, 200);
        const file = await open(path.join(syncedDir, attachment.id), 'w');
        try {
          await file.writeFile(reply.body);
          await file.sync();
        } finally {
          await file.close();
        }
      });
    });
    const toolDownload = await timed(() =>
      tributary(
        'attachments',
        'download',
        '--page',
        String(downloadPage),
        path.join(tmp, 'download'),
        '--json',
        ...connection,
      ),
    );

    // (b) deletes of everything on a page, to the trash.
    const baselineDelete = await timed(async () => {
      const attachments = await listPage(origin, baselineDeletePage);
      assert.equal(attachments.length, deletes);
      await eachConcurrently(attachments, concurrency, async (attachment) => {
        const reply = await exchange(`${origin}/wiki/api/v2/attachments/${attachment.id}`, 'DELETE');
        assert.equal(reply.status, 204);
      });
    });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const toolDelete = await timed(() =>
      tributary(
        'attachments',
        'delete',
        '--page',
        String(deletePage),
        '--before',
        tomorrow,
        '--yes',
        '--json',
        ...connection,
      ),
    );
    assert.equal((await listPage(origin, deletePage)).length, 0, 'the tool deleted every attachment');

    const line = (what: string, items: number, toolSeconds: number, baselineSeconds: number) => {
      const tool = items / toolSeconds;
      const baseline = items / baselineSeconds;
      console.log(
        `${what}: tool ${tool.toFixed(0)} items/s (${toolSeconds.toFixed(2)} s), ` +
          `server ceiling ${baseline.toFixed(0)} items/s (${baselineSeconds.toFixed(2)} s), ratio ${(tool / baseline).toFixed(2)}`,
      );
    };
    console.log(
      `concurrency ${concurrency} for the tool and the minimal loop alike; listing included in both`,
    );
    line(`(a) download of ${downloads} small attachments`, downloads, toolDownload, baselineDownload);
    line('    against a loop that also writes and fsyncs each file', downloads, toolDownload, baselineSynced);
    line(`(b) delete --before of ${deletes} attachments`, deletes, toolDelete, baselineDelete);
  } finally {
    await stopChild(child);
    agent.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
}

// Last, so every module-level binding above is initialised before either role runs.
if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? '');
} else {
  const at = process.argv.indexOf('--concurrency');
  await bench(process.argv.includes('--quick'), at === -1 ? 4 : Number(process.argv[at + 1] ?? 4));
}
