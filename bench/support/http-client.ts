import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { median } from './stats.ts';

const MiB = 1024 * 1024;

/** The admin password every benchmark's server starts with; the client signs in with it. */
export const benchAdminPassword = 'bench-admin-password';
export const adminAuthorization = `Basic ${Buffer.from(`admin:${benchAdminPassword}`).toString('base64')}`;

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Keep-alive sockets for every request a benchmark makes; `destroy()` it at the end. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** One HTTP exchange as the admin; the request body is a buffer or a stream of chunks. */
export async function exchange(
  url: string,
  method: string,
  headers: http.OutgoingHttpHeaders,
  body?: Buffer | AsyncIterable<Uint8Array>,
): Promise<Reply> {
  const request = http.request(url, {
    method,
    agent,
    headers: { authorization: adminAuthorization, ...headers },
  });
  const answered = once(request, 'response') as Promise<[http.IncomingMessage]>;
  if (body === undefined) request.end();
  else if (Buffer.isBuffer(body)) request.end(body);
  else await pipeline(Readable.from(body), request);
  const [response] = await answered;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) };
}

export async function json(url: string, method: string, payload?: unknown): Promise<Record<string, unknown>> {
  const reply = await exchange(
    url,
    method,
    payload === undefined ? {} : { 'content-type': 'application/json' },
    payload === undefined ? undefined : Buffer.from(JSON.stringify(payload)),
  );
  assert.equal(reply.status, 200, `${method} ${url}: ${reply.body.toString().slice(0, 300)}`);
  return JSON.parse(reply.body.toString()) as Record<string, unknown>;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** Creates a page in `spaceKey` and returns its id. */
export async function createPage(origin: string, spaceKey: string, title: string): Promise<string> {
  const page = await json(`${origin}/rest/api/content`, 'POST', {
    type: 'page',
    title,
    space: { key: spaceKey },
    body: { storage: { value: '<p>bench</p>', representation: 'storage' } },
  });
  return String(page.id);
}

function multipart(filename: string) {
  const boundary = `tributary-bench-${randomUUID()}`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`),
  };
}

export type Attachment = { id: string; _links: { download: string } };

/** POSTs one file part to the page and returns the created attachment. */
export async function upload(
  origin: string,
  pageId: string,
  filename: string,
  bytes: Buffer | { path: string; sizeBytes: number },
): Promise<Attachment> {
  const { contentType, head, tail } = multipart(filename);
  const sizeBytes = Buffer.isBuffer(bytes) ? bytes.length : bytes.sizeBytes;
  const body = Buffer.isBuffer(bytes)
    ? Buffer.concat([head, bytes, tail])
    : (async function* () {
        yield head;
        yield* createReadStream(bytes.path, { highWaterMark: MiB });
        yield tail;
      })();
  const reply = await exchange(
    `${origin}/rest/api/content/${pageId}/child/attachment`,
    'POST',
    {
      'content-type': contentType,
      'content-length': head.length + sizeBytes + tail.length,
      'x-atlassian-token': 'no-check',
    },
    body,
  );
  assert.equal(reply.status, 200, `upload ${filename}: ${reply.body.toString().slice(0, 300)}`);
  const [attachment] = (JSON.parse(reply.body.toString()) as { results: Attachment[] }).results;
  assert.ok(attachment);
  return attachment;
}

/**
 * `count` uploads of 1 KiB of new bytes each, as new attachments, from `clients` concurrent clients, each
 * taking the next number until all are done. Client i talks to `origins[i % length]` and attaches to
 * `pageIds[i % length]`, so several nodes of one site share the load evenly, on one page or on several.
 */
export async function uploadSmallFiles(
  origins: readonly string[],
  pageIds: readonly string[],
  prefix: string,
  count: number,
  clients: number,
): Promise<void> {
  let taken = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const origin = origins[client % origins.length] ?? '';
      const pageId = pageIds[client % pageIds.length] ?? '';
      while (taken < count) {
        const n = taken;
        taken += 1;
        await upload(origin, pageId, `${prefix}-${n}.bin`, randomBytes(1024));
      }
    }),
  );
}

export interface ListingCost {
  /** ms per full page, every sample of every round. */
  offsetFirst: number[];
  offsetLast: number[];
  cursorFirst: number[];
  cursorLast: number[];
  /** How many pages the v2 walk followed, and how long the walk took. */
  cursorPages: number;
  walkMs: number;
}

/**
 * The cost of listing a page's `count` attachments, `limit` a page: the first and the last `sampled` full
 * pages through v1 `start`/`limit` and through v2 cursors (the `_links.next` chain walked to the end once),
 * each timed `rounds` times.
 */
export async function measureListing(
  origin: string,
  pageId: string,
  count: number,
  { limit, rounds, sampled }: { limit: number; rounds: number; sampled: number },
): Promise<ListingCost> {
  const getJson = async (pathAndQuery: string) => {
    const reply = await exchange(origin + pathAndQuery, 'GET', {});
    assert.equal(reply.status, 200, `GET ${pathAndQuery}: ${reply.body.toString().slice(0, 300)}`);
    return JSON.parse(reply.body.toString()) as { results: unknown[]; _links: { next?: string } };
  };
  const walk = await timed(async () => {
    const links: string[] = [];
    let listed = 0;
    let next: string | undefined = `/wiki/api/v2/pages/${pageId}/attachments?limit=${limit}`;
    while (next !== undefined) {
      links.push(next);
      const page = await getJson(next);
      listed += page.results.length;
      next = page._links.next;
    }
    assert.equal(listed, count, 'the cursor walk lists every attachment once');
    return links;
  });
  const cursorLinks = walk.result;
  const fullPages = Math.floor(count / limit);
  const offsetLink = (page: number) =>
    `/rest/api/content/${pageId}/child/attachment?start=${page * limit}&limit=${limit}`;
  const samples = {
    offsetFirst: Array.from({ length: sampled }, (_, page) => offsetLink(page)),
    offsetLast: Array.from({ length: sampled }, (_, page) => offsetLink(fullPages - sampled + page)),
    cursorFirst: cursorLinks.slice(0, sampled),
    cursorLast: cursorLinks.slice(fullPages - sampled, fullPages),
  };
  const cost: ListingCost = {
    offsetFirst: [],
    offsetLast: [],
    cursorFirst: [],
    cursorLast: [],
    cursorPages: cursorLinks.length,
    walkMs: walk.ms,
  };
  for (let round = 0; round < rounds; round += 1) {
    for (const key of Object.keys(samples) as (keyof typeof samples)[]) {
      for (const link of samples[key]) {
        const page = await timed(() => getJson(link));
        assert.equal(page.result.results.length, limit, `${link} is a full page`);
        cost[key].push(page.ms);
      }
    }
  }
  return cost;
}

/** The median of the last pages over the median of the first. */
export function lastOverFirst(last: readonly number[], first: readonly number[]): number {
  return median(last) / median(first);
}
