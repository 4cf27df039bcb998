import { Type } from 'typebox';
import { Maybe, OptionalBody, QueryValue, v1QueryOf } from './common.ts';

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });

/** `GET /space`: keys, ids and labels repeat or come comma-separated. */
export const SpaceListQuery = Type.Object({
  ...v1QueryOf('start', 'limit', 'type', 'status', 'favourite', 'favouriteUserKey').properties,
  expand: QueryValue,
  spaceKey: QueryValue,
  spaceKeys: QueryValue,
  spaceId: QueryValue,
  spaceIds: QueryValue,
  label: QueryValue,
});

export const SpaceGetQuery = Type.Object({ expand: QueryValue });

/** v1's space `description`: `{plain: {value, representation}}`; its `plain.value` is kept. */
export const SpaceDescription = Type.Object({ plain: Maybe(Type.Object({ value: Maybe(Type.String()) })) });
export const SpaceDescriptionBody = Maybe(SpaceDescription);

/** Cloud's `homepage: {id}`, the id a number or a digit string. */
export const HomepageRef = Type.Object({ id: Type.Union([Type.String(), Type.Number()]) });

/** `SpaceCreate`; `permissions` and `metadata` are read by no one here. */
export const SpaceCreateBody = OptionalBody(
  Type.Object({
    key: Maybe(Type.String()),
    name: Maybe(Type.String()),
    description: SpaceDescriptionBody,
    permissions: Type.Optional(Type.Unknown()),
    metadata: Type.Optional(Type.Unknown()),
  }),
);

/** `SpaceUpdate`: the home page's id comes as a number or a digit string; `type` and `status` never change. */
export const SpaceUpdateBody = OptionalBody(
  Type.Object({
    name: Maybe(Type.String()),
    description: SpaceDescriptionBody,
    homepage: Maybe(HomepageRef),
    type: Type.Optional(Type.Unknown()),
    status: Type.Optional(Type.Unknown()),
  }),
);
