import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
interface Scheme {
  colorSchemeModelLight: Record<string, string>;
  colorSchemeModelDark: Record<string, string>;
}

const bob: [string, string] = ['bob', 'bob-pw'];

/** A whole look and feel, as Cloud's editor sends it. */
const brandLookAndFeel = {
  headings: { color: '#FF5630' },
  links: { color: '#6554C0' },
  menus: { hoverOrFocus: { backgroundColor: '#EAE6FF' }, color: '#403294' },
  header: {
    backgroundColor: '#403294',
    button: { backgroundColor: '#6554C0', color: '#FFFFFF' },
    primaryNavigation: { color: '#FFFFFF', hoverOrFocus: { backgroundColor: '#5243AA', color: '#FFFFFF' } },
    secondaryNavigation: { color: '#FFFFFF', hoverOrFocus: { backgroundColor: '#5243AA', color: '#FFFFFF' } },
    search: { backgroundColor: '#5243AA', color: '#FFFFFF' },
  },
  content: { screen: { background: '#FAFBFC' } },
  bordersAndDividers: { color: '#C1C7D0' },
};

describe('appearance: colour schemes, look and feel, themes', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
    await aSpace(site, 'LOOK', 'Looks');
    await aUser(site, 'bob');
    // bob may see LOOK but administers nothing; HIDE is the admin's private space.
    const hidden = await site.request('POST', '/rest/api/space/_private', {
      json: { key: 'HIDE', name: 'Hidden' },
    });
    assert.equal(hidden.status, 200, hidden.text);
  });
  after(() => site.dispose());

  describe('the site colour scheme (Data Center)', () => {
    it('starts as the default scheme, is set by an administrator, read back and reset', async () => {
      const stock = await site.request('GET', '/rest/api/color-scheme/default');
      assertMatchesSpec('dc', 'GET', '/rest/api/color-scheme/default', 200, stock.body);
      const current = await site.request('GET', '/rest/api/color-scheme');
      assert.deepEqual(current.body, stock.body);

      const set = await site.request('PUT', '/rest/api/color-scheme', {
        json: { colorSchemeModelLight: { topBarColor: '#112233', linkColor: '#abc' } },
      });
      assert.equal(set.status, 200, set.text);
      assertMatchesSpec('dc', 'PUT', '/rest/api/color-scheme', 200, set.body);
      const saved = (await site.request('GET', '/rest/api/color-scheme')).body as Scheme;
      assert.equal(saved.colorSchemeModelLight.topBarColor, '#112233');
      assert.equal(saved.colorSchemeModelLight.linkColor, '#ABC');
      // Colours not named keep their value.
      assert.equal(
        saved.colorSchemeModelDark.topBarColor,
        (stock.body as Scheme).colorSchemeModelDark.topBarColor,
      );

      const reset = await site.request('PUT', '/rest/api/color-scheme/reset');
      assert.equal(reset.status, 200);
      assert.deepEqual(reset.body, stock.body);
    });

    it('refuses a colour that is not one and a field the scheme does not have, changing nothing', async () => {
      const before = (await site.request('GET', '/rest/api/color-scheme')).body;
      assertRestError(
        await site.request('PUT', '/rest/api/color-scheme', {
          json: { colorSchemeModelLight: { topBarColor: 'red; background: url(x)' } },
        }),
        400,
        /must be a colour/,
      );
      assertRestError(
        await site.request('PUT', '/rest/api/color-scheme', {
          json: { colorSchemeModelLight: { sidebarColor: '#000000' } },
        }),
        400,
        /not a colour of the scheme/,
      );
      assertRestError(await site.request('PUT', '/rest/api/color-scheme'), 400);
      assert.deepEqual((await site.request('GET', '/rest/api/color-scheme')).body, before);
    });

    it('lets only administrators change it', async () => {
      assertRestError(
        await site.request('PUT', '/rest/api/color-scheme', {
          auth: bob,
          json: { colorSchemeModelLight: { topBarColor: '#000000' } },
        }),
        403,
      );
      assertRestError(await site.request('PUT', '/rest/api/color-scheme/reset', { auth: bob }), 403);
      assert.equal((await site.request('GET', '/rest/api/color-scheme', { auth: bob })).status, 200);
    });
  });

  describe('a space colour scheme (Data Center)', () => {
    it("shows the site's scheme until the space has its own, and says which it uses", async () => {
      const type = await site.request('GET', '/rest/api/space/LOOK/color-scheme/type');
      assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}/color-scheme/type', 200, type.body);
      assert.deepEqual(type.body, { type: 'global' });
      const site_ = (await site.request('GET', '/rest/api/color-scheme')).body;
      assert.deepEqual((await site.request('GET', '/rest/api/space/LOOK/color-scheme')).body, site_);

      const own = await site.request('PUT', '/rest/api/space/LOOK/color-scheme', {
        json: { colorSchemeModelLight: { headingTextColor: '#654321' } },
      });
      assert.equal(own.status, 200, own.text);
      const chosen = await site.request('PUT', '/rest/api/space/LOOK/color-scheme/type', {
        json: { type: 'custom' },
      });
      assert.deepEqual(chosen.body, { type: 'custom' });
      const read = (await site.request('GET', '/rest/api/space/LOOK/color-scheme')).body as Scheme;
      assert.equal(read.colorSchemeModelLight.headingTextColor, '#654321');
      assert.deepEqual((await site.request('GET', '/rest/api/space/LOOK/color-scheme/type')).body, {
        type: 'custom',
      });

      const reset = await site.request('PUT', '/rest/api/space/LOOK/color-scheme/reset');
      assert.deepEqual(reset.body, site_);
      assert.deepEqual((await site.request('GET', '/rest/api/space/LOOK/color-scheme/type')).body, {
        type: 'global',
      });
    });

    it('is changed by space administrators only, hidden with its space, and checks the type', async () => {
      assertRestError(
        await site.request('PUT', '/rest/api/space/LOOK/color-scheme/type', {
          auth: bob,
          json: { type: 'custom' },
        }),
        403,
      );
      assertRestError(await site.request('GET', '/rest/api/space/HIDE/color-scheme', { auth: bob }), 404);
      assertRestError(await site.request('GET', '/rest/api/space/NOPE/color-scheme'), 404);
      assertRestError(
        await site.request('PUT', '/rest/api/space/LOOK/color-scheme/type', { json: { type: 'fancy' } }),
        400,
      );
    });
  });

  describe('look and feel (Cloud)', () => {
    it('customises a space, selects it, reads it back, and resets it', async () => {
      const initial = await site.request('GET', '/wiki/rest/api/settings/lookandfeel?spaceKey=LOOK');
      assert.equal(initial.status, 200, initial.text);
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/settings/lookandfeel', 200, initial.body);
      assert.equal((initial.body as Json).selected, 'global');

      const saved = await site.request('POST', '/wiki/rest/api/settings/lookandfeel/custom?spaceKey=LOOK', {
        json: brandLookAndFeel,
      });
      assert.equal(saved.status, 200, saved.text);
      assertMatchesSpec(
        'cloud-v1-2026',
        'POST',
        '/wiki/rest/api/settings/lookandfeel/custom',
        200,
        saved.body,
      );
      const selected = await site.request('PUT', '/wiki/rest/api/settings/lookandfeel', {
        json: { spaceKey: 'LOOK', lookAndFeelType: 'custom' },
      });
      assert.deepEqual(selected.body, { spaceKey: 'LOOK', lookAndFeelType: 'custom' });

      const read = (await site.request('GET', '/wiki/rest/api/settings/lookandfeel?spaceKey=LOOK'))
        .body as Json;
      assert.equal(read.selected, 'custom');
      assert.deepEqual(read.custom, brandLookAndFeel);
      assert.notDeepEqual(read.global, brandLookAndFeel);

      const reset = await site.request('DELETE', '/wiki/rest/api/settings/lookandfeel/custom?spaceKey=LOOK');
      assert.equal(reset.status, 204);
      const after = (await site.request('GET', '/wiki/rest/api/settings/lookandfeel?spaceKey=LOOK'))
        .body as Json;
      assert.equal(after.selected, 'global');
      assert.deepEqual(after.custom, after.global);
    });

    it('refuses an incomplete look and feel, an unknown type, and a theme the space does not have', async () => {
      const { links: _links, ...withoutLinks } = brandLookAndFeel;
      assertRestError(
        await site.request('POST', '/wiki/rest/api/settings/lookandfeel/custom?spaceKey=LOOK', {
          json: withoutLinks,
        }),
        400,
        /links/,
      );
      assertRestError(
        await site.request('PUT', '/wiki/rest/api/settings/lookandfeel', {
          json: { spaceKey: 'LOOK', lookAndFeelType: 'loud' },
        }),
        400,
      );
      assertRestError(
        await site.request('PUT', '/wiki/rest/api/settings/lookandfeel', {
          json: { lookAndFeelType: 'custom' },
        }),
        400,
      );
      assertRestError(
        await site.request('PUT', '/wiki/rest/api/settings/lookandfeel', {
          json: { spaceKey: 'LOOK', lookAndFeelType: 'theme' },
        }),
        409,
      );
      assertRestError(
        await site.request('POST', '/wiki/rest/api/settings/lookandfeel/custom?spaceKey=LOOK', {
          auth: bob,
          json: brandLookAndFeel,
        }),
        403,
      );
      assert.equal(
        ((await site.request('GET', '/wiki/rest/api/settings/lookandfeel?spaceKey=LOOK')).body as Json)
          .selected,
        'global',
      );
    });
  });

  describe('themes (Cloud)', () => {
    it('lists the themes, reads one, and says no global theme is assigned', async () => {
      const listed = await site.request('GET', '/wiki/rest/api/settings/theme');
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/settings/theme', 200, listed.body);
      const keys = (listed.body as { results: Json[] }).results.map((theme) => theme.themeKey);
      assert.ok(keys.includes('documentation'));
      const one = await site.request('GET', '/wiki/rest/api/settings/theme/documentation');
      assertMatchesSpec('cloud-v1-2026', 'GET', '/wiki/rest/api/settings/theme/{themeKey}', 200, one.body);
      assertRestError(await site.request('GET', '/wiki/rest/api/settings/theme/nope'), 404);
      assertRestError(await site.request('GET', '/wiki/rest/api/settings/theme/selected'), 404);
      const paged = (await site.request('GET', '/wiki/rest/api/settings/theme?limit=1')).body as Json;
      assert.equal((paged.results as Json[]).length, 1);
      assert.ok((paged._links as Json).next);
    });

    it('assigns a theme to a space, which its look and feel may then follow, and resets it', async () => {
      assertRestError(await site.request('GET', '/wiki/rest/api/space/LOOK/theme'), 404);
      const set = await site.request('PUT', '/wiki/rest/api/space/LOOK/theme', {
        json: { themeKey: 'documentation' },
      });
      assert.equal(set.status, 200, set.text);
      assertMatchesSpec('cloud-v1-2026', 'PUT', '/wiki/rest/api/space/{spaceKey}/theme', 200, set.body);
      assert.equal(
        ((await site.request('GET', '/wiki/rest/api/space/LOOK/theme')).body as Json).themeKey,
        'documentation',
      );
      const follows = await site.request('PUT', '/wiki/rest/api/settings/lookandfeel', {
        json: { spaceKey: 'LOOK', lookAndFeelType: 'theme' },
      });
      assert.equal(follows.status, 200, follows.text);

      assert.equal((await site.request('DELETE', '/wiki/rest/api/space/LOOK/theme')).status, 204);
      assertRestError(await site.request('GET', '/wiki/rest/api/space/LOOK/theme'), 404);
      assert.equal(
        ((await site.request('GET', '/wiki/rest/api/settings/lookandfeel?spaceKey=LOOK')).body as Json)
          .selected,
        'global',
      );
    });

    it('refuses an unknown theme with 403, as Cloud does, and a caller who does not administer the space', async () => {
      assertRestError(
        await site.request('PUT', '/wiki/rest/api/space/LOOK/theme', { json: { themeKey: 'neon' } }),
        403,
      );
      assertRestError(
        await site.request('PUT', '/wiki/rest/api/space/LOOK/theme', {
          auth: bob,
          json: { themeKey: 'documentation' },
        }),
        403,
      );
      assertRestError(await site.request('GET', '/wiki/rest/api/space/LOOK/theme'), 404);
    });
  });
});
