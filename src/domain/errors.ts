/**
 * The one family of errors that services, the domain and adapters throw: a stable code with its
 * parameters. Nothing below the HTTP edge knows a status code or how Confluence words a failure: the
 * edge derives the status from the code (http/common/error-status.ts) and each surface words the codes
 * its clients match (http/v1/errors.ts, http/v2/errors.ts). docs/errors.md is generated from this
 * catalogue and checked against it by test/errors-doc.test.ts.
 */

/** Parameters of the general codes: the thrower's own explanation, plus what a presenter may use. */
export interface Explained {
  readonly detail: string;
  readonly [name: string]: unknown;
}

export interface ErrorParams {
  invalid_request: Explained;
  not_signed_in: Explained;
  permission_denied: Explained;
  not_found: Explained;
  method_not_allowed: Explained;
  state_conflict: Explained;
  body_too_large: Explained;
  media_type_refused: Explained;
  dependency_unavailable: Explained;
  content_not_found: { readonly contentId: string | number };
  space_not_found: { readonly spaceKey: string };
  duplicate_filename: { readonly filename: string };
  file_too_large: { readonly maxBytes: number };
  stale_version: { readonly currentVersion: number };
  too_many_sign_in_attempts: { readonly retryAfterSeconds: number };
  operation_removed: { readonly operation: string; readonly replacement?: string };
  rate_limited: { readonly retryAfterSeconds: number };
  storage_full: { readonly store: StorageKind };
  read_only: { readonly reason: ReadOnlyReason };
}

/** Where a change is kept: the attachment bytes, or the metadata database. */
export type StorageKind = 'blobs' | 'database';
/** Why writes are refused: the site's maintenance setting, or a store that cannot be written. */
export type ReadOnlyReason = 'maintenance' | 'store';

export type ErrorCode = keyof ErrorParams;

interface CatalogueEntry<Code extends ErrorCode> {
  /** When it is thrown; the docs table's "when" column. */
  readonly when: string;
  /** The neutral English message, used wherever no surface words the code its own way (CLI, logs). */
  readonly message: (params: ErrorParams[Code]) => string;
}

const explained = (when: string) => ({ when, message: (params: Explained) => params.detail });

export const errorCatalogue: { readonly [Code in ErrorCode]: CatalogueEntry<Code> } = {
  invalid_request: explained('The request is malformed or a value is invalid.'),
  not_signed_in: explained('No credentials, or credentials that do not identify an active user.'),
  permission_denied: explained('The caller is known but may not do this.'),
  not_found: explained('The thing does not exist, or the caller may not see it.'),
  method_not_allowed: explained('The path exists but not with this method.'),
  state_conflict: explained('The request clashes with the current state (an existing name, a state change).'),
  body_too_large: explained('The request body is larger than allowed.'),
  media_type_refused: explained('The uploaded file type is refused by the site configuration.'),
  dependency_unavailable: explained('A dependency is down; the request may be retried.'),
  content_not_found: {
    when: 'No page, blog post, comment, attachment… with this id, or the caller may not see it.',
    message: ({ contentId }) => `No content with id ${contentId}`,
  },
  space_not_found: {
    when: 'No space with this key, or the caller may not see it.',
    message: ({ spaceKey }) => `No space with key ${spaceKey}`,
  },
  duplicate_filename: {
    when: 'A new attachment is named as one the container already has.',
    message: ({ filename }) => `The container already has an attachment named ${filename}`,
  },
  file_too_large: {
    when: 'An uploaded file is larger than the site allows.',
    message: ({ maxBytes }) => `The file is larger than the ${maxBytes} bytes allowed`,
  },
  stale_version: {
    when: 'An update does not name the next version number.',
    message: ({ currentVersion }) => `The next version must be ${currentVersion + 1}`,
  },
  too_many_sign_in_attempts: {
    when: 'Too many wrong passwords for this user or from this address: locked out for a while.',
    message: ({ retryAfterSeconds }) =>
      `Too many failed sign-in attempts: sign-in is locked for this user or address; try again in ${retryAfterSeconds} seconds`,
  },
  operation_removed: {
    when: 'In the `cloud` profile, a Cloud v1 operation that Cloud has removed (docs/profiles.md).',
    message: ({ operation, replacement }) =>
      `${operation} has been removed from Confluence Cloud${replacement ? `; use ${replacement}` : ''}`,
  },
  rate_limited: {
    when: "The user's, app's or client address's request rate limit is used up (docs/rate-limiting.md).",
    message: ({ retryAfterSeconds }) =>
      `Rate limit exceeded: too many requests; try again in ${retryAfterSeconds} seconds`,
  },
  storage_full: {
    when: 'The disk (or quota, or object store) holding the blobs or the database has no room for a change: nothing of it was kept (docs/operations.md).',
    message: ({ store }) =>
      `Not enough storage space to keep this change (${store === 'blobs' ? 'attachment store' : 'database'} full); nothing was saved. Ask the administrator to free space, then try again`,
  },
  read_only: {
    when: 'A write while the site is read-only: the maintenance setting, or a database or blob folder that cannot be written (docs/operations.md).',
    message: ({ reason }) =>
      reason === 'maintenance'
        ? 'The site is in read-only mode for maintenance: changes are refused until it ends; reading works'
        : 'The site cannot save changes: its storage is read-only; reading works',
  },
};

export class DomainError<Code extends ErrorCode = ErrorCode> extends Error {
  readonly code: Code;
  /** Machine-readable detail for the surfaces' wording and presenters; never parsed from the message. */
  readonly params: ErrorParams[Code];

  constructor(code: Code, params: ErrorParams[Code]) {
    super(errorCatalogue[code].message(params));
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
  }
}

/** Whether `error` is a domain error with one of these codes. */
export const isDomainError = <Code extends ErrorCode>(
  error: unknown,
  ...codes: readonly Code[]
): error is DomainError<Code> =>
  error instanceof DomainError && (codes.length === 0 || codes.includes(error.code as Code));

type Extra = Readonly<Record<string, unknown>>;

// The general codes, for failures particular to one use case: the thrower explains it in its own words.
export const badRequest = (detail: string, extra?: Extra) =>
  new DomainError('invalid_request', { ...extra, detail });
export const notFound = (detail: string, extra?: Extra) => new DomainError('not_found', { ...extra, detail });
export const forbidden = (detail: string, extra?: Extra) =>
  new DomainError('permission_denied', { ...extra, detail });
export const conflict = (detail: string, extra?: Extra) =>
  new DomainError('state_conflict', { ...extra, detail });

export const contentNotFound = (contentId: string | number) =>
  new DomainError('content_not_found', { contentId });
export const spaceNotFound = (spaceKey: string) => new DomainError('space_not_found', { spaceKey });
export const duplicateFilename = (filename: string) => new DomainError('duplicate_filename', { filename });
export const fileTooLarge = (maxBytes: number) => new DomainError('file_too_large', { maxBytes });
export const staleVersion = (currentVersion: number) => new DomainError('stale_version', { currentVersion });
export const storageFull = (store: StorageKind) => new DomainError('storage_full', { store });
export const readOnly = (reason: ReadOnlyReason) => new DomainError('read_only', { reason });
