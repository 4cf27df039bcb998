import { Type } from 'typebox';
import { FieldsBody, QueryValue, v1QueryOf } from './common.ts';

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });

/** `GET /space`: keys, ids and labels repeat or come comma-separated. */
export const SpaceListQuery = Type.Object({
  ...v1QueryOf('start', 'limit', 'type', 'status', 'favourite', 'favouriteUserKey').properties,
  expand: QueryValue,
  spaceKey: QueryValue,
  spaceKeys: QueryValue,
  spaceId: QueryValue,
  spaceIds: QueryValue,
  label: QueryValue,
});

export const SpaceGetQuery = Type.Object({ expand: QueryValue });

/** `SpaceCreate` / `SpaceUpdate`; `description` is `{plain: {value, representation}}`. */
export const SpaceCreateBody = FieldsBody('key', 'name', 'description', 'permissions', 'metadata');
export const SpaceUpdateBody = FieldsBody('name', 'description', 'homepage', 'type', 'status');
