import { type HttpFailure, reasonPhrase } from '../common/error-status.ts';

/** Confluence's RestError, as v1 and Data Center send it (api-reference.md §0.7). */
export function renderV1Error(failure: HttpFailure) {
  return {
    statusCode: failure.status,
    data: {
      authorized: failure.status !== 401 && failure.status !== 403,
      valid: failure.status !== 400,
      allowedInReadOnlyMode: true,
      errors: [],
      successful: false,
    },
    message: failure.message,
    reason: reasonPhrase(failure.status),
  };
}
