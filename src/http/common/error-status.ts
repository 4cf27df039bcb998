import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from '../../domain/errors.ts';

/** The HTTP status of each error code, the same on every surface. */
export const statusOfCode: Record<ErrorCode, number> = {
  invalid_request: 400,
  not_signed_in: 401,
  permission_denied: 403,
  not_found: 404,
  method_not_allowed: 405,
  state_conflict: 409,
  body_too_large: 413,
  media_type_refused: 415,
  dependency_unavailable: 503,
  content_not_found: 404,
  space_not_found: 404,
  // Confluence refuses a second attachment of the same name as a bad request, not a conflict (seed 002).
  duplicate_filename: 400,
  file_too_large: 413,
  stale_version: 409,
  too_many_sign_in_attempts: 429,
  operation_removed: 410,
  rate_limited: 429,
  // WebDAV's status for exactly this (RFC 4918 §11.5): the request was fine, the server has no room.
  // Not a 500: nothing is broken, and the client should not retry blindly (clients.md).
  storage_full: 507,
  // Confluence's read-only mode is maintenance: temporary, the site is there, writes come back later.
  read_only: 503,
};

/** The general code a framework error of this status stands for, so it renders like a domain error. */
export const codeOfStatus: ReadonlyMap<number, ErrorCode> = new Map([
  [400, 'invalid_request'],
  [401, 'not_signed_in'],
  [403, 'permission_denied'],
  [404, 'not_found'],
  [405, 'method_not_allowed'],
  [409, 'state_conflict'],
  [413, 'body_too_large'],
  [415, 'media_type_refused'],
  [503, 'dependency_unavailable'],
]);

/** The response every error becomes before a surface renders it. */
export interface HttpFailure {
  status: number;
  message: string;
  /** Sent as `Retry-After` (a 429 of the sign-in limit or the rate limit). */
  retryAfterSeconds?: number;
  /** The refusal of read-only mode: v1's `allowedInReadOnlyMode` is then false. */
  readOnly?: boolean;
}

export const reasonPhrase = (status: number) => STATUS_CODES[status] ?? 'Error';

/** A failure whose answer was decided where it was thrown (test mode's injected faults): sent as it is. */
export class DecidedFailure extends Error {
  readonly failure: HttpFailure;

  constructor(failure: HttpFailure) {
    super(failure.message);
    this.name = 'DecidedFailure';
    this.failure = failure;
  }
}
