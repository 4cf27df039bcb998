import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';

/** `/app/properties/{propertyKey}`. */
export const AppPropertyParams = Type.Object({ propertyKey: Type.String() });

/** `GET /app/properties`. */
export const AppPropertyListQuery = queryOf('cursor', 'limit');

/** `PUT /app/properties/{propertyKey}`: the value itself, any JSON, as the spec's body is. */
export const AppPropertyBody = Type.Unknown({ description: 'the property value: any JSON' });
