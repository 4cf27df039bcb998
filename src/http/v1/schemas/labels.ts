import { Type } from 'typebox';
import { badRequest } from '../../../domain/errors.ts';
import { v1QueryOf } from './common.ts';

export const ContentIdParams = Type.Object({ id: Type.String() });
export const ContentLabelParams = Type.Object({ id: Type.String(), label: Type.String() });
export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const SpaceCategoryParams = Type.Object({ spaceKey: Type.String(), labelName: Type.String() });
export const SpaceCategoryNameParams = Type.Object({ spaceKey: Type.String(), categoryName: Type.String() });
export const SpaceLabelUsageParams = Type.Object({
  spaceKey: Type.String(),
  labelName: Type.Optional(Type.String()),
});
export const LabelNameParams = Type.Object({ labelName: Type.Optional(Type.String()) });

export const LabelListQuery = v1QueryOf('start', 'limit', 'prefix');
export const LabelRemoveQuery = v1QueryOf('name', 'prefix');
/** DC's `GET /label/labels`; `spaceKey` may repeat, as on every v1 path. */
export const LabelsQuery = v1QueryOf('start', 'limit', 'labelName', 'owner', 'namespace', 'spaceKey');
/** Cloud's `GET /label`: one label by name and what carries it, of one content `type`. */
export const LabelDetailsQuery = v1QueryOf('start', 'limit', 'name', 'type');

/** A label: `{"prefix": "global", "name": "…"}`; the use case checks both. */
const Label = Type.Object({ prefix: Type.Optional(Type.Unknown()), name: Type.Optional(Type.Unknown()) });

/** One label, or a list of labels or bare names. */
export const LabelsBody = Type.Union([Type.Array(Type.Union([Type.String(), Label])), Label]);

export const labelsBodyRefusal = () =>
  badRequest('The body must be a label {"prefix","name"} or a list of them, each an object with a name', {
    field: 'name',
  });
