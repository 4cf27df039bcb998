/**
 * Issue 22 §3: hostile multipart bodies on every upload endpoint (v1 POST and PUT of
 * `/content/{id}/child/attachment`, POST of `…/{attachmentId}/data`, on the DC and Cloud prefixes; v2 and
 * the Extender take no uploads): cut bodies, wrong or missing boundaries, huge part headers, repeated
 * parts, odd file names and encodings. Never a 5xx, a v1 error when refused, and a refusal changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { closeSnapshots, fuzzParameters, fuzzRequest } from './fuzz-kit.ts';
import { oddName } from './odd-names.ts';

const boundary = 'fuzz-boundary-7MA4YWxkTrZu0gW';

const quoted = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The ways a client (or an attacker) names a part's file. */
const filenameParameter = fc.oneof(
  oddName.map((name) => `; filename=${quoted(name)}`),
  oddName.map((name) => `; filename*=UTF-8''${encodeURIComponent(name).replace(/'/g, '%27')}`),
  oddName.map((name) => `; filename="x.bin"; filename*=UTF-8''${encodeURIComponent(name)}`),
  fc.string({ unit: 'binary', maxLength: 40 }).map((raw) => `; filename=${raw}`),
  fc.constantFrom(
    '',
    '; filename=',
    '; filename=""',
    "; filename*=utf-8'en'%E2%82%AC%20rates.txt",
    "; filename*=ISO-8859-1''%A3.txt",
    "; filename*=UTF-8''%FF%FE.txt",
    "; filename*=''",
    '; filename="a.txt"; filename="b.txt"',
  ),
);

const partHeaders = fc.record({
  name: fc.constantFrom('file', 'file', 'file', 'comment', 'minorEdit', 'other', '', 'FILE'),
  filename: filenameParameter,
  type: fc.constantFrom(
    '',
    'text/plain',
    'application/octet-stream',
    'image/png',
    'text/plain; charset=utf-16',
    'garbage',
    'multipart/mixed; boundary=x',
  ),
  extra: fc.oneof(
    fc.constant(''),
    fc.integer({ min: 1, max: 40_000 }).map((n) => `X-Padding: ${'p'.repeat(n)}\r\n`),
    fc.string({ unit: 'binary', maxLength: 60 }).map((line) => `${line}\r\n`),
  ),
});

const part = fc.record({
  headers: partHeaders,
  bytes: fc.uint8Array({ maxLength: 300 }),
  repeat: fc.integer({ min: 1, max: 3 }),
});

type Part = typeof part extends fc.Arbitrary<infer P> ? P : never;

function bodyOf(parts: Part[], closed: boolean): Buffer {
  const chunks: Buffer[] = [];
  for (const { headers, bytes, repeat } of parts) {
    for (let n = 0; n < repeat; n += 1) {
      const type = headers.type ? `Content-Type: ${headers.type}\r\n` : '';
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(headers.name)}${headers.filename}\r\n${type}${headers.extra}\r\n`,
          'latin1',
        ),
        Buffer.from(bytes),
        Buffer.from('\r\n'),
      );
    }
  }
  if (closed) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The Content-Type the request claims: right, or one of the ways it goes wrong. */
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant(`multipart/form-data; boundary=${boundary}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      `multipart/form-data; boundary="${boundary}"`,
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=other',
      `multipart/mixed; boundary=${boundary}`,
      'application/json',
      'text/plain',
      '',
      `multipart/form-data; boundary=${'b'.repeat(200)}`,
      `multipart/form-data; charset=utf-16; boundary=${boundary}`,
    ),
  },
);

/** What happens to the body on the way: nothing, cut short, bytes flipped, or the whole thing repeated. */
const mutation = fc.oneof(
  { weight: 4, arbitrary: fc.constant((body: Buffer) => body) },
  { weight: 1, arbitrary: fc.nat().map((at) => (body: Buffer) => body.subarray(0, at % (body.length + 1))) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => (body: Buffer) => {
      const copy = Buffer.from(body);
      if (copy.length > 0) copy[at % copy.length] = byte;
      return copy;
    }),
  },
  { weight: 1, arbitrary: fc.constant((body: Buffer) => Buffer.concat([body, body])) },
);

describe('fuzzing multipart uploads', () => {
  let site: TestServer;
  const endpoints: string[] = [];
  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'FZ');
    const page = await aPage(site, 'FZ', 'Uploads land here');
    const upload = await anUpload(site, String(page.id), [{ name: 'existing.txt', content: 'existing' }]);
    const attachmentId = (upload.body as { results: { id: string }[] }).results[0]?.id;
    assert.ok(attachmentId);
    for (const prefix of ['/rest/api', '/wiki/rest/api']) {
      endpoints.push(`POST ${prefix}/content/${page.id}/child/attachment`);
      endpoints.push(`PUT ${prefix}/content/${page.id}/child/attachment`);
      endpoints.push(`POST ${prefix}/content/${page.id}/child/attachment/${attachmentId}/data`);
    }
  });
  after(async () => {
    closeSnapshots();
    await site?.dispose();
  });

  it('answers any multipart body with a 2xx or a v1 error, and a refusal changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(part, { minLength: 0, maxLength: 4 }),
        fc.boolean(),
        contentType,
        mutation,
        fc.constantFrom<Record<string, string>>(
          { 'x-atlassian-token': 'no-check' },
          { 'x-atlassian-token': 'no-check' },
          {},
          { 'x-atlassian-token': 'nocheck' },
        ),
        async (which, parts, closed, type, mutate, token) => {
          const endpoint = endpoints[which % endpoints.length] ?? '';
          const [method = '', requestPath = ''] = endpoint.split(' ');
          const body = mutate(bodyOf(parts, closed));
          const headers: Record<string, string> = { ...token };
          if (type) headers['content-type'] = type;
          await fuzzRequest(
            site,
            () => site.request(method, requestPath, { body, headers }),
            requestPath,
            `${endpoint} (${body.length} bytes, ${type})`,
          );
        },
      ),
      fuzzParameters(150, 0.2),
    );
  });
});
