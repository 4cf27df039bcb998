import { Type } from 'typebox';
import { v1QueryOf } from './common.ts';
import { ContentBody } from './content.ts';

export const DraftParams = Type.Object({ draftId: Type.String() });
export const PublishQuery = v1QueryOf('status', 'expand');

/** The page a blueprint draft is published as: v1's `Content`, typed as a create or update sends it. */
export const PublishBody = ContentBody;
