import type { FastifyInstance } from 'fastify';
import { defaultColorScheme } from '../../../domain/appearance.ts';
import {
  getColorScheme,
  getColorSchemeType,
  resetColorScheme,
  setColorScheme,
  setColorSchemeType,
} from '../../../services/appearance/color-schemes.ts';
import {
  getLookAndFeelSettings,
  resetCustomLookAndFeel,
  selectLookAndFeel,
  updateCustomLookAndFeel,
} from '../../../services/appearance/look-and-feel.ts';
import {
  getSiteTheme,
  getSpaceTheme,
  getTheme,
  listThemes,
  resetSpaceTheme,
  setSpaceTheme,
} from '../../../services/appearance/themes.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import {
  colorSchemeBodyRefusal,
  colorSchemeChangeOf,
  colorSchemeTypeOf,
  colorSchemeTypeRefusal,
  lookAndFeelOf,
  lookAndFeelRefusal,
  lookAndFeelSelectionOf,
  lookAndFeelSelectionRefusal,
  themeKeyOf,
  themeRefusal,
} from '../appearance-input.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1LookAndFeel, presentV1Theme } from '../present/appearance.ts';
import { joinedValue } from '../query-values.ts';
import {
  ColorSchemeBody,
  ColorSchemeTypeBody,
  LookAndFeelBody,
  LookAndFeelSelectionBody,
  SpaceKeyParams,
  SpaceQuery,
  ThemeBody,
  ThemeParams,
} from '../schemas/appearance.ts';
import { StartLimitQuery } from '../schemas/common.ts';

// The Cloud spec gives theme lists no default; 25 is Cloud v1's usual one.
const themeListRules = { defaultLimit: 25, maxLimit: 100 };

/**
 * Data Center's colour schemes, Cloud's look and feel and themes (services/appearance): how the site and
 * each space look, stored and read back, changed by administrators (a space's by its administrators).
 */
export function v1AppearanceRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/color-scheme/default', async () => defaultColorScheme);
    app.get('/color-scheme', async (request) => getColorScheme(deps, request.principal));
    const colorScheme = {
      schema: { body: ColorSchemeBody },
      schemaErrorFormatter: bodyRefusedAs(colorSchemeBodyRefusal),
    };
    app.put('/color-scheme', colorScheme, async (request) =>
      setColorScheme(deps, request.principal, colorSchemeChangeOf(request.body)),
    );
    app.put('/color-scheme/reset', async (request) => resetColorScheme(deps, request.principal));

    app.get('/space/:spaceKey/color-scheme', { schema: { params: SpaceKeyParams } }, async (request) =>
      getColorScheme(deps, request.principal, request.params.spaceKey),
    );
    app.put(
      '/space/:spaceKey/color-scheme',
      { ...colorScheme, schema: { ...colorScheme.schema, params: SpaceKeyParams } },
      async (request) =>
        setColorScheme(deps, request.principal, colorSchemeChangeOf(request.body), request.params.spaceKey),
    );
    app.put('/space/:spaceKey/color-scheme/reset', { schema: { params: SpaceKeyParams } }, async (request) =>
      resetColorScheme(deps, request.principal, request.params.spaceKey),
    );
    app.get(
      '/space/:spaceKey/color-scheme/type',
      { schema: { params: SpaceKeyParams } },
      async (request) => ({
        type: await getColorSchemeType(deps, request.principal, request.params.spaceKey),
      }),
    );
    app.put(
      '/space/:spaceKey/color-scheme/type',
      {
        schema: { params: SpaceKeyParams, body: ColorSchemeTypeBody },
        schemaErrorFormatter: bodyRefusedAs(colorSchemeTypeRefusal),
      },
      async (request) => ({
        type: await setColorSchemeType(
          deps,
          request.principal,
          request.params.spaceKey,
          colorSchemeTypeOf(request.body),
        ),
      }),
    );

    app.get('/settings/lookandfeel', { schema: { querystring: SpaceQuery } }, async (request) =>
      getLookAndFeelSettings(deps, request.principal, joinedValue(request.query.spaceKey)),
    );
    app.put(
      '/settings/lookandfeel',
      {
        schema: { body: LookAndFeelSelectionBody },
        schemaErrorFormatter: bodyRefusedAs(lookAndFeelSelectionRefusal),
      },
      async (request) => selectLookAndFeel(deps, request.principal, lookAndFeelSelectionOf(request.body)),
    );
    app.post(
      '/settings/lookandfeel/custom',
      {
        schema: { querystring: SpaceQuery, body: LookAndFeelBody },
        schemaErrorFormatter: bodyRefusedAs(lookAndFeelRefusal),
      },
      async (request) => {
        const spaceKey = joinedValue(request.query.spaceKey);
        const lookAndFeel = lookAndFeelOf(request.body);
        const saved = await updateCustomLookAndFeel(deps, request.principal, lookAndFeel, spaceKey);
        return presentV1LookAndFeel(saved, request.surface, spaceKey);
      },
    );
    app.delete(
      '/settings/lookandfeel/custom',
      { schema: { querystring: SpaceQuery } },
      async (request, reply) => {
        await resetCustomLookAndFeel(deps, request.principal, joinedValue(request.query.spaceKey));
        return reply.code(204).send();
      },
    );

    app.get('/settings/theme', { schema: { querystring: StartLimitQuery } }, async (request) => {
      const window = windowOf(request.query, themeListRules);
      return pageOf(request, listThemes(window), window, (theme) => theme);
    });
    app.get('/settings/theme/selected', async (request) =>
      presentV1Theme(await getSiteTheme(deps), request.surface),
    );
    app.get('/settings/theme/:themeKey', { schema: { params: ThemeParams } }, async (request) =>
      presentV1Theme(getTheme(request.params.themeKey), request.surface),
    );

    app.get('/space/:spaceKey/theme', { schema: { params: SpaceKeyParams } }, async (request) =>
      presentV1Theme(await getSpaceTheme(deps, request.principal, request.params.spaceKey), request.surface),
    );
    app.put(
      '/space/:spaceKey/theme',
      {
        schema: { params: SpaceKeyParams, body: ThemeBody },
        schemaErrorFormatter: bodyRefusedAs(themeRefusal),
      },
      async (request) =>
        presentV1Theme(
          await setSpaceTheme(deps, request.principal, request.params.spaceKey, themeKeyOf(request.body)),
          request.surface,
        ),
    );
    app.delete('/space/:spaceKey/theme', { schema: { params: SpaceKeyParams } }, async (request, reply) => {
      await resetSpaceTheme(deps, request.principal, request.params.spaceKey);
      return reply.code(204).send();
    });
  };
}
