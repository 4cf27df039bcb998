/**
 * Listing a big space by v2 cursor costs the same per page at the end as at the start (issue 3, item 5).
 *
 *   node --import tsx bench/list-pages-by-cursor.ts [count]      (count defaults to 100000)
 *
 * Seeds `count` pages into one space straight through the metadata store (batched transactions, not
 * HTTP), starts the real server over real HTTP, follows `_links.next` of `GET /wiki/api/v2/spaces/{id}/pages`
 * with limit 250 from the first page to the last, and prints the median milliseconds per page over the first
 * and the last few pages. The same-run baseline is v1's OFFSET listing (`GET /rest/api/content?spaceKey=..
 * &start=N`) at the same depths; v1 caps `limit` at 200, so its pages are 200 long.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load-config.ts';
import { startServer } from '../src/main.ts';
import { median } from './support/stats.ts';

const count = Number(process.argv[2] ?? 100_000);
assert.ok(
  Number.isSafeInteger(count) && count > 0,
  `count must be a positive whole number, not ${process.argv[2]}`,
);
const cursorLimit = 250;
// v1 `GET /content` clamps `limit` to 200 (its cap); asking for 250 would be answered with 200 anyway.
const offsetLimit = 200;
const sampledPages = 5;
const sampleRounds = 10;
const seedBatch = 5_000;
const adminPassword = 'bench-admin-password';

const dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-bench-'));
const config = loadConfig({
  TRIBUTARY_DATA_DIR: dataDir,
  TRIBUTARY_PORT: '0',
  TRIBUTARY_ADMIN_PASSWORD: adminPassword,
  TRIBUTARY_LOG_LEVEL: 'silent',
});
const server = await startServer(config);
const address = server.app.server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const authorization = `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`;

async function call(method: string, pathAndQuery: string, json?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(origin + pathAndQuery, {
    method,
    headers: { authorization, ...(json !== undefined && { 'content-type': 'application/json' }) },
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${method} ${pathAndQuery}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Times one request; the body comes back for the caller to follow. */
async function timed(pathAndQuery: string): Promise<{ ms: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const body = await call('GET', pathAndQuery);
  return { ms: performance.now() - started, body };
}

try {
  const space = await call('POST', '/rest/api/space', { key: 'BENCH', name: 'Benchmark' });
  const spaceId = Number(space.id);
  const { store } = server.site.services;
  const admin = await store.users.findByUsername('admin');
  const authorId = admin?.id ?? null;

  const seedStarted = performance.now();
  const baseMs = Date.now() - count;
  for (let first = 0; first < count; first += seedBatch) {
    await store.transaction(async (repositories) => {
      for (let n = first; n < Math.min(first + seedBatch, count); n += 1) {
        await repositories.content.insert(
          {
            type: 'page',
            status: 'current',
            spaceId,
            parentId: null,
            containerId: null,
            commentLocation: null,
            creatorId: authorId,
          },
          {
            title: `Page ${String(n).padStart(7, '0')}`,
            authorId,
            createdAtMs: baseMs + n,
            message: '',
            minorEdit: false,
            body: { representation: 'storage', value: `<p>Page ${n}</p>` },
            file: null,
          },
        );
      }
    });
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  console.log(`seeded ${count} pages in ${seedSeconds.toFixed(1)} s`);

  // Cursor: follow `_links.next` from the first page to the last, keeping each page's link. The walk
  // also warms the process (JIT, prepared statements, page cache) for the measurements below.
  const walkStarted = performance.now();
  const cursorLinks: string[] = [];
  let listed = 0;
  let next: string | undefined = `/wiki/api/v2/spaces/${spaceId}/pages?limit=${cursorLimit}`;
  while (next !== undefined) {
    cursorLinks.push(next);
    const { body } = await timed(next);
    listed += (body.results as unknown[]).length;
    next = (body._links as { next?: string }).next;
  }
  const walkSeconds = (performance.now() - walkStarted) / 1000;
  // The home page the space was created with is listed too.
  assert.equal(listed, count + 1, 'the cursor walk must list every page exactly once');

  // The same depths for both: the first and the last `sampledPages` pages. The cursor re-follows the
  // links it was given; the offset baseline jumps to `start=N` as v1 clients do. Rounds interleave the
  // four samples so drift in machine load hits them alike.
  // Only full pages are compared: a short last page would flatter the end.
  const total = count + 1;
  const fullCursorPages = Math.floor(total / cursorLimit);
  const fullOffsetPages = Math.floor(total / offsetLimit);
  const offsetLink = (start: number) =>
    `/rest/api/content?spaceKey=BENCH&type=page&start=${start}&limit=${offsetLimit}`;
  const samples = {
    cursorStart: cursorLinks.slice(0, sampledPages),
    cursorEnd: cursorLinks.slice(Math.max(fullCursorPages - sampledPages, 0), fullCursorPages),
    offsetStart: Array.from({ length: sampledPages }, (_, page) => offsetLink(page * offsetLimit)),
    offsetEnd: Array.from({ length: sampledPages }, (_, page) =>
      offsetLink(Math.max(fullOffsetPages - sampledPages + page, 0) * offsetLimit),
    ),
  };
  const timings: Record<keyof typeof samples, number[]> = {
    cursorStart: [],
    cursorEnd: [],
    offsetStart: [],
    offsetEnd: [],
  };
  for (let round = 0; round < sampleRounds; round += 1) {
    for (const key of Object.keys(samples) as (keyof typeof samples)[]) {
      for (const link of samples[key]) timings[key].push((await timed(link)).ms);
    }
  }

  const cursorStart = median(timings.cursorStart);
  const cursorEnd = median(timings.cursorEnd);
  const offsetStart = median(timings.offsetStart);
  const offsetEnd = median(timings.offsetEnd);
  const row = (name: string, start: number, end: number) =>
    `${name.padEnd(28)}${start.toFixed(2).padStart(10)}${end.toFixed(2).padStart(10)}${(end / start).toFixed(2).padStart(10)}`;
  console.log(
    `\n${count} pages; median ms per page over the first and the last ${sampledPages} pages, ${sampleRounds} rounds`,
  );
  console.log(`${''.padEnd(28)}${'start'.padStart(10)}${'end'.padStart(10)}${'end/start'.padStart(10)}`);
  console.log(row(`v2 cursor (limit ${cursorLimit})`, cursorStart, cursorEnd));
  console.log(row(`v1 offset (limit ${offsetLimit})`, offsetStart, offsetEnd));
  console.log(`\nthe v2 walk followed ${cursorLinks.length} next links in ${walkSeconds.toFixed(1)} s`);
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
