import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { nonTextSpaceKey, spaceNameRequired } from '../../domain/space-rules.ts';
import type { CreateSpaceInput } from '../../services/spaces/create-space.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { SpaceCreateBody } from './schemas/spaces.ts';

/** A refused `POST /spaces` body, in the words the route and its use case used before the schema. */
export function spaceCreateBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field, key] = refusedPathOf(errors);
  switch (field) {
    case undefined:
      return badRequest('The body must be a JSON object describing the space');
    case 'key':
    case 'alias':
      return badRequest(nonTextSpaceKey, { field: 'key' });
    case 'name':
      return badRequest(spaceNameRequired, { field });
    case 'description':
      if (key === 'value') return badRequest('description.plain.value must be text', { field });
      if (key === 'representation') {
        return badRequest('Only the plain representation is supported for description', { field });
      }
      return badRequest('description must be an object with value and representation', { field });
    case 'createPrivateSpace':
      return badRequest('createPrivateSpace must be true or false', { field });
    default:
      return badRequest(`${field} is not valid`, { field });
  }
}

/**
 * The creation options that ask for a template or another space's access: Tributary has neither, so rather
 * than quietly give a different space it refuses.
 */
function refuseUnsupportedCreateOptions(body: Static<typeof SpaceCreateBody>): void {
  for (const field of ['copySpaceAccessConfiguration', 'templateKey'] as const) {
    if (body[field] !== undefined && body[field] !== null) {
      throw badRequest(`${field} is not supported`, { field });
    }
  }
}

/** v2's `description` is `{value, representation}` with only `plain` supported (the spec says so). */
function descriptionOf(description: Static<typeof SpaceCreateBody>['description']): string | undefined {
  if (description === undefined || description === null) return undefined;
  const { value, representation } = description;
  if (representation !== undefined && representation !== 'plain') {
    throw badRequest(`Only the plain representation is supported for description, not '${representation}'`, {
      field: 'description',
    });
  }
  return value ?? '';
}

/** The space a `POST /spaces` body asks for; its `roleAssignments` are read by `roleAssignmentEntriesOf`. */
export function createSpaceInputOf(body: Static<typeof SpaceCreateBody>): CreateSpaceInput {
  refuseUnsupportedCreateOptions(body);
  return {
    // Cloud takes the alias when no key is given; here the alias must then be a valid key.
    key: body.key ?? body.alias ?? undefined,
    name: body.name ?? undefined,
    description: descriptionOf(body.description),
    private: body.createPrivateSpace ?? false,
  };
}
