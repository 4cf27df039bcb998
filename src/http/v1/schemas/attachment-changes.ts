import { Type } from 'typebox';
import { Maybe, OptionalBody, QueryValue } from './common.ts';
import { AttachmentMetadata, IdRef } from './content.ts';

export { AttachmentParams } from './attachments.ts';
export const AttachmentVersionParams = Type.Object({
  id: Type.String(),
  attachmentId: Type.String(),
  version: Type.String(),
});

/** The attachment as `PUT` sends it back: checked against the path, with the title and metadata to change. */
export const AttachmentUpdateBody = OptionalBody(
  Type.Object({
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    type: Type.Optional(Type.String()),
    status: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    version: Maybe(Type.Object({ number: Type.Optional(Type.Number()) })),
    metadata: AttachmentMetadata,
    container: Maybe(IdRef),
  }),
);

/** DC's move: a form-like POST whose fields travel in the query. */
export const MoveQuery = Type.Object({ newContentId: QueryValue, newName: QueryValue });
