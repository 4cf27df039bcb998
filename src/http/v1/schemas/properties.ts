import { Type } from 'typebox';
import { FieldsBody, v1QueryOf } from './common.ts';

/** The owner of content properties: `/content/{id}`. */
export const ContentParams = Type.Object({ id: Type.String() });
export const ContentPropertyParams = Type.Object({ id: Type.String(), key: Type.String() });

/** The owner of space properties: `/space/{spaceKey}`. */
export const SpaceParams = Type.Object({ spaceKey: Type.String() });
export const SpacePropertyParams = Type.Object({ spaceKey: Type.String(), key: Type.String() });

/** `GET …/property`: content properties take `key=` (which may repeat) to list only some; spaces ignore it. */
export const PropertyListQuery = v1QueryOf('start', 'limit', 'expand', 'key');

/** Every other property route answers with the property, expanded as asked. */
export const PropertyQuery = v1QueryOf('expand');

/** `POST …/property`: the key and value of a new property. */
export const NewPropertyBody = FieldsBody('key', 'value');

/** `POST …/property/{key}`: the value; the key is the path's. */
export const PropertyValueBody = FieldsBody('value');

/** `PUT …/property/{key}`: the value and the next version; a key, if sent, must be the path's. */
export const PropertyUpdateBody = FieldsBody('key', 'value', 'version');
