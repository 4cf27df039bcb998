import { IdParams } from '../../common/schemas.ts';
import { FieldsBody, PagedQuery } from './common.ts';

export { IdParams, PagedQuery };

/** Cloud's `ContentPermissionRequest`: `{subject: {type, identifier}, operation}`. */
export const PermissionCheckBody = FieldsBody('subject', 'operation');
