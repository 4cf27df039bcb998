import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { pageSize } from '../../src/http/web/routes/attachments/list-query.ts';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { aPageOfSeededAttachments } from '../support/seed-attachments.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { openBrowser, saveScreenshot, signedInPage } from './support/browser.ts';

interface Uploaded {
  results: { id: string }[];
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A PNG of colour bands, big enough to see in the preview's screenshot. */
function aGradientPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bits per channel
  header.writeUInt8(2, 9); // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      // Bands of colour 40 px wide compress to little, under the small size limit of this suite's server.
      rows[at] = Math.round((Math.floor(x / 40) / (width / 40)) * 255);
      rows[at + 1] = Math.round((Math.floor(y / 40) / (height / 40)) * 255);
      rows[at + 2] = 180;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Drops files on an element as a browser would: a DataTransfer carrying them, dragover then drop. */
async function dropFiles(
  page: Page,
  selector: string,
  files: { name: string; text: string; type: string }[],
) {
  // A string: the tests are type-checked without the DOM's types; this runs in the page.
  const transfer = await page.evaluateHandle(`(() => {
    const data = new DataTransfer();
    for (const file of ${JSON.stringify(files)}) data.items.add(new File([file.text], file.name, { type: file.type }));
    return data;
  })()`);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

const rowTitles = (page: Page) =>
  page
    .locator('#attachment-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-title') ?? ''));

