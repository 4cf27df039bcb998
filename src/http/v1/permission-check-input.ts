import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import {
  operationRule,
  type PermissionCheckInput,
  subjectRule,
} from '../../services/permissions/check-content-permission.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { PermissionCheckBody } from './schemas/content-notifications.ts';

/** A refused permission check, in the words the use case used before the schema checked the body. */
export function permissionCheckBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [field] = refusedPathOf(errors);
  return field === 'subject'
    ? badRequest(subjectRule, { field })
    : badRequest(operationRule, { field: 'operation' });
}

export const permissionCheckInputOf = (body: Static<typeof PermissionCheckBody>): PermissionCheckInput => ({
  subject: body?.subject ?? undefined,
  operation: body?.operation ?? undefined,
});
