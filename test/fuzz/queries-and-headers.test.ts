/**
 * Issue 22 §3: paging, expansion, id lists, cursors, sorts and statuses in the query, and hostile
 * headers (Authorization, Range, If-None-Match, If-Modified-Since, Content-Type, X-Atlassian-Token), on
 * listings, reads, downloads and a write of each surface. Never a 5xx, the surface's error when refused,
 * and a refusal changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { closeSnapshots, fuzzParameters, fuzzRequest, percentEncoded } from './fuzz-kit.ts';

const number = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1',
    '25',
    '250',
    '1000',
    '1000000',
    '2147483648',
    '99999999999999999999',
    '1e3',
    '0x10',
    '1.5',
    ' 5',
    '',
    'NaN',
    'Infinity',
    '٣',
  ),
  fc.integer().map(String),
);
const value = fc.oneof(
  number,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    'current',
    'trashed',
    'draft',
    'archived',
    'any',
    'historical',
    '-title',
    'created-date',
    'id',
    'modified-date,title',
    'body.storage',
    'version,space,ancestors',
    'children.attachment.version',
    `${'children.'.repeat(30)}page`,
    'a,,b',
    '1,2,3',
    `${'1,'.repeat(300)}1`,
  ),
);
const parameterName = fc.constantFrom(
  'limit',
  'start',
  'cursor',
  'expand',
  'id',
  'ids',
  'sort',
  'status',
  'type',
  'spaceKey',
  'title',
  'body-format',
  'depth',
  'filename',
  'mediaType',
  'version',
  'includeLabels',
  'serialize-ids-as-strings',
  'space-id',
  'unknownParam',
);
const query = fc
  .array(fc.tuple(parameterName, value), { maxLength: 5 })
  .map((pairs) => pairs.map(([name, text]) => `${name}=${percentEncoded(text)}`).join('&'));

const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Basic',
      'Basic ',
      'Basic !!!',
      `Basic ${Buffer.from('admin').toString('base64')}`,
      `Basic ${Buffer.from(':').toString('base64')}`,
      `Basic ${Buffer.from('admin:wrong').toString('base64')}`,
      'Bearer',
      'Bearer ',
      'Bearer x.y.z',
      'Digest abc',
      'basic YWRtaW46',
      `Basic ${'A'.repeat(8000)}`,
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }) },
);
const range = fc.oneof(
  fc.constantFrom(
    'bytes=0-0',
    'bytes=0-',
    'bytes=-1',
    'bytes=5-2',
    'bytes=0-1,3-4',
    'bytes=999999-',
    'bytes=-0',
    'bytes=',
    'lines=1-2',
    'bytes=1-2-3',
    'bytes=18446744073709551616-',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
);
const conditional = fc.constantFrom(
  '*',
  '"x"',
  'W/"x"',
  '',
  'garbage',
  'Mon, 07 Dec 2026 00:00:00 GMT',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'not a date',
  '-1',
);
const headerSet = fc.record(
  {
    authorization,
    range,
    'if-none-match': conditional,
    'if-modified-since': conditional,
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'multipart/form-data',
      '',
      'application/json; charset=utf-16',
      '*/*',
      'x'.repeat(500),
    ),
    'x-atlassian-token': fc.constantFrom('no-check', 'nocheck', '', 'yes'),
  },
  { requiredKeys: [] },
);

describe('fuzzing query parameters and headers', () => {
  let site: TestServer;
  const reads: string[] = [];
  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'FZ');
    const page = await aPage(site, 'FZ', 'Fuzzed page');
    const upload = await anUpload(site, String(page.id), [{ name: 'a.txt', content: 'abcdefgh' }]);
    const attachmentId = (upload.body as { results: { id: string }[] }).results[0]?.id;
    assert.ok(attachmentId);
    const id = String(page.id);
    reads.push(
      '/rest/api/content',
      '/rest/api/space',
      `/rest/api/content/${id}`,
      `/rest/api/content/${id}/child/attachment`,
      `/rest/api/content/${id}/child/attachment/${attachmentId}/download`,
      `/rest/api/content/${id}/history`,
      '/rest/api/search?cql=type%3Dpage',
      '/wiki/rest/api/content',
      `/wiki/rest/api/content/${id}/child/page`,
      '/wiki/api/v2/pages',
      '/wiki/api/v2/spaces',
      '/wiki/api/v2/attachments',
      `/wiki/api/v2/pages/${id}`,
      `/wiki/api/v2/pages/${id}/attachments`,
      `/wiki/api/v2/attachments/${attachmentId}/versions`,
      `/rest/extender/1.0/content/attachment/${attachmentId}/versions`,
      `/download/attachments/${id}/a.txt`,
      '/rest/api/audit',
      '/rest/api/user/current',
      '/wiki/api/v2/labels',
      '/rest/api/group',
    );
  });
  after(async () => {
    closeSnapshots();
    await site?.dispose();
  });

  it('answers any query and headers on a read with a 2xx, 3xx or the surface error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        query,
        headerSet,
        fc.constantFrom('GET', 'HEAD'),
        async (which, parameters, headers, method) => {
          const base = reads[which % reads.length] ?? '';
          const requestPath = parameters ? `${base}${base.includes('?') ? '&' : '?'}${parameters}` : base;
          const sent = Object.fromEntries(
            Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
          );
          const response = await fuzzRequest(
            site,
            () => site.request(method, requestPath, { headers: sent }),
            requestPath,
            `${method} ${requestPath} ${JSON.stringify(sent).slice(0, 300)}`,
          );
          if (method === 'HEAD') assert.equal(response.text, '', `HEAD ${requestPath} answered a body`);
        },
      ),
      fuzzParameters(300, 0.3),
    );
  });

  it('answers a write with hostile headers with a 2xx or the surface error, and a refusal changes nothing', async () => {
    const page = reads[2]?.split('/').pop() ?? '';
    await fc.assert(
      fc.asyncProperty(headerSet, fc.constantFrom('v1', 'v2'), async (headers, surface) => {
        const sent = Object.fromEntries(
          Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
        );
        const requestPath = surface === 'v1' ? '/rest/api/content' : '/wiki/api/v2/pages';
        const json =
          surface === 'v1'
            ? { type: 'page', title: `p-${Math.random()}`, space: { key: 'FZ' }, ancestors: [{ id: page }] }
            : { spaceId: '1', title: `p-${Math.random()}`, parentId: page };
        await fuzzRequest(
          site,
          () => site.request('POST', requestPath, { body: JSON.stringify(json), headers: sent }),
          requestPath,
          `POST ${requestPath} ${JSON.stringify(sent).slice(0, 300)}`,
        );
      }),
      fuzzParameters(60, 0.1),
    );
  });
});
