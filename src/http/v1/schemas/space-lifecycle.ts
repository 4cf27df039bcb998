import { Type } from 'typebox';
import { FieldsBody } from './common.ts';

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const UsernameParams = Type.Object({ username: Type.String() });

/** A personal space's description and privacy (`isPrivate` on Cloud, `private` on older clients). */
export const PersonalSpaceBody = FieldsBody('description', 'isPrivate', 'private');

/** Cloud's `SpaceSettingsUpdate`: `routeOverrideEnabled`, and the editor's content mode. */
export const SpaceSettingsBody = FieldsBody('routeOverrideEnabled', 'editor');
