import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { addApp } from '../../src/services/apps/add-app.ts';
import { changeAppRules } from '../../src/services/apps/change-app-rules.ts';
import { aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { type RequestOptions, startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type Listing = { results: Json[]; _links: Json };
type Auth = RequestOptions['auth'];

/** Data policies are the app access rules: what the calling app is blocked from, per space. */
describe('data policies on Cloud v2', () => {
  let site: TestServer;
  let blockedApp: Auth;
  let freeApp: Auth;
  const ids: Record<string, string> = {};

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'ada');
    for (const key of ['DPA', 'DPB', 'DPC']) {
      await aSpace(site, key);
      ids[key] = String(
        (((await site.request('GET', `/wiki/api/v2/spaces?keys=${key}`)).body as Listing).results[0] as Json)
          .id,
      );
    }
    const services = site.server.site.services;
    blockedApp = {
      bearer: (await addApp(services, systemPrincipal, { name: 'Archiver', username: 'ada' })).secret,
    };
    freeApp = {
      bearer: (await addApp(services, systemPrincipal, { name: 'Reader', username: 'ada' })).secret,
    };
    await changeAppRules(services, systemPrincipal, {
      appName: 'Archiver',
      spaceKeys: ['DPB'],
      blocked: true,
    });
  });
  after(() => site.dispose());

  const get = (path: string, auth?: Auth) => site.request('GET', `/wiki/api/v2${path}`, auth ? { auth } : {});

  it('says whether anything is blocked for the calling app', async () => {
    const blocked = await get('/data-policies/metadata', blockedApp);
    assert.equal(blocked.status, 200, blocked.text);
    assertMatchesSpec('cloud-v2', 'GET', '/data-policies/metadata', 200, blocked.body);
    assert.deepEqual(blocked.body, { anyContentBlocked: true });
    assert.deepEqual((await get('/data-policies/metadata', freeApp)).body, { anyContentBlocked: false });
    assert.deepEqual((await get('/data-policies/metadata')).body, { anyContentBlocked: false });
  });

  it('lists the spaces by id with their real keys, flagging those blocked for the app', async () => {
    const listed = await get('/data-policies/spaces?limit=2', blockedApp);
    assert.equal(listed.status, 200, listed.text);
    assertMatchesSpec('cloud-v2', 'GET', '/data-policies/spaces', 200, listed.body);
    const first = listed.body as Listing;
    const next = (await get(String(first._links.next).replace('/wiki/api/v2', ''), blockedApp))
      .body as Listing;
    const all = [...first.results, ...next.results];
    assert.deepEqual(
      all.map((space) => [space.id, space.key, (space.dataPolicy as Json).anyContentBlocked]),
      [
        [ids.DPA, 'DPA', false],
        [ids.DPB, 'DPB', true],
        [ids.DPC, 'DPC', false],
      ],
    );
    const free = (await get('/data-policies/spaces', freeApp)).body as Listing;
    assert.ok(free.results.every((space) => (space.dataPolicy as Json).anyContentBlocked === false));
  });

  it('filters by ids and keys like the space list, and refuses bad parameters', async () => {
    const byKey = (await get('/data-policies/spaces?keys=DPB', blockedApp)).body as Listing;
    assert.deepEqual(
      byKey.results.map((space) => space.key),
      ['DPB'],
    );
    const byId = (await get(`/data-policies/spaces?ids=${ids.DPC}&sort=-id`)).body as Listing;
    assert.deepEqual(
      byId.results.map((space) => space.key),
      ['DPC'],
    );
    assertV2Error(await get('/data-policies/spaces?sort=size'), 400, 'BAD_REQUEST');
    assertV2Error(await get('/data-policies/spaces?ids=abc'), 400, 'BAD_REQUEST');
    assertV2Error(await get('/data-policies/spaces?limit=0'), 400, 'BAD_REQUEST');
  });

  it('needs a signed-in caller', async () => {
    const anonymous = await site.request('GET', '/wiki/api/v2/data-policies/metadata', { auth: null });
    assert.equal(anonymous.status, 401, anonymous.text);
  });
});
