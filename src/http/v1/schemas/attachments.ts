import { Type } from 'typebox';
import { IdParams } from '../../common/schemas.ts';
import { QueryValue, v1QueryOf } from './common.ts';

export { IdParams as ContainerParams };
export const AttachmentParams = Type.Object({ id: Type.String(), attachmentId: Type.String() });

/** Uploads (multipart, read by `uploadPartsOf`): DC's `allowDuplicated` and what the answer expands. */
export const UploadQuery = v1QueryOf('allowDuplicated', 'expand', 'status');
export const AttachmentListQuery = v1QueryOf('start', 'limit', 'expand', 'filename', 'mediaType');
export const DownloadQuery = Type.Object({ ...v1QueryOf('version').properties, status: QueryValue });
export const ExtractedTextQuery = v1QueryOf('limit');
export const ContentDownloadQuery = v1QueryOf('version');
