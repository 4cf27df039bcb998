import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import {
  levelIdRule,
  statusRuleOf,
  writableStatuses,
} from '../../services/classification/classification-rules.ts';
import type { ContentClassificationInput } from '../../services/classification/set-content-classification.ts';
import { schemaRefusal } from '../common/body-refusal.ts';
import type { ContentClassificationBody } from './schemas/classification.ts';

const refusedField = (errors: readonly FastifySchemaValidationError[], field: string) =>
  errors.some((error) => error.instancePath === `/${field}`);

/** A refused content classification body in the use case's words; the status was checked first. */
export function contentClassificationRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  if (refusedField(errors, 'status')) return badRequest(statusRuleOf(writableStatuses), { field: 'status' });
  if (refusedField(errors, 'id')) return badRequest(levelIdRule, { field: 'id' });
  return schemaRefusal(errors);
}

export const contentClassificationOf = (
  body: Static<typeof ContentClassificationBody>,
): ContentClassificationInput => ({ levelId: body.id ?? '', status: body.status ?? '' });
