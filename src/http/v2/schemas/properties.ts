import { Type } from 'typebox';
import { queryOf } from '../../common/schemas.ts';
import { PropertyFields } from '../../v1/schemas/properties.ts';

/** `…/{id}/properties/{property-id}` of content and spaces. */
export const PropertyParams = Type.Object({ id: Type.String(), propertyId: Type.String() });

/** `GET …/{id}/properties`: spaces take no `sort`, and ignore it as any other unknown parameter. */
export const PropertyListQuery = queryOf('key', 'sort', 'cursor', 'limit');

/** `POST` and `PUT …/properties[/{property-id}]`. */
export const PropertyBody = Type.Object(PropertyFields);
