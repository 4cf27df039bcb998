import { queryOf } from '../../common/schemas.ts';

/** `GET /attachments` and the lists by page, blog post and custom content (`getAttachments`…). */
export const AttachmentListQuery = queryOf('sort', 'cursor', 'status', 'mediaType', 'filename', 'limit');

/** `GET /labels/{id}/attachments`. */
export const LabelledAttachmentListQuery = queryOf('sort', 'cursor', 'limit');

/** `GET /attachments/{id}` (`getAttachmentById`). */
export const SingleAttachmentQuery = queryOf(
  'version',
  'include-labels',
  'include-properties',
  'include-operations',
  'include-versions',
  'include-version',
  'include-collaborators',
);

/** `GET /attachments/{id}/thumbnail/download`: `width` and `height` are checked but change nothing. */
export const ThumbnailQuery = queryOf('version', 'width', 'height');

/** `GET /attachments/{id}/versions`. */
export const AttachmentVersionListQuery = queryOf('cursor', 'limit', 'sort');
