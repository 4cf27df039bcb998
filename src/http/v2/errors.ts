import { DomainError, notFound } from '../../domain/errors.ts';
import { type HttpFailure, reasonPhrase } from '../common/error-status.ts';
import type { Wording } from '../common/error-wording.ts';
import { v1Wording } from '../v1/errors.ts';

/**
 * Cloud v2 words its `detail` as Cloud's v1 does for the same failures: clients that moved from v1 keep
 * matching the phrases they know (api-reference.md §0.7).
 */
export const v2Wording: Wording = v1Wording;

/** `{"errors":[{status, code, title, detail}]}`, as Cloud v2 sends it (api-reference.md §0.7). */
export function renderV2Error(failure: HttpFailure) {
  const title = reasonPhrase(failure.status);
  return {
    errors: [
      {
        status: failure.status,
        code: v2CodeOf(failure.status),
        title,
        detail: failure.message,
      },
    ],
  };
}

/** The `code` of v2's error entries: the status's reason phrase in upper snake case (`NOT_FOUND`). */
export const v2CodeOf = (status: number) =>
  reasonPhrase(status)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');

/**
 * v2 deletes answer a missing right as 404: the spec lists no 403 for them, and its 404 names "does not
 * have the needed permissions" (v1 keeps its 403).
 */
export async function deniedAsMissing<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'permission_denied')
      throw notFound(error.message, error.params);
    throw error;
  }
}
