import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPagesFixture, type PagesFixture } from '../web/pages-fixture.ts';
import { openBrowser, saveScreenshot, signedInPage } from './support/browser.ts';

describe('spaces, pages and search, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let fixture: PagesFixture;
  before(async () => {
    server = await startTestServer();
    fixture = await aPagesFixture(server);
    await aUser(server, 'carol');
    browser = await openBrowser();
  });
  after(async () => {
    await browser.close();
    await server.dispose();
  });

  it('browses from the space directory through the page tree to a page whose image loads, searches and edits', async () => {
    const page = await signedInPage(browser, server);
    await page.goto(`${server.reachableUrl}/spacedirectory/view.action`);
    assert.equal(await page.title(), 'Spaces - Tributary');
    await saveScreenshot(page, 'space-directory');

    await page.getByRole('link', { name: 'Documentation' }).click();
    await page.waitForURL(/\/display\/DOCS$/);
    assert.equal(await page.title(), 'Documentation - Tributary');
    await saveScreenshot(page, 'space');

    const tree = page.getByRole('navigation', { name: 'Page tree' });
    await tree.getByRole('link', { name: 'Field Guide' }).click();
    await page.waitForURL(/viewpage\.action\?pageId=\d+$/);
    assert.equal(await page.title(), 'Field Guide - Tributary');
    const image = page.locator('img.confluence-embedded-image');
    await image.waitFor();
    // Evaluated in the page, so written as text: the tests are type-checked without the DOM's types.
    await page.waitForFunction("document.querySelector('img.confluence-embedded-image').complete === true");
    const naturalWidth = await image.evaluate(
      (element) => (element as unknown as { naturalWidth: number }).naturalWidth,
    );
    assert.ok(naturalWidth > 0, 'the image loaded');
    await saveScreenshot(page, 'page');

    await tree.getByRole('link', { name: 'Chapter One: A+B & C' }).click();
    await page.waitForURL(/viewpage\.action\?pageId=\d+$/);
    assert.equal(await page.title(), 'Chapter One: A+B & C - Tributary');
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    assert.deepEqual(await crumbs.getByRole('link').allTextContents(), [
      'Documentation',
      'Field Guide',
      'Chapter One: A+B & C',
    ]);

    await page.getByRole('searchbox', { name: 'Search' }).first().fill('kingfisher');
    await page.keyboard.press('Enter');
    await page.waitForURL(/dosearchsite\.action\?queryString=kingfisher/);
    assert.match((await page.getByRole('status').textContent()) ?? '', /Results 1–1 of 1/);
    await saveScreenshot(page, 'search');
    await page.locator('.search-results').getByRole('link', { name: 'Field Guide' }).click();
    await page.waitForURL(/viewpage\.action\?pageId=\d+$/);

    await page.getByRole('link', { name: 'Edit' }).click();
    assert.equal(await page.title(), 'Edit Field Guide - Tributary');
    await page.getByLabel('Title').fill('Field Guide to Rivers');
    await page.getByLabel('Body (storage format)').fill('<p>Rivers and their birds.</p>');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/viewpage\.action\?pageId=\d+$/);
    assert.equal(await page.title(), 'Field Guide to Rivers - Tributary');
    assert.match((await page.locator('.page-meta').first().textContent()) ?? '', /version 2/);
    assert.equal(await page.locator('.page-body').first().textContent(), 'Rivers and their birds.');

    // On a phone the tree moves above the page, and nothing is wider than the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    assert.ok(
      ((await page.evaluate('document.documentElement.scrollWidth')) as number) <= 375,
      'no sideways scrolling',
    );
  });

  it('shows "Page not found" to a user who may not see the page, and leaves it out of the tree', async () => {
    const page = await signedInPage(browser, server, 'carol', 'carol-pw');
    const response = await page.goto(
      `${server.reachableUrl}/pages/viewpage.action?pageId=${fixture.hiddenId}`,
    );
    assert.equal(response?.status(), 404);
    assert.equal(await page.title(), 'Page not found - Tributary');
    await page.goto(`${server.reachableUrl}/pages/viewpage.action?pageId=${fixture.guideId}`);
    const tree = page.getByRole('navigation', { name: 'Page tree' });
    await tree.getByRole('link', { name: 'Field Guide' }).waitFor();
    assert.equal(await tree.getByRole('link', { name: 'Admins only' }).count(), 0);
  });
});
