import { errorCodes, type FastifyInstance } from 'fastify';

/**
 * Takes a request with an empty body as having none, whatever its `Content-Type`. Clients send
 * `Content-Type: application/json` on body-less writes (confluence.js on every non-GET, atlassian-python-api
 * on every DELETE) and Confluence ignores the header then; Fastify's own JSON parser would refuse them with
 * 400, and a type it has no parser for with 415. A non-empty JSON body is parsed as before,
 * prototype-poisoning checks included; a non-empty body of a type no route takes is still a 415.
 */
export function acceptEmptyBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.length === 0) return done(null, undefined);
    return parseJson(request, text, done);
  });
  // Read nothing: an unknown type is refused from its headers, as Fastify does, unless it announces no body.
  app.addContentTypeParser('*', (request, _payload, done) => {
    const length = request.headers['content-length'];
    const empty =
      length === '0' || (length === undefined && request.headers['transfer-encoding'] === undefined);
    if (empty) return done(null, undefined);
    return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
  });
}
