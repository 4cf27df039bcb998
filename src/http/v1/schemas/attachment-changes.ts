import { Type } from 'typebox';
import { FieldsBody, QueryValue } from './common.ts';

export { AttachmentParams } from './attachments.ts';
export const AttachmentVersionParams = Type.Object({
  id: Type.String(),
  attachmentId: Type.String(),
  version: Type.String(),
});

/** The attachment as `PUT` sends it back: checked against the path, with the title and metadata to change. */
export const AttachmentUpdateBody = FieldsBody(
  'id',
  'type',
  'status',
  'title',
  'version',
  'metadata',
  'container',
);

/** DC's move: a form-like POST whose fields travel in the query. */
export const MoveQuery = Type.Object({ newContentId: QueryValue, newName: QueryValue });
