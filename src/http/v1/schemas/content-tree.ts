import { Type } from 'typebox';
import { IdParams } from '../../common/schemas.ts';
import { FieldsBody, Maybe, OptionalBody, v1QueryOf } from './common.ts';

export { IdParams };

export const ChildTypeParams = Type.Object({ id: Type.String(), type: Type.String() });
/** A content's children or descendants; comments may be narrowed by `location` (which may repeat). */
export const ChildQuery = v1QueryOf('start', 'limit', 'expand', 'depth', 'location', 'parentVersion');
export const ConvertParams = Type.Object({ to: Type.String() });
/** `ContentBodyCreate`: the `value` to convert and the `representation` it is in. */
export const ConvertBody = FieldsBody('value', 'representation');

export const VersionParams = Type.Object({ id: Type.String(), versionNumber: Type.String() });
export const VersionListQuery = v1QueryOf('start', 'limit', 'expand');
/** `VersionRestore`: `{"operationKey": "restore", "params": {versionNumber, message, restoreTitle}}`. */
export const VersionRestoreBody = OptionalBody(
  Type.Object({
    operationKey: Maybe(Type.String()),
    params: Maybe(
      Type.Object({
        versionNumber: Type.Optional(Type.Number()),
        message: Maybe(Type.String()),
        restoreTitle: Maybe(Type.Boolean()),
      }),
    ),
  }),
);

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const SpaceTypeParams = Type.Object({ spaceKey: Type.String(), type: Type.String() });
export const SpaceContentQuery = v1QueryOf('start', 'limit', 'expand', 'depth');

export const MoveParams = Type.Object({
  pageId: Type.String(),
  position: Type.String(),
  targetId: Type.String(),
});
const StorageValue = Maybe(Type.Object({ value: Maybe(Type.String()) }));

/** `CopyPageRequest`: the destination, the copy's title and body, and what it takes along. */
export const CopyPageBody = OptionalBody(
  Type.Object({
    destination: Maybe(
      Type.Object({ type: Type.Optional(Type.String()), value: Type.Optional(Type.String()) }),
    ),
    copyAttachments: Maybe(Type.Boolean()),
    copyPermissions: Maybe(Type.Boolean()),
    copyProperties: Maybe(Type.Boolean()),
    copyLabels: Maybe(Type.Boolean()),
    pageTitle: Type.Optional(Type.String()),
    body: Maybe(Type.Object({ storage: StorageValue, editor2: StorageValue })),
  }),
);

/** `CopyPageHierarchyRequest`: the destination page, what to copy along, and how titles change. */
export const CopyHierarchyBody = OptionalBody(
  Type.Object({
    destinationPageId: Maybe(Type.String()),
    copyAttachments: Maybe(Type.Boolean()),
    copyPermissions: Maybe(Type.Boolean()),
    copyProperties: Maybe(Type.Boolean()),
    copyLabels: Maybe(Type.Boolean()),
    copyDescendants: Maybe(Type.Boolean()),
    titleOptions: Maybe(
      Type.Object({
        prefix: Type.Optional(Type.String()),
        search: Type.Optional(Type.String()),
        replace: Type.Optional(Type.String()),
      }),
    ),
  }),
);
/** Cloud's archive request: `{"pages": [{"id": …}]}`, each id a number or its digits. */
export const ArchiveBody = OptionalBody(
  Type.Object({
    pages: Maybe(
      Type.Array(Type.Object({ id: Type.Union([Type.Number(), Type.String({ pattern: '^\\d{1,15}$' })]) })),
    ),
  }),
);
