import { Type } from 'typebox';
import { QueryText } from '../../common/schemas.ts';

/** `/download/attachments/{containerId}/{filename}` and the thumbnails beside it. */
export const DownloadParams = Type.Object({ containerId: Type.String(), filename: Type.String() });

/**
 * `cacheVersion` and `api` are cache busters, ignored (api-reference.md §0.6). `preview=true` (ours, for
 * the attachments screen) asks for the file shown in the browser, honoured only for kinds that cannot run
 * script (`send-attachment.ts`).
 */
export const DownloadQuery = Type.Object({
  version: QueryText,
  modificationDate: QueryText,
  preview: QueryText,
});
