import { Type } from 'typebox';
import { v1QueryOf } from './common.ts';

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const ThemeParams = Type.Object({ themeKey: Type.String() });
/** The site's look and feel, or a space's when `spaceKey` names one. */
export const SpaceQuery = v1QueryOf('spaceKey');
export const PagedQuery = v1QueryOf('start', 'limit');
