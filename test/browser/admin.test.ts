import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createSpace } from '../../src/services/spaces/create-space.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { openBrowser, saveScreenshot, signedInPage } from './support/browser.ts';

describe('administration, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    server = await startTestServer();
    await createSpace(server.server.site.services, systemPrincipal, {
      key: 'VAULT',
      name: 'Vault',
      private: true,
    });
    await server.request('POST', '/rest/api/admin/group', { json: { name: 'analysts' } });
    browser = await openBrowser();
  });
  after(async () => {
    await browser.close();
    await server.dispose();
  });

  it('creates a user, puts them in a group, lets them view a space, and shows it all in the audit log', async () => {
    const page = await signedInPage(browser, server);
    await page.getByRole('link', { name: 'Administration' }).click();
    assert.equal(await page.title(), 'Users - Tributary');

    await page.getByLabel('Username').fill('nina');
    await page.getByLabel('Full name').fill('Nina Newcomer');
    await page.getByLabel('Email').fill('nina@example.com');
    await page.getByLabel('Password').fill('nina-secret-pw');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForURL(/viewuser\.action\?username=nina/);
    assert.match((await page.getByRole('status').textContent()) ?? '', /User nina was created/);

    await page.getByLabel('Add to group').fill('analysts');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /Added to analysts/);
    await page.getByRole('link', { name: 'Users', exact: true }).first().click();
    await saveScreenshot(page, 'admin-users');

    await page.goto(`${server.reachableUrl}/spaces/spacepermissions.action?key=VAULT`);
    assert.equal(await page.title(), 'Permissions - Vault - Tributary');
    await page.getByLabel('Kind').selectOption('user');
    await page.getByLabel('Group name or username').fill('nina');
    assert.ok(
      await page.getByLabel('View (space) for the new row').isChecked(),
      'view is ticked for a new row',
    );
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    assert.match((await page.getByRole('status').textContent()) ?? '', /nina was added/);
    assert.ok(await page.getByLabel('View (space) for nina').isChecked());
    await saveScreenshot(page, 'space-permissions');

    const nina = await signedInPage(browser, server, 'nina', 'nina-secret-pw');
    await nina.goto(`${server.reachableUrl}/`);
    assert.ok(await nina.getByRole('link', { name: 'Vault' }).isVisible(), 'nina now sees the space');
    await nina.context().close();

    await page.goto(`${server.reachableUrl}/admin/auditlog.action`);
    assert.equal(await page.title(), 'Audit log - Tributary');
    await page.getByLabel('Text').fill('nina');
    await page.getByRole('button', { name: 'Filter' }).click();
    const created = page.locator('summary', { hasText: 'User created' });
    await created.click();
    assert.ok(await page.getByRole('cell', { name: 'nina@example.com' }).isVisible(), 'the change, expanded');
    await saveScreenshot(page, 'audit-log');
  });
});
