import { Type } from 'typebox';
import { QueryValue, v1QueryOf } from './common.ts';

export const ConvertParams = Type.Object({ to: Type.String() });
export const ConversionParams = Type.Object({ id: Type.String() });
export const ContextQuery = v1QueryOf(
  'spaceKeyContext',
  'contentIdContext',
  'expand',
  'embeddedContentRender',
);
/** `ContentBodyCreate`: `{value, representation}`; the conversion use case says which it converts. */
export const ConvertBody = Type.Object({
  value: Type.String(),
  representation: Type.Optional(Type.String()),
});
/**
 * `{conversionInputs: [{to, body, spaceKeyContext, contentIdContext}]}`; the content id comes as a number
 * or its digits.
 */
export const BulkConvertBody = Type.Object({
  conversionInputs: Type.Array(
    Type.Object({
      to: Type.String(),
      body: ConvertBody,
      spaceKeyContext: Type.Optional(Type.String()),
      contentIdContext: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    }),
  ),
});
/** `ids` may repeat or come comma-separated. */
export const ConversionIdsQuery = Type.Object({ ids: QueryValue });
