import { Type } from 'typebox';

const BodyValue = Type.Object({
  representation: Type.Optional(Type.String()),
  value: Type.Optional(Type.Unknown({ description: 'text, or a JSON document (ADF) kept as its text' })),
});

/**
 * A written body (`ContentBodyInput`): v2's flat `{representation, value}` or v1's `{storage: {value}}`
 * keyed by representation. Both surfaces take both, so both declare this one shape; which
 * representations a use case takes is its rule (`bodyFromInput`).
 */
export const ContentBodySchema = Type.Object({
  ...BodyValue.properties,
  storage: Type.Optional(BodyValue),
  atlas_doc_format: Type.Optional(BodyValue),
  wiki: Type.Optional(BodyValue),
  editor: Type.Optional(BodyValue),
  raw: Type.Optional(BodyValue),
});
