import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { findUsersByAccountIds } from '../../../services/users/find-users-by-account-ids.ts';
import { checkAccessByEmail, inviteByEmail } from '../../../services/users/site-access-by-email.ts';
import { wholeListPage } from '../paging.ts';
import { presentV2User } from '../present/user.ts';

export function v2UserRoutes(deps: ServiceDeps) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: { accountIds?: unknown } | null }>('/users-bulk', async (request, reply) => {
      const users = await findUsersByAccountIds(deps, request.principal, request.body?.accountIds);
      return wholeListPage(request, reply, users, (user) => presentV2User(user, request.surface));
    });

    app.post('/user/access/check-access-by-email', (request) =>
      checkAccessByEmail(deps, request.principal, request.body),
    );

    app.post('/user/access/invite-by-email', (request) =>
      inviteByEmail(deps, request.principal, request.body),
    );
  };
}
