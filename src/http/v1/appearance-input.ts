import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import {
  type ColorSchemeChange,
  type ColorSchemeType,
  checkColorSchemeType,
  checkColors,
  checkLookAndFeel,
  checkLookAndFeelType,
  colorSchemeModels,
  colorSchemeTypeRefused,
  type LookAndFeel,
} from '../../domain/appearance.ts';
import { badRequest } from '../../domain/errors.ts';
import type { LookAndFeelSelection } from '../../services/appearance/look-and-feel.ts';
import { unknownThemeKey } from '../../services/appearance/themes.ts';
import type {
  ColorSchemeBody,
  ColorSchemeTypeBody,
  LookAndFeelBody,
  LookAndFeelSelectionBody,
  ThemeBody,
} from './schemas/appearance.ts';

/**
 * The appearance bodies (routes/appearance.ts) read into what the use cases take, refused in the words
 * the use cases used when they read the bodies themselves.
 */

/** A colour scheme body that is no object, or whose model is no object of colours. */
export function colorSchemeBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const model = colorSchemeModels.find((name) =>
    errors.some((error) => error.instancePath.startsWith(`/${name}`)),
  );
  if (model) return badRequest(`${model} must be an object of colours`);
  return badRequest(
    'The colour scheme must be an object with colorSchemeModelLight and colorSchemeModelDark',
  );
}

export function colorSchemeChangeOf(body: Static<typeof ColorSchemeBody>): ColorSchemeChange {
  const unknownKeys = Object.keys(body).filter(
    (key) => !(colorSchemeModels as readonly string[]).includes(key),
  );
  if (unknownKeys.length > 0) throw badRequest(`Unknown colour scheme field: ${unknownKeys[0]}`);
  const change: ColorSchemeChange = {};
  for (const model of colorSchemeModels) {
    const colors = body[model];
    if (colors !== undefined && colors !== null) change[model] = checkColors(colors, model);
  }
  return change;
}

export const colorSchemeTypeRefusal = colorSchemeTypeRefused;

export const colorSchemeTypeOf = (body: Static<typeof ColorSchemeTypeBody>): ColorSchemeType =>
  checkColorSchemeType(body?.type);

export const lookAndFeelSelectionRefusal = () => badRequest('spaceKey is required');

export function lookAndFeelSelectionOf(body: Static<typeof LookAndFeelSelectionBody>): LookAndFeelSelection {
  const spaceKey = body?.spaceKey;
  if (typeof spaceKey !== 'string' || spaceKey === '') throw badRequest('spaceKey is required');
  return { spaceKey, lookAndFeelType: checkLookAndFeelType(body?.lookAndFeelType) };
}

export const lookAndFeelRefusal = () => badRequest('The look and feel must be an object');

export const lookAndFeelOf = (body: Static<typeof LookAndFeelBody>): LookAndFeel => checkLookAndFeel(body);

/** No theme key, or one that is no string, is an unknown theme (403), as an unknown key is. */
export const themeRefusal = () => unknownThemeKey(undefined);

export function themeKeyOf(body: Static<typeof ThemeBody>): string {
  const themeKey = body?.themeKey;
  if (typeof themeKey !== 'string') throw unknownThemeKey(themeKey);
  return themeKey;
}
