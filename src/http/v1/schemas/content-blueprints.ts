import { Type } from 'typebox';
import { FieldsBody, v1QueryOf } from './common.ts';

export const DraftParams = Type.Object({ draftId: Type.String() });
export const PublishQuery = v1QueryOf('status', 'expand');

/** The page a blueprint draft is published as, in v1's `Content` shape. */
export const PublishBody = FieldsBody('type', 'title', 'version', 'status', 'space', 'body', 'ancestors');
