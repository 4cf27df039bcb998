/**
 * Upload and download of one big file through Tributary on S3, against the AWS SDK's own transfer of the
 * same file to the same store in the same run (issue 19, item 7).
 *
 *   TRIBUTARY_BENCH_S3_ENDPOINT=http://127.0.0.1:7480 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
 *     node --import tsx bench/s3-transfer.ts [--size-mib 1024] [--rounds 3] [--tune]
 *
 * The server runs in a child process (this file with `--serve`) on SQLite and `s3://<bucket>/<prefix>`, the
 * bucket `tributary-bench` (created if missing) with a fresh prefix, emptied at the end.
 *
 *   upload:   the file streamed from disk as multipart/form-data to the attachment endpoint, vs lib-storage's
 *             `Upload` of a read stream of the file, with the part size and queue the store uses
 *   download: `_links.download` of that attachment, vs `GetObject` of the SDK's object, each read to the end
 *
 * Rounds interleave the four transfers; each round changes the file's first bytes, so no upload finds its
 * bytes stored already. Medians, in MB/s, and Tributary's rate over the SDK's (goal ≥ 0.8 both ways).
 * `--tune` first times the SDK's upload over a few part sizes and queue lengths.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { loadConfig } from '../src/config/load-config.ts';
import { startServer } from '../src/main.ts';
import { startChild, stopChild } from './support/server-child.ts';
import { median } from './support/stats.ts';

const MiB = 1024 * 1024;
// What S3BlobStore uses; the baseline uploads the same way.
const storePartBytes = 16 * MiB;
const storeQueueSize = 4;
const bucket = 'tributary-bench';
const adminPassword = 'bench-admin-password';
const authorization = `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`;

type ChildMessage = { type: 'ready'; origin: string };

async function serve(dataDir: string, blobStoreUrl: string, endpoint: string): Promise<void> {
  const server = await startServer(
    loadConfig({
      ...process.env,
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_PORT: '0',
      TRIBUTARY_ADMIN_PASSWORD: adminPassword,
      TRIBUTARY_LOG_LEVEL: 'silent',
      TRIBUTARY_MAX_ATTACHMENT_SIZE: '8GiB',
      TRIBUTARY_BLOB_STORE_URL: blobStoreUrl,
      TRIBUTARY_S3_ENDPOINT: endpoint,
      TRIBUTARY_S3_FORCE_PATH_STYLE: 'true',
    }),
  );
  process.on('message', () => {
    server.close().then(() => process.disconnect());
  });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', origin: `http://127.0.0.1:${port}` } satisfies ChildMessage);
}

const agent = new http.Agent({ keepAlive: true });

async function request(
  url: string,
  method: string,
  headers: http.OutgoingHttpHeaders,
  body?: Buffer | AsyncIterable<Uint8Array>,
): Promise<{ status: number; body: Buffer }> {
  const outgoing = http.request(url, { method, agent, headers: { authorization, ...headers } });
  const answered = once(outgoing, 'response') as Promise<[http.IncomingMessage]>;
  if (body === undefined) outgoing.end();
  else if (Buffer.isBuffer(body)) outgoing.end(body);
  else await pipeline(Readable.from(body), outgoing);
  const [response] = await answered;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { status: response.statusCode ?? 0, body: Buffer.concat(chunks) };
}

async function json(url: string, method: string, payload: unknown): Promise<Record<string, unknown>> {
  const reply = await request(
    url,
    method,
    { 'content-type': 'application/json' },
    Buffer.from(JSON.stringify(payload)),
  );
  assert.equal(reply.status, 200, reply.body.toString().slice(0, 300));
  return JSON.parse(reply.body.toString()) as Record<string, unknown>;
}

/** The file with its first 16 bytes replaced by `mark`, in 1 MiB chunks. */
async function* marked(file: string, mark: Buffer): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: MiB })) {
    const bytes = chunk as Buffer;
    if (first) {
      first = false;
      yield Buffer.concat([mark, bytes.subarray(mark.length)]);
    } else yield bytes;
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

async function drain(readable: AsyncIterable<unknown>): Promise<number> {
  let bytes = 0;
  for await (const chunk of readable) bytes += (chunk as Buffer).length;
  return bytes;
}

async function emptyPrefix(s3: S3Client, prefix: string): Promise<void> {
  while (true) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
    if (keys.length === 0) return;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
  }
}

