import type { RouteOptions } from 'fastify';
import { buildHttpApp } from '../../src/http/app.ts';
import type { TestServer } from './test-server.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  schema: RouteOptions['schema'];
}

/** Every route the server registers, one per method, read from a second app built the same way. */
export async function registeredRoutesOf(site: TestServer): Promise<RegisteredRoute[]> {
  const routes: RegisteredRoute[] = [];
  const shadow = buildHttpApp({
    services: site.server.site.services,
    authenticator: site.server.authenticator,
    config: { contextPath: '', logLevel: 'silent', trustedProxies: [], sessionIdleMs: 3_600_000 },
    publicBaseUrl: () => site.url,
  });
  shadow.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, schema: route.schema });
  });
  await shadow.ready();
  await shadow.close();
  return routes;
}
