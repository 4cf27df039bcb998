import { type HttpFailure, reasonPhrase } from '../common/error-status.ts';
import type { Wording } from '../common/error-wording.ts';

/**
 * Confluence's own phrases, as v1, Data Center and the Extender answer them; clients show these to users
 * and some match them (seed 002, api-reference.md §0.7). Sizes are whole MiB, as Confluence prints them.
 */
/** `duplicate_filename`: the exact words clients match to fall back to `/data` (api-reference.md §0.7). */
export const v1Wording: Wording = {
  content_not_found: ({ contentId }) => `No content found with id : ${contentId}`,
  space_not_found: ({ spaceKey }) => `No space with key : ${spaceKey}`,
  duplicate_filename: ({ filename }) =>
    `Cannot add a new attachment with same file name as an existing attachment: ${filename}`,
  file_too_large: ({ maxBytes }) =>
    `File size exceeds maximum allowed size of ${Math.floor(maxBytes / 1024 / 1024)}MB`,
  stale_version: ({ currentVersion }) =>
    `Version must be incremented on update. Current version is: ${currentVersion}`,
  // Cloud's words for a removed v1 endpoint (atlassian-python-api #1560, mcp-atlassian #1598); the pointer
  // to what replaces it follows, as Cloud appends its log referral number.
  operation_removed: ({ replacement }) =>
    `com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed.${replacement ? ` Use ${replacement} instead.` : ''}`,
  // What Confluence Data Center shows for a change refused in its read-only mode (Atlassian KB "This site
  // is read-only when trying to watch or unwatch a page"); docs/operations.md.
  read_only: () => "This site is read-only. You can't make changes right now.",
};

/** Confluence's RestError, as v1 and Data Center send it (api-reference.md §0.7). */
export function renderV1Error(failure: HttpFailure) {
  return {
    statusCode: failure.status,
    data: {
      authorized: failure.status !== 401 && failure.status !== 403,
      valid: failure.status !== 400,
      // False only on the refusal of read-only mode itself, the one thing the mode does not allow.
      allowedInReadOnlyMode: !failure.readOnly,
      errors: [],
      successful: false,
    },
    message: failure.message,
    reason: reasonPhrase(failure.status),
  };
}
