/**
 * The one family of errors that services throw. Each surface renders them in its own envelope
 * (http/v1/errors.ts, http/v2/errors.ts); nothing below the HTTP edge knows a status code.
 * The catalogue is documented in docs/errors.md; keep the two in step.
 */
export const errorKinds = {
  bad_request: 'The request is malformed or a value is invalid.',
  unauthenticated: 'No credentials, or credentials that do not identify an active user.',
  forbidden: 'The caller is known but may not do this.',
  not_found: 'The thing does not exist, or the caller may not see it.',
  conflict: 'The request clashes with the current state (a stale version, an existing name).',
  too_large: 'The request body or an uploaded file is larger than allowed.',
  unsupported_media_type: 'The uploaded file type is refused by the site configuration.',
  method_not_allowed: 'The path exists but not with this method.',
  unavailable: 'A dependency is down; the request may be retried.',
} as const;

export type ErrorKind = keyof typeof errorKinds;

export class DomainError extends Error {
  readonly kind: ErrorKind;
  /** Machine-readable detail for presenters (e.g. `{ filename }`); never parsed from the message. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.details = details;
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new DomainError('bad_request', message, details);
export const notFound = (message: string, details?: Record<string, unknown>) =>
  new DomainError('not_found', message, details);
export const forbidden = (message: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', message, details);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', message, details);

/** Wording from seed 002, which clients show to users; sizes are whole MiB as Confluence prints them. */
export const fileTooLarge = (maxBytes: number) =>
  new DomainError(
    'too_large',
    `File size exceeds maximum allowed size of ${Math.floor(maxBytes / 1024 / 1024)}MB`,
    { maxBytes },
  );
