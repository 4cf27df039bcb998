import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { pageSize } from '../../src/http/web/routes/attachments/list-query.ts';
import { aSpace } from '../support/builders.ts';
import { aPageOfSeededAttachments } from '../support/seed-attachments.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { openBrowser, saveScreenshot, signedInPage } from './support/browser.ts';

const day = 86_400_000;
const cutMs = Date.UTC(2024, 0, 1);
// Big enough to span several trash batches (200) and screens (50); each trash is its own commit, so the
// count sets the test's length.
const seeded = 700;
const olderCount = 400;

describe('trashing the old attachments of a big page, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let pageId: string;
  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    await aSpace(server, 'AGED');
    // The first 400 from a year before the cut, a few minutes apart; the rest after it.
    pageId = await aPageOfSeededAttachments(
      server,
      { key: 'AGED', pageTitle: 'Archive' },
      { name: 'a-template.txt', content: 'same bytes' },
      {
        count: seeded,
        title: (n) => `file-${String(n).padStart(5, '0')}.txt`,
        createdAtMs: (n) =>
          n < olderCount ? cutMs - 365 * day + n * 60_000 : cutMs + (n - olderCount) * 60_000,
      },
    );
  });
  after(async () => {
    await browser.close();
    await server.dispose();
  });

  it('filters by a date, shows how many match, moves them all to the trash and lists the rest', async () => {
    const page = await signedInPage(browser, server);
    await page.goto(`${server.reachableUrl}/pages/viewpageattachments.action?pageId=${pageId}`);
    await page.getByLabel('Modified before').fill('2024-01-01');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/before=2024-01-01/);
    assert.match((await page.locator('#attachment-count').textContent()) ?? '', /^400 attachments/);
    assert.equal(await page.locator('#attachment-table tbody tr').count(), pageSize);

    await page.getByRole('link', { name: 'Move all 400 matching to trash' }).click();
    await page.waitForURL(/trashmatchingattachments\.action/);
    assert.match((await page.locator('#trash-matching-summary').textContent()) ?? '', /400 attachments/);
    assert.equal(await page.locator('#trash-matching-sample tbody tr').count(), 20);
    await saveScreenshot(page, 'attachments-older-than');

    await page.getByRole('button', { name: 'Move 400 attachments to trash' }).click();
    await page.waitForURL(/trashed=400/, { timeout: 60_000 });
    assert.equal(
      (await page.locator('#attachment-notice').textContent())?.trim(),
      'Moved 400 attachments to the trash.',
    );
    assert.equal(await page.locator('#attachment-table tbody tr').count(), 0);

    await page.getByLabel('Modified before').fill('');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((url) => !url.search.includes('trashed='));
    assert.match((await page.locator('#attachment-count').textContent()) ?? '', /^301 attachments/);
    const first = await page.locator('#attachment-table tbody tr').first().getAttribute('data-title');
    assert.equal(first, 'a-template.txt');
    assert.equal(
      await page.locator('#attachment-table tbody tr').nth(1).getAttribute('data-title'),
      'file-00400.txt',
    );
  });
});
