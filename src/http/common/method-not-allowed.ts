import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod, type HTTPVersion, type Instance } from 'find-my-way';

const methods: HTTPMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/**
 * Fastify answers 404 for a known path with the wrong method; Confluence answers 405. This keeps a
 * shadow router of every route so the not-found handler can tell the two apart and list `Allow`. The
 * router is built on the first miss, not at start-up, where registering routes is most of the time.
 */
export function trackRoutesForAllow(app: FastifyInstance): (method: string, url: string) => string[] {
  const registered: { method: HTTPMethod; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (methods.includes(method as HTTPMethod))
        registered.push({ method: method as HTTPMethod, url: route.url });
    }
  });
  let shadow: Instance<HTTPVersion.V1> | undefined;
  const router = () => {
    if (shadow) return shadow;
    shadow = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 1000 });
    for (const { method, url } of registered.splice(0)) {
      if (!shadow.hasRoute(method, url)) shadow.on(method, url, () => {});
    }
    return shadow;
  };
  return (method, url) => {
    const path = url.split('?')[0] ?? url;
    return methods.filter((candidate) => candidate !== method && router().find(candidate, path) !== null);
  };
}
