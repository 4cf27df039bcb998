import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Labels = { results: { name: string }[] };

describe('the site-wide label list', () => {
  let site: TestServer;
  const carol: [string, string] = ['carol', 'carol-pw'];
  const dave: [string, string] = ['dave', 'dave-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aUser(site, 'dave');
    await aSpace(site, 'OPEN');
    const open = await aPage(site, 'OPEN', 'Public page');
    await site.request('POST', `/rest/api/content/${open.id}/label`, {
      json: [{ prefix: 'global', name: 'roadmap' }],
    });
    const created = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'SECRET', name: 'Secret' },
    });
    assert.equal(created.status, 200, created.text);
    const hidden = await aPage(site, 'SECRET', 'Hidden page', { auth: carol });
    const labelled = await site.request('POST', `/rest/api/content/${hidden.id}/label`, {
      auth: carol,
      json: [{ prefix: 'global', name: 'acquisition-target' }],
    });
    assert.equal(labelled.status, 200, labelled.text);
  });
  after(() => site.dispose());

  const namesFor = async (auth: [string, string]) =>
    ((await site.request('GET', '/wiki/api/v2/labels?limit=250', { auth })).body as Labels).results.map(
      (label) => label.name,
    );

  it('shows a label used only in a private space to those who can see the space, and to nobody else', async () => {
    assert.ok((await namesFor(carol)).includes('acquisition-target'));
    assert.ok((await namesFor(['admin', 'admin-secret-for-tests'])).includes('acquisition-target'));
    const forDave = await namesFor(dave);
    assert.ok(forDave.includes('roadmap'));
    assert.ok(!forDave.includes('acquisition-target'));
  });
});