async function bench(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'size-mib': { type: 'string', default: '1024' },
      rounds: { type: 'string', default: '3' },
      tune: { type: 'boolean', default: false },
    },
  });
  const endpoint = process.env.TRIBUTARY_BENCH_S3_ENDPOINT ?? process.env.TRIBUTARY_TEST_S3_ENDPOINT;
  if (!endpoint) throw new Error('set TRIBUTARY_BENCH_S3_ENDPOINT to the S3 endpoint to measure');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sizeBytes = Number(values['size-mib']) * MiB;
  const rounds = Number(values.rounds);
  const mb = (seconds: number) => sizeBytes / 1e6 / seconds;

  const s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await s3
    .send(new HeadBucketCommand({ Bucket: bucket }))
    .catch(() => s3.send(new CreateBucketCommand({ Bucket: bucket })));
  const prefix = `bench-${randomUUID()}/`;
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-bench-s3-'));
  let child: ReturnType<typeof startChild<ChildMessage>>['child'] | undefined;
  try {
    const file = path.join(tmp, 'big.bin');
    await pipeline(
      (async function* () {
        for (let written = 0; written < sizeBytes; written += MiB)
          yield randomBytes(Math.min(MiB, sizeBytes - written));
      })(),
      createWriteStream(file),
    );
    console.log(
      `tributary S3 transfer bench: ${values['size-mib']} MiB file, ${rounds} rounds, ${endpoint}; ` +
        `${cpus().length} CPUs, Node ${process.version}`,
    );

    const sdkUpload = async (key: string, mark: Buffer, partSize: number, queueSize: number) => {
      const upload = new Upload({
        client: s3,
        params: { Bucket: bucket, Key: key, Body: Readable.from(marked(file, mark)) },
        partSize,
        queueSize,
      });
      await upload.done();
    };
    if (values.tune) {
      for (const partMiB of [5, 8, 16, 32]) {
        for (const queue of [2, 4, 8]) {
          const times: number[] = [];
          for (let n = 0; n < 2; n++) {
            const key = `${prefix}tune/${partMiB}-${queue}-${n}`;
            times.push((await timed(() => sdkUpload(key, randomBytes(16), partMiB * MiB, queue))).seconds);
          }
          await emptyPrefix(s3, `${prefix}tune/`);
          console.log(
            `  tune: SDK upload, ${partMiB} MiB parts, queue ${queue}: ${mb(median(times)).toFixed(0)} MB/s`,
          );
        }
      }
    }

    const started = startChild<ChildMessage>(import.meta.filename, [
      '--serve',
      path.join(tmp, 'site'),
      `s3://${bucket}/${prefix}site/`,
      endpoint,
    ]);
    child = started.child;
    const { origin } = await started.next();
    await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
    const page = await json(`${origin}/rest/api/content`, 'POST', {
      type: 'page',
      title: 'S3 transfers',
      space: { key: 'BENCH' },
      body: { storage: { value: '<p>big files</p>', representation: 'storage' } },
    });

    const results = {
      tributaryUp: [] as number[],
      sdkUp: [] as number[],
      tributaryDown: [] as number[],
      sdkDown: [] as number[],
    };
    for (let round = 0; round < rounds; round++) {
      const mark = randomBytes(16);
      // Tributary first in odd rounds, the SDK first in even ones.
      const order = round % 2 === 0 ? ['tributary', 'sdk'] : ['sdk', 'tributary'];
      let downloadUrl = '';
      const sdkKey = `${prefix}sdk/${round}`;
      for (const who of order) {
        if (who === 'tributary') {
          const boundary = `bench-${randomUUID()}`;
          const head = Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big-${round}.bin"\r\n` +
              'Content-Type: application/octet-stream\r\n\r\n',
          );
          const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
          const up = await timed(() =>
            request(
              `${origin}/rest/api/content/${String(page.id)}/child/attachment`,
              'POST',
              {
                'content-type': `multipart/form-data; boundary=${boundary}`,
                'content-length': head.length + sizeBytes + tail.length,
                'x-atlassian-token': 'no-check',
              },
              (async function* () {
                yield head;
                yield* marked(file, mark);
                yield tail;
              })(),
            ),
          );
          assert.equal(up.result.status, 200, up.result.body.toString().slice(0, 300));
          results.tributaryUp.push(up.seconds);
          const [attachment] = (
            JSON.parse(up.result.body.toString()) as { results: { _links: { download: string } }[] }
          ).results;
          downloadUrl = `${origin}${attachment?._links.download ?? ''}`;
        } else {
          results.sdkUp.push(
            (await timed(() => sdkUpload(sdkKey, mark, storePartBytes, storeQueueSize))).seconds,
          );
        }
      }
      for (const who of order) {
        if (who === 'tributary') {
          const down = await timed(async () => {
            const outgoing = http.get(downloadUrl, { agent, headers: { authorization } });
            const [response] = (await once(outgoing, 'response')) as [http.IncomingMessage];
            assert.equal(response.statusCode, 200);
            return drain(response);
          });
          assert.equal(down.result, sizeBytes);
          results.tributaryDown.push(down.seconds);
        } else {
          const down = await timed(async () => {
            const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: sdkKey }));
            return drain(answer.Body as Readable);
          });
          assert.equal(down.result, sizeBytes);
          results.sdkDown.push(down.seconds);
        }
      }
      console.log(
        `  round ${round + 1}: upload ${mb(results.tributaryUp.at(-1) ?? 1).toFixed(0)} vs ${mb(results.sdkUp.at(-1) ?? 1).toFixed(0)} MB/s, ` +
          `download ${mb(results.tributaryDown.at(-1) ?? 1).toFixed(0)} vs ${mb(results.sdkDown.at(-1) ?? 1).toFixed(0)} MB/s`,
      );
      // Keep the store small: this round's objects are not needed again.
      await emptyPrefix(s3, prefix);
    }
    const line = (what: string, ours: number[], theirs: number[]) => {
      const [a, b] = [mb(median(ours)), mb(median(theirs))];
      console.log(
        `${what}: Tributary ${a.toFixed(0)} MB/s, SDK ${b.toFixed(0)} MB/s, ratio ${(a / b).toFixed(2)}`,
      );
    };
    line('upload  ', results.tributaryUp, results.sdkUp);
    line('download', results.tributaryDown, results.sdkDown);
  } finally {
    await stopChild(child);
    await emptyPrefix(s3, prefix).catch(() => undefined);
    s3.destroy();
    agent.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  const [dataDir = '', blobStoreUrl = '', endpoint = ''] = process.argv.slice(3);
  await serve(dataDir, blobStoreUrl, endpoint);
} else {
  await bench();
}
