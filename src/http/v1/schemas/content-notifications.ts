import { Type } from 'typebox';
import { IdParams } from '../../common/schemas.ts';
import { Maybe, OptionalBody, PagedQuery } from './common.ts';

export { IdParams, PagedQuery };

/** Cloud's `ContentPermissionRequest`: `{subject: {type, identifier}, operation}`. */
export const PermissionCheckBody = OptionalBody(
  Type.Object({
    subject: Maybe(
      Type.Object({ type: Type.Optional(Type.String()), identifier: Type.Optional(Type.String()) }),
    ),
    operation: Maybe(Type.String()),
  }),
);
