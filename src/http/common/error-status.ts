import { STATUS_CODES } from 'node:http';
import type { ErrorKind } from '../../domain/errors.ts';

export const statusOfKind: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
};

/** The response every error becomes before a surface renders it. */
export interface HttpFailure {
  status: number;
  message: string;
}

export const reasonPhrase = (status: number) => STATUS_CODES[status] ?? 'Error';
