import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';

const headRequests = new WeakSet<IncomingMessage>();

/**
 * Fastify answers HEAD by registering a second route beside every GET (`exposeHeadRoutes`), which doubled
 * the router's work at start-up, most of a start (docs/performance.md). Instead a HEAD is routed to the GET
 * it mirrors, before routing (Fastify's `rewriteUrl`): Node created the response knowing the request was a
 * HEAD, so it sends the headers the GET would have, Content-Length included, and never a body.
 */
export function routeHeadAsGet(request: IncomingMessage): void {
  if (request.method !== 'HEAD') return;
  headRequests.add(request);
  request.method = 'GET';
}

/** Whether the client sent HEAD: the handler then has no bytes to read (a download opens no file). */
export const askedForHead = (request: FastifyRequest): boolean => headRequests.has(request.raw);

/** The method the client sent, for logs, the journal and fault rules. */
export const methodAsked = (request: FastifyRequest): string =>
  askedForHead(request) ? 'HEAD' : request.method;
