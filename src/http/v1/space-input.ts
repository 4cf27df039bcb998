import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { nonTextSpaceKey, spaceNameRequired } from '../../domain/space-rules.ts';
import type { PersonalSpaceInput } from '../../services/spaces/create-personal-space.ts';
import type { CreateSpaceInput } from '../../services/spaces/create-space.ts';
import type { UpdateSpaceInput } from '../../services/spaces/update-space.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { PersonalSpaceBody } from './schemas/space-lifecycle.ts';
import type { HomepageRef, SpaceCreateBody, SpaceDescription, SpaceUpdateBody } from './schemas/spaces.ts';

/** A refused space body, in the words the space use cases used before the schema checked it. */
export function spaceBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const path = refusedPathOf(errors);
  const [field] = path;
  switch (field) {
    case undefined:
      return badRequest('The body must be a JSON object describing the space');
    case 'key':
      return badRequest(nonTextSpaceKey, { field });
    case 'name':
      return badRequest(spaceNameRequired, { field });
    case 'description':
      return path[2] === 'value'
        ? badRequest('description.plain.value must be text', { field })
        : badRequest('description must be an object with plain.value', { field });
    case 'homepage':
      return badRequest('homepage must be an object with the id of a page', { field });
    case 'isPrivate':
    case 'private':
      return badRequest('isPrivate must be true or false', { field: 'isPrivate' });
    default:
      return badRequest(`${field} is not valid`, { field });
  }
}

/** The plain text of v1's `description`; undefined when the client sent none. */
export function descriptionOf(
  description: Static<typeof SpaceDescription> | null | undefined,
): string | undefined {
  const plain = description?.plain;
  if (plain === undefined || plain === null) return undefined;
  return plain.value ?? '';
}

function homepageIdOf(homepage: Static<typeof HomepageRef> | null | undefined): number | undefined {
  if (homepage === undefined || homepage === null) return undefined;
  const text = String(homepage.id);
  if (!/^\d{1,15}$/.test(text)) {
    throw badRequest('homepage must be an object with the id of a page', { field: 'homepage' });
  }
  return Number(text);
}

export const createSpaceInputOf = (
  body: Static<typeof SpaceCreateBody>,
  isPrivate: boolean,
): CreateSpaceInput => ({
  key: body?.key ?? undefined,
  name: body?.name ?? undefined,
  description: descriptionOf(body?.description),
  private: isPrivate,
});

export const updateSpaceInputOf = (body: Static<typeof SpaceUpdateBody>): UpdateSpaceInput => ({
  name: body?.name ?? undefined,
  description: descriptionOf(body?.description),
  homepageId: homepageIdOf(body?.homepage),
});

export const personalSpaceInputOf = (body: Static<typeof PersonalSpaceBody>): PersonalSpaceInput => ({
  description: descriptionOf(body?.description),
  isPrivate: body?.isPrivate ?? undefined,
  private: body?.private ?? undefined,
});
