import type { FastifySchemaValidationError } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../../domain/errors.ts';
import { contentModes } from '../../../domain/space-settings.ts';
import { refusedPathOf } from '../../common/body-refusal.ts';
import { Maybe, OptionalBody } from './common.ts';
import { SpaceDescriptionBody } from './spaces.ts';

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const UsernameParams = Type.Object({ username: Type.String() });

/** A personal space's description and privacy (`isPrivate` on Cloud, `private` on older clients). */
export const PersonalSpaceBody = OptionalBody(
  Type.Object({
    description: SpaceDescriptionBody,
    isPrivate: Maybe(Type.Boolean()),
    private: Maybe(Type.Boolean()),
  }),
);

/** Cloud's `SpaceSettingsUpdate`: `routeOverrideEnabled`, and the content mode (null for the default). */
export const SpaceSettingsBody = Type.Object(
  {
    routeOverrideEnabled: Type.Optional(Type.Boolean()),
    contentMode: Type.Optional(Type.Union([...contentModes.map((mode) => Type.Literal(mode)), Type.Null()])),
  },
  // A field Tributary does not keep is refused rather than silently dropped.
  { additionalProperties: false },
);

/** A refused settings body, in the words clients saw before the schema checked it. */
export function spaceSettingsBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field] = refusedPathOf(errors);
  switch (field) {
    case undefined:
      return badRequest('The body must be an object of space settings');
    case 'routeOverrideEnabled':
      return badRequest('routeOverrideEnabled must be true or false', { field });
    case 'contentMode':
      return badRequest(`contentMode must be one of ${contentModes.join(', ')} or null`, { field });
    default:
      return badRequest(`Space settings have no field '${field}'`, { field });
  }
}
