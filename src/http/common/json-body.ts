import type { FastifyInstance } from 'fastify';

/**
 * Replaces Fastify's JSON parser with one that takes an empty body as none. Clients send
 * `Content-Type: application/json` on body-less writes (confluence.js on every non-GET, atlassian-python-api
 * on every DELETE) and Confluence ignores the header then; Fastify's own parser would refuse them with 400.
 * A non-empty body is parsed as before, prototype-poisoning checks included.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.length === 0) return done(null, undefined);
    return parseJson(request, text, done);
  });
}
