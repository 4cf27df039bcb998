import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { adminPassword, startTestServer, type TestServer } from '../support/test-server.ts';
import { openBrowser, saveScreenshot, signedInPage } from './support/browser.ts';

describe('signing in, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
  });
  after(async () => {
    await browser.close();
    await server.dispose();
  });

  it('shows the sign-in form for a deep link, then lands on it once signed in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.reachableUrl}/spacedirectory/view.action`);
    assert.equal(await page.title(), 'Sign in - Tributary');
    await saveScreenshot(page, 'sign-in');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Wrong username or password/);
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/spacedirectory\/view\.action$/);
    assert.equal(await page.title(), 'Spaces - Tributary');
    const cookies = await page.context().cookies();
    assert.equal(cookies.find((cookie) => cookie.name === 'tributary.session')?.httpOnly, true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\.action$/);
    await page.goto(`${server.reachableUrl}/`);
    assert.equal(await page.title(), 'Sign in - Tributary', 'signed out for good');
  });

  it('reaches the main content by keyboard first: a skip link', async () => {
    // Not on the sign-in form, whose username field takes the focus itself.
    const page = await signedInPage(browser, server);
    await page.goto(`${server.reachableUrl}/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').textContent(), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(
      await page.locator(':focus').getAttribute('id'),
      'main',
      'the skip link moves the focus to the content',
    );
  });
});
