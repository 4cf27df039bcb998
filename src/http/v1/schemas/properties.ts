import { Type } from 'typebox';
import { Maybe, OptionalBody, v1QueryOf } from './common.ts';

/** The owner of content properties: `/content/{id}`. */
export const ContentParams = Type.Object({ id: Type.String() });
export const ContentPropertyParams = Type.Object({ id: Type.String(), key: Type.String() });

/** The owner of space properties: `/space/{spaceKey}`. */
export const SpaceParams = Type.Object({ spaceKey: Type.String() });
export const SpacePropertyParams = Type.Object({ spaceKey: Type.String(), key: Type.String() });

/** `GET …/property`: content properties take `key=` (which may repeat) to list only some; spaces ignore it. */
export const PropertyListQuery = v1QueryOf('start', 'limit', 'expand', 'key');

/** A property's fields, v1 and v2: its key, its value (any JSON) and, on an update, the next version. */
export const PropertyFields = {
  key: Type.Optional(Type.String({ description: 'the property key: 1 to 255 characters' })),
  value: Type.Optional(Type.Unknown({ description: 'any JSON value' })),
  version: Type.Optional(
    Type.Object(
      {
        number: Type.Optional(Type.Number()),
        message: Maybe(Type.String()),
        minorEdit: Maybe(Type.Boolean()),
      },
      { description: '{ number: the current version number plus one, message?, minorEdit? } (updates only)' },
    ),
  ),
};

/** `POST …/property`: the key and value of a new property. */
export const NewPropertyBody = OptionalBody(
  Type.Object({ key: PropertyFields.key, value: PropertyFields.value }),
);

/** `POST …/property/{key}`: the value; the key is the path's. */
export const PropertyValueBody = OptionalBody(Type.Object({ value: PropertyFields.value }));

/** `PUT …/property/{key}`: the value and the next version; a key, if sent, must be the path's. */
export const PropertyUpdateBody = OptionalBody(Type.Object(PropertyFields));
