import { Type } from 'typebox';
import { QueryText } from '../../common/schemas.ts';

/**
 * `POST /json/removeattachment.action`: the fields come in the query or a form body (either may be
 * absent, so the form has no schema of its own; `singleField` reads both).
 */
export const RemoveAttachmentQuery = Type.Object({
  pageId: QueryText,
  fileName: QueryText,
  version: QueryText,
});
