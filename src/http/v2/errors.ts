import { DomainError, notFound } from '../../domain/errors.ts';
import { type HttpFailure, reasonPhrase } from '../common/error-status.ts';

/** `{"errors":[{status, code, title, detail}]}`, as Cloud v2 sends it (api-reference.md §0.7). */
export function renderV2Error(failure: HttpFailure) {
  const title = reasonPhrase(failure.status);
  return {
    errors: [
      {
        status: failure.status,
        code: title.toUpperCase().replace(/[^A-Z0-9]+/g, '_'),
        title,
        detail: failure.message,
      },
    ],
  };
}

/**
 * v2 deletes answer a missing right as 404: the spec lists no 403 for them, and its 404 names "does not
 * have the needed permissions" (v1 keeps its 403).
 */
export async function deniedAsMissing<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'forbidden')
      throw notFound(error.message, error.details);
    throw error;
  }
}
