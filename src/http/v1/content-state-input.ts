import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import type { ContentStatus } from '../../domain/content.ts';
import { stateColorRule, stateNameRule } from '../../domain/content-state.ts';
import { badRequest } from '../../domain/errors.ts';
import {
  type ContentStateInput,
  stateIdRule,
  stateRequiredRule,
} from '../../services/content-states/set-content-state.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { StateBody } from './schemas/content-states.ts';

/**
 * `status` as the state paths take it: one of `allowed`, `fallback` when absent. A repeated `status` names
 * no one version and is refused like an unknown one.
 */
export function stateStatusOf<S extends ContentStatus>(
  value: string | readonly string[] | undefined,
  allowed: readonly S[],
  fallback: S | undefined,
): S {
  const status = value === undefined ? fallback : allowed.find((candidate) => candidate === value);
  if (status === undefined)
    throw badRequest(`status must be one of ${allowed.join(', ')}`, { field: 'status' });
  return status;
}

/** A refused `PUT /content/{id}/state` body, in the words the use case used before the schema. */
export function stateBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field] = refusedPathOf(errors);
  switch (field) {
    case 'id':
      return badRequest(stateIdRule, { field });
    case 'name':
      return badRequest(stateNameRule, { field });
    case 'color':
      return badRequest(stateColorRule, { field });
    default:
      return badRequest(stateRequiredRule);
  }
}

/** The state a body names: by id (a null id is none), or by name and colour. */
export const contentStateInputOf = (body: Static<typeof StateBody>): ContentStateInput => ({
  id: body?.id ?? undefined,
  name: body?.name,
  color: body?.color,
});
