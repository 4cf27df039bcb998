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
