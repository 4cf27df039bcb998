import { Type } from 'typebox';
import { QueryText } from '../../common/schemas.ts';

/** `/download/attachments/{containerId}/{filename}` and the thumbnails beside it. */
export const DownloadParams = Type.Object({ containerId: Type.String(), filename: Type.String() });

/** `cacheVersion` and `api` are cache busters, ignored (api-reference.md §0.6). */
export const DownloadQuery = Type.Object({ version: QueryText, modificationDate: QueryText });
