import { Type } from 'typebox';
import { FieldsBody, v1QueryOf } from './common.ts';

export const TemplateListQuery = v1QueryOf('start', 'limit', 'spaceKey', 'expand');
export const TemplateParams = Type.Object({ id: Type.String() });
export const ExpandQuery = v1QueryOf('expand');
/** `ContentTemplateCreate` / `ContentTemplateUpdate`; the template use cases check each field. */
export const TemplateBody = FieldsBody(
  'templateId',
  'name',
  'templateType',
  'body',
  'description',
  'labels',
  'space',
);