describe('the attachments screen, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let pageId: string;
  before(async () => {
    server = await startTestServer({ TRIBUTARY_MAX_ATTACHMENT_SIZE: '65536' });
    browser = await openBrowser();
    await aSpace(server, 'WEB');
    pageId = String((await aPage(server, 'WEB', 'Plans')).id);
    await anUpload(server, pageId, [
      { name: 'diagram.png', content: png, type: 'image/png' },
      { name: 'notes.txt', content: 'first notes', type: 'text/plain' },
    ]);
  });
  after(async () => {
    await browser.close();
    await server.dispose();
  });

  it('uploads, refuses, downloads, versions, restores and trashes', async () => {
    const page = await signedInPage(browser, server);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.reachableUrl}/pages/viewpageattachments.action?pageId=${pageId}`);
    assert.equal(await page.title(), 'Attachments - Plans - Tributary');
    assert.deepEqual(await rowTitles(page), ['diagram.png', 'notes.txt']);

    // Two files by the file input, one too large for this server: progress, new rows, a clear refusal.
    await page.setInputFiles('#upload-input', [
      { name: 'alpha.txt', mimeType: 'text/plain', buffer: Buffer.from('alpha bytes') },
      { name: 'beta.txt', mimeType: 'text/plain', buffer: Buffer.from('beta bytes') },
      { name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(131_072, 1) },
    ]);
    await page.locator('#attachment-table tr[data-title="beta.txt"]').waitFor();
    await page.locator('#attachment-table tr[data-title="alpha.txt"]').waitFor();
    const refusal = page.locator('#upload-progress li.error', { hasText: 'huge.bin' });
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /larger than this site accepts/);
    assert.equal(await page.locator('#upload-progress progress').count(), 3, 'each file shows its progress');
    assert.match((await page.locator('#attachment-count').textContent()) ?? '', /^4 attachments/);
    await saveScreenshot(page, 'attachments');

    // A clashing name offers a new version instead.
    await dropFiles(page, '#attachment-table thead', [
      { name: 'notes.txt', text: 'clash', type: 'text/plain' },
    ]);
    const offer = page.getByRole('button', { name: 'Upload as new version' });
    await offer.click();
    await page.locator('#upload-progress li.done', { hasText: 'Uploaded as version 2' }).waitFor();

    // Download one.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#attachment-table tr[data-title="alpha.txt"] td.name a[download]').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'alpha.txt');
    assert.equal(await readFile((await download.path()) ?? '', 'utf8'), 'alpha bytes');

    // A new version by dropping a file on a row.
    await dropFiles(page, '#attachment-table tr[data-title="alpha.txt"] td.size', [
      { name: 'alpha-v2.txt', text: 'alpha bytes, second', type: 'text/plain' },
    ]);
    await page.locator('#attachment-table tr[data-title="alpha.txt"][data-version="2"]').waitFor();

    // Versions: restore version 1, which becomes version 3 with the old bytes.
    await page.getByRole('button', { name: 'Versions of alpha.txt' }).click();
    const panel = page.locator('#attachment-versions');
    await panel.locator('tr[data-version="2"]').waitFor();
    await saveScreenshot(page, 'attachment-versions');
    await panel.locator('tr[data-version="1"]').getByRole('button', { name: 'Restore' }).click();
    await panel.locator('tr[data-version="3"]').waitFor();
    const restored = await server.request('GET', `/download/attachments/${pageId}/alpha.txt`);
    assert.equal(restored.text, 'alpha bytes');
    await panel.getByLabel('Comment').fill('the first draft, again');
    await panel.getByRole('button', { name: 'Save comment' }).click();
    await panel.locator('tr[data-version="4"]').waitFor();
    await panel.getByLabel('Add label').fill('draft');
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await panel.locator('.labels li', { hasText: 'draft' }).waitFor();

    // Trash two by multi-select, one confirmation.
    await page.getByRole('checkbox', { name: 'Select beta.txt' }).check();
    await page.getByRole('checkbox', { name: 'Select diagram.png' }).check();
    await page.getByRole('button', { name: 'Move selected to trash' }).click();
    await page.locator('#upload-progress li', { hasText: 'Moved 2 attachments to the trash' }).waitFor();
    await page.reload();
    assert.deepEqual(await rowTitles(page), ['alpha.txt', 'notes.txt']);
  });

  it('previews an image and a text file', async () => {
    const page = await signedInPage(browser, server);
    const listed = await server.request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment?filename=notes.txt`,
    );
    const notesId = (listed.body as Uploaded).results[0]?.id.replace(/^att/, '');
    await page.goto(
      `${server.reachableUrl}/pages/viewpageattachments.action?pageId=${pageId}&preview=${encodeURIComponent(`/${pageId}/${notesId}/notes.txt`)}`,
    );
    await page.locator('pre.preview-text', { hasText: /^(first notes|clash)$/ }).waitFor();
    const uploaded = await anUpload(server, pageId, [
      { name: 'shown.png', content: aGradientPng(320, 200), type: 'image/png' },
    ]);
    const imageId = (uploaded.body as Uploaded).results[0]?.id;
    await page.goto(
      `${server.reachableUrl}/pages/viewpageattachments.action?pageId=${pageId}&preview=${encodeURIComponent(`/${pageId}/${imageId}/shown.png`)}`,
    );
    const image = page.locator('img.preview-image');
    await image.waitFor();
    await page.waitForFunction("document.querySelector('img.preview-image')?.complete === true");
    const loaded = await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    assert.equal(loaded, 320);
    await saveScreenshot(page, 'attachment-preview');
  });
});

describe('a page with 100,000 attachments, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let pageId: string;
  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    await aSpace(server, 'HUGE');
    pageId = await aPageOfSeededAttachments(
      server,
      { key: 'HUGE', pageTitle: 'Archive' },
      { name: 'a-template.txt', content: 'same bytes' },
      { count: 99_999, title: (n) => `file-${String(n).padStart(6, '0')}.txt` },
    );
  });
  after(async () => {
    await browser.close();
    await server.dispose();
  });

  it('opens with its first screen of rows, sorts by size and pages forward', async () => {
    const page = await signedInPage(browser, server);
    await page.goto(`${server.reachableUrl}/pages/viewpageattachments.action?pageId=${pageId}`);
    assert.equal(await page.locator('#attachment-table tbody tr').count(), pageSize);
    assert.match((await page.locator('#attachment-count').textContent()) ?? '', /^100,000 attachments/);
    await saveScreenshot(page, 'attachments-100k');

    await page.getByRole('link', { name: 'Size' }).click();
    await page.waitForURL(/sort=size/);
    assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Size ▲');
    const first = await rowTitles(page);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/cursor=/);
    const second = await rowTitles(page);
    assert.equal(second.length, pageSize);
    assert.equal(new Set([...first, ...second]).size, 2 * pageSize, 'no row repeats across the pages');
  });
});
