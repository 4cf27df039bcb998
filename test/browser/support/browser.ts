import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { adminPassword, type TestServer } from '../../support/test-server.ts';

/** Where Chromium is; scripts/test-in-browser.sh skips these suites (one line) when it is missing. */
export const chromiumPath = process.env.TRIBUTARY_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** A headless Chromium that touches nothing outside the machine (no updates, no sync, no fonts fetched). */
export function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser context (its own cookies), signed in through the sign-in form. */
export async function signedInPage(
  browser: Browser,
  server: TestServer,
  login = 'admin',
  password = adminPassword,
): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.reachableUrl}/login.action`);
  await page.getByLabel('Username').fill(login);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/login.action')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return page;
}

/**
 * Saves a screenshot of a main screen when TRIBUTARY_SCREENSHOTS_DIR names a folder (`npm run
 * screenshots` writes docs/screenshots, which the README shows); otherwise does nothing.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.TRIBUTARY_SCREENSHOTS_DIR;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: false });
}
