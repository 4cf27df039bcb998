/**
 * Issue 22 §3: file names and titles with Unicode, controls, direction marks and path tricks. A refused
 * name is the surface's error and changes nothing; an accepted one keeps its name exactly (as NFC), and
 * its download names it in a Content-Disposition that is safe to put in a header and decodes back to it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { aPage, aSpace, noCheck } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { closeSnapshots, fuzzParameters, fuzzRequest } from './fuzz-kit.ts';
import { oddName } from './odd-names.ts';

/**
 * The name a file is stored under, by the documented rule (src/domain/attachment-rules.ts, clients.md):
 * the last segment of a path, as browsers send it, as NFC, without surrounding spaces.
 */
const storedFilenameOf = (raw: string) => (raw.split(/[/\\]/).at(-1) ?? '').normalize('NFC').trim();

/** The name a `filename*=UTF-8''…` parameter carries (RFC 8187). */
function extendedFilename(disposition: string): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]*)/i.exec(disposition)?.[1];
  return encoded === undefined ? undefined : decodeURIComponent(encoded);
}

describe('fuzzing file names and titles', () => {
  let site: TestServer;
  let pageId = '';
  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'FZ');
    pageId = String((await aPage(site, 'FZ', 'Names land here')).id);
  });
  after(async () => {
    closeSnapshots();
    await site?.dispose();
  });

  it('keeps an accepted file name and downloads it under a safe Content-Disposition', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(oddName, async (name) => {
        n += 1;
        // Unique per case, so a repeat is not refused as a duplicate; the odd part stays in front.
        const unique = `${name}~${n}`;
        const boundary = 'names-boundary';
        const body = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(unique)}\r\nContent-Type: text/plain\r\n\r\n`,
          ),
          Buffer.from(`bytes of ${n}`),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const requestPath = `/rest/api/content/${pageId}/child/attachment`;
        const response = await fuzzRequest(
          site,
          () =>
            site.request('POST', requestPath, {
              body,
              headers: { ...noCheck, 'content-type': `multipart/form-data; boundary=${boundary}` },
            }),
          requestPath,
          `upload of ${JSON.stringify(unique)}`,
        );
        if (response.status >= 300) return;
        const attachment = (response.body as { results: { title: string; _links: { download: string } }[] })
          .results[0];
        assert.ok(attachment);
        assert.equal(
          attachment.title,
          storedFilenameOf(unique),
          `the name ${JSON.stringify(unique)} came back changed`,
        );
        const download = await site.request('GET', attachment._links.download);
        assert.equal(download.status, 200, `download of ${JSON.stringify(unique)}: ${download.text}`);
        assert.equal(download.text, `bytes of ${n}`);
        const disposition = download.headers.get('content-disposition') ?? '';
        // Only visible ASCII and spaces: no line breaks, controls or raw Unicode in a header.
        assert.match(
          disposition,
          /^[\x20-\x7e]+$/,
          `unsafe Content-Disposition ${JSON.stringify(disposition)}`,
        );
        assert.equal(extendedFilename(disposition), attachment.title, `Content-Disposition ${disposition}`);
      }),
      fuzzParameters(120, 0.2),
    );
  });

  it('keeps an accepted page title, on v1 and v2', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(oddName, fc.constantFrom('v1', 'v2'), async (title, surface) => {
        n += 1;
        const unique = `${title}~${n}`;
        const requestPath = surface === 'v1' ? '/rest/api/content' : '/wiki/api/v2/pages';
        const json =
          surface === 'v1'
            ? { type: 'page', title: unique, space: { key: 'FZ' } }
            : { spaceId: '1', title: unique, body: { representation: 'storage', value: '' } };
        const response = await fuzzRequest(
          site,
          () => site.request('POST', requestPath, { json }),
          requestPath,
          `a page titled ${JSON.stringify(unique)} on ${surface}`,
        );
        if (response.status >= 300) return;
        const { id, title: stored } = response.body as { id: string; title: string };
        assert.equal(stored, unique.trim(), `the title ${JSON.stringify(unique)} came back changed`);
        const read = await site.request('GET', `/rest/api/content/${id}`);
        assert.equal((read.body as { title: string }).title, stored);
      }),
      fuzzParameters(120, 0.2),
    );
  });
});
