import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireAdministrator } from '../../services/auth/require-administrator.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { resetSite } from '../../services/site/reset-site.ts';
import { withPageSizeCap } from '../common/page-size-cap.ts';
import { registerJournal } from './journal.ts';
import { ResetGate } from './reset-gate.ts';

/** Where Tributary's own test-mode endpoints live (docs/testing.md). */
export const tributaryMount = '/rest/tributary/1.0';

export interface TestModeOptions {
  /** TRIBUTARY_MAX_PAGE_SIZE: the most items any list answers per page. */
  maxPageSize: number | undefined;
  contextPath: string;
}

/**
 * Test mode's hooks, on the root app so that they apply to every route: the reset gate (first of the
 * `onRequest` hooks, before credentials are checked), the request journal and the page-size cap. Answers the plugin of the
 * test-mode routes, to mount under `tributaryMount`; without test mode none of this is registered, and
 * the routes answer 404 as any unknown path does.
 */
export function registerTestMode(
  app: FastifyInstance,
  services: ServiceDeps,
  options: TestModeOptions,
): FastifyPluginAsync {
  const gate = new ResetGate();
  app.addHook('onRequest', gate.admit);
  const journalRoutes = registerJournal(app, options.contextPath);
  const { maxPageSize } = options;
  if (maxPageSize !== undefined) {
    // Before validation, so that each route reads the capped value as if the client had sent it, and its
    // `_links.next` carries it on.
    app.addHook('preValidation', async (request) => capPageSize(request, maxPageSize));
    // A list asked for no page size answers its own default, lowered to the cap if above it
    // (defaultPageSize): writing the cap in would raise a smaller default.
    app.addHook('onRoute', (route) => {
      const handler = route.handler;
      route.handler = function capped(this: unknown, request, reply) {
        return withPageSizeCap(maxPageSize, () => handler.call(this as never, request, reply));
      };
    });
  }

  return async function tributaryTestRoutes(routes: FastifyInstance) {
    await routes.register(journalRoutes);
    routes.post('/reset', async (request, reply) => {
      // Before the gate: anyone else would hold every request back only to be refused at the end.
      requireAdministrator(request.principal);
      await gate.exclusive(request, () => resetSite(services, request.principal));
      return reply.code(204).send();
    });
  };
}

// v1, v2 and search take `limit`; the Extender `maxResults`.
const pageSizeParameters = ['limit', 'maxResults'];

/**
 * A page size above the cap becomes the cap, on routes whose query schema has the parameter. A malformed
 * value is left for the route to refuse as it would anyway.
 */
function capPageSize(request: FastifyRequest, maxPageSize: number): void {
  const declared = (request.routeOptions.schema?.querystring as { properties?: object } | undefined)
    ?.properties;
  const query = request.query as Record<string, unknown> | undefined;
  if (!declared || !query) return;
  for (const name of pageSizeParameters) {
    if (!(name in declared)) continue;
    const asked = query[name];
    const wholeNumber = typeof asked === 'string' && /^\d+$/.test(asked);
    if (wholeNumber && Number(asked) > maxPageSize) {
      query[name] = String(maxPageSize);
    }
  }
}
