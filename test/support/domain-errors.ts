import assert from 'node:assert/strict';
import { DomainError, type ErrorCode, isDomainError } from '../../src/domain/errors.ts';

// The one place tests know how refusals are classified (by code), for `assert.throws` and outcome sorting.
export { isDomainError };

/**
 * Asserts that the promise (or the call) is refused with a DomainError of this code, and returns the
 * error for a look at its parameters.
 */
export async function rejectsWithDomainError<Code extends ErrorCode>(
  refused: Promise<unknown> | (() => unknown),
  code: Code,
): Promise<DomainError<Code>> {
  let caught: unknown;
  try {
    await (typeof refused === 'function' ? refused() : refused);
  } catch (error) {
    caught = error;
  }
  assert.ok(
    isDomainError(caught, code),
    `expected a DomainError (${code}), got ${caught instanceof DomainError ? `${caught.code}: ${caught.message}` : String(caught)}`,
  );
  return caught;
}
