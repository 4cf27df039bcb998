import { Type } from 'typebox';
import { JsonObjectBody } from '../../common/schemas.ts';
import { FieldsBody, Maybe, v1QueryOf } from './common.ts';

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const ThemeParams = Type.Object({ themeKey: Type.String() });
/** The site's look and feel, or a space's when `spaceKey` names one. */
export const SpaceQuery = v1QueryOf('spaceKey');

const Colors = Maybe(Type.Record(Type.String(), Type.Unknown()));

/**
 * `PUT …/color-scheme`: the colours to change, model by model. Other fields are kept for the reader,
 * which names the first in Confluence's words.
 */
export const ColorSchemeBody = Type.Object({ colorSchemeModelLight: Colors, colorSchemeModelDark: Colors });

/** `PUT /space/{key}/color-scheme/type`: `{type: global | custom}`. */
export const ColorSchemeTypeBody = FieldsBody('type');

/** `PUT /settings/lookandfeel`: `{spaceKey, lookAndFeelType: global | custom | theme}`. */
export const LookAndFeelSelectionBody = FieldsBody('spaceKey', 'lookAndFeelType');

/** `POST /settings/lookandfeel/custom`: Cloud's `LookAndFeel`, its sections checked by the reader. */
export const LookAndFeelBody = JsonObjectBody;

/** `PUT /space/{key}/theme`: `{themeKey}`. */
export const ThemeBody = FieldsBody('themeKey');
