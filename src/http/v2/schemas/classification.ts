import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';
import { BodyField, BodyOf } from './common.ts';

/** `GET /{pages,blogposts,whiteboards,databases}/{id}/classification-level`. */
export const ClassificationQuery = queryOf('status');

/** `PUT /spaces/{id}/classification-level/default`. */
export const SpaceClassificationBody = BodyOf({
  id: BodyField('the classification level'),
  status: BodyField('published'),
});

/** `PUT /{type}/{id}/classification-level`. */
export const ContentClassificationBody = Type.Object({
  id: Type.Optional(Type.String({ description: 'the classification level' })),
  status: Type.Optional(Type.String({ description: 'current or draft: the version it applies to' })),
});

/** `POST /{type}/{id}/classification-level/reset`. */
export const ClassificationResetBody = BodyOf({ status: BodyField('current or draft') });
