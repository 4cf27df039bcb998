import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import { type UserProperty, userPropertyValueRefusal } from '../../domain/user-property.ts';
import type { UserPropertyBody } from './schemas/user-properties.ts';

/** Any refused body is a value that is no JSON object, in the words the use case gives an empty one. */
export const userPropertyBodyRefusal = () => badRequest(userPropertyValueRefusal, { field: 'value' });

/**
 * No body, or no value, reads as an empty value, which the use case refuses after checking the key, as
 * it did when it read the whole body.
 */
export const userPropertyValueOf = (body: Static<typeof UserPropertyBody>): UserProperty['value'] =>
  body?.value ?? {};
