import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

const methods: HTTPMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/**
 * Fastify answers 404 for a known path with the wrong method; Confluence answers 405. This keeps a
 * shadow router of every route so the not-found handler can tell the two apart and list `Allow`.
 */
export function trackRoutesForAllow(app: FastifyInstance): (method: string, url: string) => string[] {
  const shadow = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 1000 });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (methods.includes(method as HTTPMethod) && !shadow.hasRoute(method as HTTPMethod, route.url)) {
        shadow.on(method as HTTPMethod, route.url, () => {});
      }
    }
  });
  return (method, url) => {
    const path = url.split('?')[0] ?? url;
    return methods.filter((candidate) => candidate !== method && shadow.find(candidate, path) !== null);
  };
}
