import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { displayNameRule, emailRule, passwordRule, usernameRule } from '../../domain/user-rules.ts';
import type { CreateUserInput } from '../../services/users/create-user.ts';
import type { OwnDetailsChanges } from '../../services/users/update-own-details.ts';
import type { UserDetailsChanges } from '../../services/users/update-user.ts';
import { refusedPathOf, schemaRefusal } from '../common/body-refusal.ts';
import type { PasswordBody, UserCreateBody, UserUpdateBody } from './schemas/admin.ts';
import type { OwnDetailsBody, PasswordChangeBody } from './schemas/users.ts';

/** Each user field's rule, worded as the use cases word it, keyed by the body field a client sends. */
const fieldRules: Record<string, readonly [rule: string, field: string]> = {
  userName: [usernameRule, 'username'],
  fullName: [displayNameRule, 'displayName'],
  email: [emailRule, 'email'],
  password: [passwordRule, 'password'],
  newPassword: [passwordRule, 'password'],
};

/**
 * A refused user body in the words its use case used before the schema typed it; a body that is no
 * object keeps the schema's wording, as it had.
 */
export function userBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const [name] = refusedPathOf(errors);
  const known = name === undefined ? undefined : fieldRules[name];
  if (known) return badRequest(known[0], { field: known[1] });
  return schemaRefusal(errors);
}

export const createUserInputOf = (body: Static<typeof UserCreateBody>): CreateUserInput => ({
  username: body?.userName ?? '',
  displayName: body?.fullName ?? undefined,
  email: body?.email,
  password: body?.password,
});

export const userDetailsChangesOf = (body: Static<typeof UserUpdateBody>): UserDetailsChanges => ({
  displayName: body?.fullName,
  email: body?.email,
});

// DC ignores a current password that is no string, as if none were sent.
const passwordOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const ownDetailsChangesOf = (body: Static<typeof OwnDetailsBody>): OwnDetailsChanges => ({
  fullName: body?.fullName,
  email: body?.email,
  currentPassword: passwordOf(body?.currentPassword),
});

/** An old password that is no string is a wrong one (403), as it was before the schema. */
export const passwordChangeOf = (body: Static<typeof PasswordChangeBody>) => ({
  oldPassword: passwordOf(body?.oldPassword),
  newPassword: body?.newPassword ?? '',
});

export const newPasswordOf = (body: Static<typeof PasswordBody>): string => body?.password ?? '';
