import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { renderV1Error, v1Wording } from '../v1/errors.ts';
import { renderV2Error, v2Wording } from '../v2/errors.ts';
import { codeOfStatus, DecidedFailure, type HttpFailure, statusOfCode } from './error-status.ts';
import { type Wording, wordedBy } from './error-wording.ts';
import { sessionSecretOf } from './session-cookie.ts';
import type { Surface } from './surface.ts';

function isClientError(error: unknown): error is FastifyError {
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Fastify's and its plugins' own refusals (malformed JSON, a schema violation, a body over the limit)
 * become the general code of their status, so they render exactly as a domain error does.
 */
function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (!isClientError(error)) return undefined;
  const code = codeOfStatus.get(error.statusCode ?? 400);
  return code && new DomainError(code, { detail: error.message });
}

const wordingOf = (surface: Surface | null): Wording => (surface?.api === 'v2' ? v2Wording : v1Wording);

const messageOf = (error: DomainError, wording: Wording) =>
  wordedBy(wording, error.code, error.params) ?? error.message;

/** Domain errors and Fastify's own 4xx keep their meaning; anything else is logged and hidden. */
export function toFailure(error: unknown, request: FastifyRequest): HttpFailure {
  if (error instanceof DecidedFailure) return error.failure;
  const known = asDomainError(error);
  if (known) {
    const failure = {
      status: statusOfCode[known.code],
      message: messageOf(known, wordingOf(request.surface)),
    };
    if (isDomainError(known, 'too_many_sign_in_attempts', 'rate_limited'))
      return { ...failure, retryAfterSeconds: known.params.retryAfterSeconds };
    return isDomainError(known, 'read_only') ? { ...failure, readOnly: true } : failure;
  }
  if (isClientError(error)) return { status: error.statusCode ?? 400, message: error.message };
  request.log.error({ err: error }, 'unexpected error');
  return {
    status: 500,
    message: `Internal server error; quote request id ${request.id} to the administrator`,
  };
}

export function sendFailure(reply: FastifyReply, failure: HttpFailure): FastifyReply {
  const surface = reply.request.surface;
  const body = surface?.api === 'v2' ? renderV2Error(failure) : renderV1Error(failure);
  // Not to the web interface's own fetches: a browser would answer the challenge with its Basic prompt.
  if (failure.status === 401 && !sessionSecretOf(reply.request)) {
    reply.header('www-authenticate', 'Basic realm="Tributary"');
  }
  if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds));
  // The client may still be sending an oversized body; closing beats reading the rest of it.
  if (failure.status === 413) reply.header('connection', 'close');
  // One Python client drops the message of a 401 that is not exactly this type (clients.md).
  return reply.status(failure.status).type('application/json;charset=UTF-8').send(body);
}
