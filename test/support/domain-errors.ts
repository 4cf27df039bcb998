import assert from 'node:assert/strict';
import { DomainError, type ErrorKind } from '../../src/domain/errors.ts';

/**
 * Asserts that the promise (or the call) is refused with a DomainError of this kind, and returns the
 * error for a look at its details. The one place tests know how refusals are classified, so that a
 * change to how DomainError names them changes only this helper.
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
  assert.ok(caught instanceof DomainError, `expected a DomainError (${kind}), got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  return caught;
}
