import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { renderV1Error } from '../v1/errors.ts';
import { renderV2Error } from '../v2/errors.ts';
import { type HttpFailure, statusOfKind } from './error-status.ts';

function isClientError(error: unknown): error is FastifyError {
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Domain errors and Fastify's own 4xx keep their message; anything else is logged and hidden. */
export function toFailure(error: unknown, request: FastifyRequest): HttpFailure {
  if (error instanceof DomainError) return { status: statusOfKind[error.kind], message: error.message };
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
  if (failure.status === 401) reply.header('www-authenticate', 'Basic realm="Tributary"');
  // The client may still be sending an oversized body; closing beats reading the rest of it.
  if (failure.status === 413) reply.header('connection', 'close');
  // One Python client drops the message of a 401 that is not exactly this type (clients.md).
  return reply.status(failure.status).type('application/json;charset=UTF-8').send(body);
}
