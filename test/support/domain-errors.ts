import assert from 'node:assert/strict';
import { DomainError, type ErrorKind } from '../../src/domain/errors.ts';

// The one place tests know how refusals are classified, so that a change to how DomainError names them
// (kinds today) changes only this module.

/** Whether `error` is a DomainError of this kind: for `assert.throws` and for code that sorts outcomes. */
export function isDomainError(error: unknown, kind: ErrorKind): error is DomainError {
  return error instanceof DomainError && error.kind === kind;
}

/**
 * Asserts that the promise (or the call) is refused with a DomainError of this kind, and returns the
 * error for a look at its details.
 */
export async function rejectsWithDomainError(
  refused: Promise<unknown> | (() => unknown),
  kind: ErrorKind,
): Promise<DomainError> {
  let caught: unknown;
  try {
    await (typeof refused === 'function' ? refused() : refused);
  } catch (error) {
    caught = error;
  }
  assert.ok(
    isDomainError(caught, kind),
    `expected a DomainError (${kind}), got ${caught instanceof DomainError ? `${caught.kind}: ${caught.message}` : String(caught)}`,
  );
  return caught;
}
