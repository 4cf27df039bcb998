import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aSpace } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface Property {
  id: string;
  key: string;
  value: unknown;
  version?: { number: number; when: string };
  space?: Json;
  _expandable: Record<string, string>;
  _links: Record<string, string>;
}
interface PropertyPage {
  results: Property[];
  limit: number;
  size: number;
  _links: { next?: string };
}

const dave: [string, string] = ['dave', 'dave-pw'];
const propertyPath = '/rest/api/space/{spaceKey}/property/{key}';

describe('space properties', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'PROPS', 'Properties');
    const created = await site.request('POST', '/rest/api/admin/user', {
      json: { userName: 'dave', fullName: 'Dave Example', email: 'dave@example.com', password: 'dave-pw' },
    });
    assert.equal(created.status, 201);
  });
  after(() => site.dispose());

  const read = async (key: string) =>
    (await site.request('GET', `/rest/api/space/PROPS/property/${key}`)).body as Property;

  it('creates a property at version 1 and reads it back on both paths', async () => {
    const created = await site.request('POST', '/rest/api/space/PROPS/property', {
      json: { key: 'colour', value: { hex: '#ffffff', tags: ['light'] } },
    });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('dc', 'POST', '/rest/api/space/{spaceKey}/property', 200, created.body);
    const property = created.body as Property;
    assert.equal(property.key, 'colour');
    assert.deepEqual(property.value, { hex: '#ffffff', tags: ['light'] });
    assert.equal(property.version?.number, 1);
    assert.match(property.version?.when ?? '', /^\d{4}-\d\d-\d\dT.*Z$/);
    assert.equal(property._links.self, `${site.url}/rest/api/space/PROPS/property/colour`);
    assert.equal(property._expandable.space, '/rest/api/space/PROPS');

    const dc = await site.request('GET', '/rest/api/space/PROPS/property/colour');
    assert.equal(dc.status, 200);
    assertMatchesSpec('dc', 'GET', propertyPath, 200, dc.body);
    const cloud = await site.request('GET', '/wiki/rest/api/space/PROPS/property/colour');
    assertMatchesSpec('cloud-v1', 'GET', `/wiki${propertyPath}`, 200, cloud.body);
    assert.deepEqual((cloud.body as Property).value, property.value);
    assert.equal((cloud.body as Property).id, property.id);
  });

  it('creates a property named in the path, on both paths', async () => {
    const dc = await site.request('POST', '/rest/api/space/PROPS/property/size', {
      json: { value: 'large' },
    });
    assert.equal(dc.status, 200, dc.text);
    assertMatchesSpec('dc', 'POST', propertyPath, 200, dc.body);
    assert.equal((dc.body as Property).value, 'large');
    const cloud = await site.request('POST', '/wiki/rest/api/space/PROPS/property/shape', {
      json: { value: true },
    });
    assert.equal(cloud.status, 200, cloud.text);
    assertMatchesSpec('cloud-v1', 'POST', `/wiki${propertyPath}`, 200, cloud.body);
    const cloudBodyKey = await site.request('POST', '/wiki/rest/api/space/PROPS/property', {
      json: { key: 'mood', value: { calm: true } },
    });
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/space/{spaceKey}/property', 200, cloudBodyKey.body);
  });

  it('lists properties by key, ten at a time unless asked, with a next link', async () => {
    for (let n = 0; n < 10; n++) {
      const response = await site.request('POST', `/rest/api/space/PROPS/property/bulk${n}`, {
        json: { value: { n } },
      });
      assert.equal(response.status, 200);
    }
    const first = await site.request('GET', '/rest/api/space/PROPS/property');
    assert.equal(first.status, 200);
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/property', 200, first.body);
    const page = first.body as PropertyPage;
    assert.equal(page.limit, 10);
    assert.equal(page.size, 10);
    assert.equal(page.results[0]?.key, 'bulk0');
    assert.equal(page._links.next, '/rest/api/space/PROPS/property?limit=10&start=10');
    const rest = (await site.request('GET', page._links.next ?? '')).body as PropertyPage;
    assert.deepEqual(
      rest.results.map((property) => property.key),
      ['colour', 'mood', 'shape', 'size'],
    );

    const cloud = await site.request('GET', '/wiki/rest/api/space/PROPS/property?limit=2&expand=space');
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/space/{spaceKey}/property', 200, cloud.body);
    const withSpace = (cloud.body as PropertyPage).results[0];
    assert.equal(withSpace?.space?.key, 'PROPS');
    assert.equal(withSpace?.version, undefined);
    assert.equal(withSpace?._expandable.version, '');
  });

  it('updates a property with the next version number', async () => {
    const updated = await site.request('PUT', '/rest/api/space/PROPS/property/colour', {
      json: { key: 'colour', value: { hex: '#000000' }, version: { number: 2, minorEdit: false } },
    });
    assert.equal(updated.status, 200, updated.text);
    assertMatchesSpec('dc', 'PUT', propertyPath, 200, updated.body);
    assert.equal((updated.body as Property).version?.number, 2);
    const cloud = await site.request('PUT', '/wiki/rest/api/space/PROPS/property/colour', {
      json: { value: { hex: '#123456' }, version: { number: 3 } },
    });
    assert.equal(cloud.status, 200, cloud.text);
    assertMatchesSpec('cloud-v1', 'PUT', `/wiki${propertyPath}`, 200, cloud.body);
    const stored = await read('colour');
    assert.deepEqual(stored.value, { hex: '#123456' });
    assert.equal(stored.version?.number, 3);
  });

  it('refuses a stale or skipped version with 409 and keeps the stored value', async () => {
    for (const number of [3, 2, 5]) {
      const response = await site.request('PUT', '/rest/api/space/PROPS/property/colour', {
        json: { value: { hex: '#badbad' }, version: { number } },
      });
      assertRestError(response, 409, /version 3/);
      assertMatchesSpec('dc', 'PUT', propertyPath, 409, response.body);
    }
    const stored = await read('colour');
    assert.deepEqual(stored.value, { hex: '#123456' });
    assert.equal(stored.version?.number, 3);
  });

  it('creates a new property through PUT with version 1, as Data Center documents', async () => {
    const response = await site.request('PUT', '/rest/api/space/PROPS/property/fresh', {
      json: { value: ['a', 'b'], version: { number: 1 } },
    });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual((await read('fresh')).value, ['a', 'b']);
    assertRestError(
      await site.request('PUT', '/rest/api/space/PROPS/property/missing', {
        json: { value: 1, version: { number: 2 } },
      }),
      404,
    );
  });

  it('refuses bad property writes with 400, changing nothing', async () => {
    const before = (await site.request('GET', '/rest/api/space/PROPS/property?limit=100')).body;
    const longest = 'k'.repeat(255);
    const refusals: [string, string, unknown, RegExp][] = [
      ['POST', '/rest/api/space/PROPS/property', { key: 'colour', value: 1 }, /already exists/],
      ['POST', '/rest/api/space/PROPS/property', { key: '', value: 1 }, /key is required/],
      ['POST', '/rest/api/space/PROPS/property', { key: `${longest}k`, value: 1 }, /255/],
      ['POST', '/rest/api/space/PROPS/property', { key: 'novalue' }, /value is required/],
      ['POST', '/rest/api/space/PROPS/property', { key: 'nullvalue', value: null }, /value is required/],
      ['POST', '/rest/api/space/PROPS/property/colour', { value: 2 }, /already exists/],
      ['PUT', '/rest/api/space/PROPS/property/colour', { value: 1 }, /version.number/],
      [
        'PUT',
        '/rest/api/space/PROPS/property/colour',
        { value: 1, version: { number: '4' } },
        /version.number/,
      ],
      [
        'PUT',
        '/rest/api/space/PROPS/property/colour',
        { key: 'other', value: 1, version: { number: 4 } },
        /differs/,
      ],
    ];
    for (const [method, path, json, message] of refusals) {
      assertRestError(await site.request(method, path, { json }), 400, message);
    }
    const duplicate = await site.request('POST', '/rest/api/space/PROPS/property', {
      json: { key: 'colour', value: 1 },
    });
    assertMatchesSpec('dc', 'POST', '/rest/api/space/{spaceKey}/property', 400, duplicate.body);
    for (const method of ['POST', 'PUT']) {
      const malformed = await site.request(method, '/rest/api/space/PROPS/property/colour', {
        body: '{"value": {',
        headers: { 'content-type': 'application/json' },
      });
      assertRestError(malformed, 400);
    }
    assert.deepEqual((await site.request('GET', '/rest/api/space/PROPS/property?limit=100')).body, before);

    const accepted = await site.request('POST', '/rest/api/space/PROPS/property', {
      json: { key: longest, value: 0 },
    });
    assert.equal(accepted.status, 200, accepted.text);
  });

  it('refuses a value over 32 KiB with 413, changing nothing', async () => {
    const huge = { text: 'x'.repeat(32 * 1024) };
    const created = await site.request('POST', '/rest/api/space/PROPS/property', {
      json: { key: 'huge', value: huge },
    });
    assertRestError(created, 413, /32768/);
    assertMatchesSpec('dc', 'POST', '/rest/api/space/{spaceKey}/property', 413, created.body);
    const updated = await site.request('PUT', '/rest/api/space/PROPS/property/colour', {
      json: { value: huge, version: { number: 4 } },
    });
    assertRestError(updated, 413);
    assertRestError(await site.request('GET', '/rest/api/space/PROPS/property/huge'), 404);
    assert.equal((await read('colour')).version?.number, 3);
    const fits = await site.request('POST', '/rest/api/space/PROPS/property', {
      json: { key: 'fits', value: 'x'.repeat(32 * 1024 - 2) },
    });
    assert.equal(fits.status, 200, fits.text);
  });

  it('deletes a property, after which it is a 404', async () => {
    assert.equal((await site.request('DELETE', '/rest/api/space/PROPS/property/size')).status, 204);
    const gone = await site.request('GET', '/rest/api/space/PROPS/property/size');
    assertRestError(gone, 404, /size/);
    assertMatchesSpec('dc', 'GET', propertyPath, 404, gone.body);
    const again = await site.request('DELETE', '/rest/api/space/PROPS/property/size');
    assertRestError(again, 404);
    assertMatchesSpec('dc', 'DELETE', propertyPath, 404, again.body);
    assert.equal((await site.request('DELETE', '/wiki/rest/api/space/PROPS/property/shape')).status, 204);
  });

  it('answers an unknown space with 404 on every property operation', async () => {
    const list = await site.request('GET', '/rest/api/space/NOPE/property');
    assertRestError(list, 404, /NOPE/);
    assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/property', 404, list.body);
    assertRestError(
      await site.request('POST', '/rest/api/space/NOPE/property', { json: { key: 'k', value: 1 } }),
      404,
    );
    assertRestError(
      await site.request('POST', '/rest/api/space/NOPE/property/k', { json: { value: 1 } }),
      404,
    );
    assertRestError(
      await site.request('PUT', '/rest/api/space/NOPE/property/k', {
        json: { value: 1, version: { number: 2 } },
      }),
      404,
    );
    assertRestError(await site.request('DELETE', '/rest/api/space/NOPE/property/k'), 404);
  });

  it("leaves a space's properties to its administrators, and hides a private space's from everyone else", async () => {
    // Confluence asks for the space's Admin permission to change its properties.
    const refused = await site.request('POST', '/rest/api/space/PROPS/property', {
      auth: dave,
      json: { key: 'daves', value: { by: 'dave' } },
    });
    assertRestError(refused, 403);
    assert.equal((await site.request('GET', '/rest/api/space/PROPS/property/daves')).status, 404);

    const secret = await site.request('POST', '/rest/api/space/_private', {
      json: { key: 'SECRET', name: 'Secret' },
    });
    assert.equal(secret.status, 200);
    assert.equal(
      (await site.request('POST', '/rest/api/space/SECRET/property', { json: { key: 'k', value: 1 } }))
        .status,
      200,
    );
    assertRestError(await site.request('GET', '/rest/api/space/SECRET/property/k', { auth: dave }), 404);
    assertRestError(await site.request('DELETE', '/rest/api/space/SECRET/property/k', { auth: dave }), 404);
    assert.equal((await site.request('GET', '/rest/api/space/SECRET/property/k')).status, 200);
  });
});
