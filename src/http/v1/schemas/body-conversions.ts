import { Type } from 'typebox';
import { FieldsBody, QueryValue, v1QueryOf } from './common.ts';

export const ConvertParams = Type.Object({ to: Type.String() });
export const ConversionParams = Type.Object({ id: Type.String() });
export const ContextQuery = v1QueryOf(
  'spaceKeyContext',
  'contentIdContext',
  'expand',
  'embeddedContentRender',
);
/** `ContentBodyCreate`: `{value, representation}`, checked by the conversion use case. */
export const ConvertBody = FieldsBody('value', 'representation');
/** `{conversionInputs: [{to, body, spaceKeyContext, contentIdContext}]}`. */
export const BulkConvertBody = FieldsBody('conversionInputs');
/** `ids` may repeat or come comma-separated. */
export const ConversionIdsQuery = Type.Object({ ids: QueryValue });
