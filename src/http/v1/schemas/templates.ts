import { Type } from 'typebox';
import { Maybe, OptionalBody, v1QueryOf } from './common.ts';

export const TemplateListQuery = v1QueryOf('start', 'limit', 'spaceKey', 'expand');
export const TemplateParams = Type.Object({ id: Type.String() });
/**
 * `ContentTemplateCreate` / `ContentTemplateUpdate`. The body (`{storage: {value, representation}}` or
 * `{representation, value}`) is read by the domain's `bodyFromInput`; the use cases check the values.
 */
export const TemplateBody = OptionalBody(
  Type.Object({
    templateId: Maybe(Type.String()),
    name: Maybe(Type.String()),
    templateType: Maybe(Type.String()),
    body: Maybe(Type.Record(Type.String(), Type.Unknown())),
    description: Maybe(Type.String()),
    labels: Type.Optional(
      Type.Array(Type.Object({ prefix: Type.Optional(Type.String()), name: Type.String() })),
    ),
    space: Maybe(Type.Object({ key: Maybe(Type.String()) })),
  }),
);
