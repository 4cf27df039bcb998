import type { FastifyReply, FastifyRequest } from 'fastify';
import { destination } from 'pino';
import { methodAsked } from './head-as-get.ts';

/** Where the logger writes its lines. */
export interface DestinationStream {
  write(line: string): void;
}

/**
 * Standard output, buffered and written from the event loop's idle moments rather than one `write(2)`
 * per line; what is still buffered is written out when the process exits.
 */
export function asyncStandardOutput(): DestinationStream {
  return destination({ dest: 1, sync: false });
}

/** The same on standard error, for when standard output carries something a program reads. */
export function asyncStandardError(): DestinationStream {
  return destination({ dest: 2, sync: false });
}

/**
 * The one line logged for each request, once answered: what was asked, the answer's status and how long
 * it took. Fastify's own pair of lines ("incoming request", "request completed") is turned off, which
 * halves what logging costs a request at `info`.
 */
export function logRequest(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  // The request's logger already carries its id (`reqId`, also sent as `x-request-id`).
  request.log.info(
    {
      method: methodAsked(request),
      url: request.originalUrl,
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
    },
    'request',
  );
  done();
}
