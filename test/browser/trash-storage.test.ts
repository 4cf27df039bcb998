import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { openBrowser, saveScreenshot, signedInPage } from './support/browser.ts';

type Json = Record<string, unknown>;

describe("a space's trash and storage, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let oldPage: string;
  let fileId: string;

  const upload = async (pageId: string, name: string, content: string, method: 'POST' | 'PUT' = 'POST') => {
    const response = await anUpload(server, pageId, [{ name, content, type: 'text/plain' }], { method });
    assert.equal(response.status, 200, response.text);
    return String((response.body as { results: Json[] }).results[0]?.id);
  };
  const statusOf = async (id: string) => {
    const response = await server.request('GET', `/rest/api/content/${id}?status=any`);
    return response.status === 404 ? 'gone' : String((response.body as Json).status);
  };
  const exactBytes = async (page: Page, id: string) =>
    Number(await page.locator(`#${id} [data-bytes]`).getAttribute('data-bytes'));

  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    await aSpace(server, 'DOCS', 'Documentation');
    const home = String((await aPage(server, 'DOCS', 'Home')).id);
    oldPage = String((await aPage(server, 'DOCS', 'Old release notes')).id);
    fileId = await upload(home, 'draft-budget.txt', 'budget draft');
    // A file with three versions, for the prune.
    await upload(home, 'manual.txt', 'manual, first edition');
    await upload(home, 'manual.txt', 'manual, second edition!', 'PUT');
    await upload(home, 'manual.txt', 'manual, third edition!!!', 'PUT');
    for (const id of [oldPage, fileId]) {
      const trashed = await server.request('DELETE', `/rest/api/content/${id}`);
      assert.equal(trashed.status, 204, trashed.text);
    }
  });
  after(async () => {
    await browser.close();
    await server.dispose();
  });

  it('restores one item, purges another after confirming, then prunes old versions with a preview', async () => {
    const page = await signedInPage(browser, server);
    await page.goto(`${server.reachableUrl}/pages/viewtrash.action?key=DOCS`);
    assert.equal(await page.title(), 'Trash - Documentation - Tributary');
    assert.equal(await page.getByRole('button', { name: 'Restore selected' }).isDisabled(), true);
    await saveScreenshot(page, 'trash');

    await page.getByRole('button', { name: 'Restore Old release notes' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored 1 item' }).waitFor();
    assert.equal(await statusOf(oldPage), 'current');

    await page.getByLabel('Select draft-budget.txt').check();
    assert.match((await page.locator('.selection-count').textContent()) ?? '', /1 selected/);
    await page.getByRole('button', { name: 'Purge selected…' }).click();
    await page.getByRole('heading', { name: 'Purge 1 item?' }).waitFor();
    assert.match((await page.locator('.doomed-list').textContent()) ?? '', /draft-budget\.txt/);
    assert.equal(await statusOf(fileId), 'trashed', 'nothing goes before the confirmation');
    await page.getByRole('button', { name: 'Purge 1 item' }).click();
    await page.getByRole('status').filter({ hasText: 'Purged 1 item' }).waitFor();
    assert.equal(await statusOf(fileId), 'gone');
    assert.match((await page.locator('main').textContent()) ?? '', /The trash is empty/);

    await page.getByRole('link', { name: 'Storage' }).click();
    assert.equal(await page.title(), 'Storage - Documentation - Tributary');
    const oldBytes = 'manual, first edition'.length + 'manual, second edition!'.length;
    assert.equal(await exactBytes(page, 'historical-bytes'), oldBytes);
    await saveScreenshot(page, 'storage');

    await page.getByLabel('Keep the newest versions of each file').fill('1');
    await page.getByRole('button', { name: 'Preview prune' }).click();
    await page.locator('#prune-summary').waitFor();
    assert.match((await page.locator('#prune-summary').textContent()) ?? '', /2 old versions of 1 file/);
    assert.equal(await page.locator('.prune-sample tbody tr').count(), 2);
    await saveScreenshot(page, 'prune-preview');
    await page.getByRole('button', { name: 'Delete 2 versions' }).click();
    await page.locator('#prune-outcome').filter({ hasText: 'Deleted 2 old versions' }).waitFor();

    await page.getByRole('link', { name: 'Back to storage' }).click();
    assert.equal(await exactBytes(page, 'historical-bytes'), 0);
  });
});
