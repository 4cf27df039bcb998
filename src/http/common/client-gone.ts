import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../domain/errors.ts';

/**
 * A signal that fires when the client closes its connection before sending the whole body, so an upload
 * stops and leaves nothing behind. The reason is the client's doing, not a fault of ours: it is not
 * logged as an unexpected error (nobody is left to read the answer).
 */
export function signalWhenClientGoes(request: FastifyRequest): AbortSignal {
  const controller = new AbortController();
  request.raw.once('close', () => {
    if (!request.raw.complete) controller.abort(badRequest('The client went away during the upload'));
  });
  return controller.signal;
}
