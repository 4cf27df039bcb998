import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import {
  propertyKeyRule,
  propertyMinorEditRule,
  propertyVersionMessageRule,
  propertyVersionNumberRule,
} from '../../domain/property.ts';
import type { NewPropertyInput } from '../../services/properties/create-property.ts';
import type { PropertyUpdateInput } from '../../services/properties/update-property.ts';
import { refusedPathOf, schemaRefusal } from '../common/body-refusal.ts';
import type { NewPropertyBody, PropertyUpdateBody } from './schemas/properties.ts';

/**
 * A refused property body (v1 and v2) in the words the property rules had for each field before the
 * schema typed it; a body that is no object keeps the schema's wording.
 */
export function propertyBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field, part] = refusedPathOf(errors);
  if (field === 'key') return badRequest(propertyKeyRule, { field });
  if (field !== 'version') return schemaRefusal(errors);
  if (part === 'message') return badRequest(propertyVersionMessageRule, { field: 'version.message' });
  if (part === 'minorEdit') return badRequest(propertyMinorEditRule, { field: 'version.minorEdit' });
  return badRequest(propertyVersionNumberRule, { field });
}

/** A missing key reads as an empty one, which the property rules refuse as missing. */
export const newPropertyOf = (body: Static<typeof NewPropertyBody>): NewPropertyInput => ({
  key: body?.key ?? '',
  value: body?.value,
});

export const propertyUpdateOf = (body: Static<typeof PropertyUpdateBody>): PropertyUpdateInput => ({
  key: body?.key,
  value: body?.value,
  version: body?.version,
});
