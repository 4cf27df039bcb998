import { Type } from 'typebox';
import { QueryText } from '../../common/schemas.ts';

/** `GET /content/attachment/{id}/versions` (api-reference.md §6): the plugin's own paging names. */
export const VersionPageQuery = Type.Object({ startAt: QueryText, maxResults: QueryText });

/** `DELETE /content/attachment/{id}/delete/{version}`. */
export const AttachmentVersionParams = Type.Object({ id: Type.String(), version: Type.String() });
