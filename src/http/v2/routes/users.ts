import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { findUsersByAccountIds } from '../../../services/users/find-users-by-account-ids.ts';
import { checkAccessByEmail, inviteByEmail } from '../../../services/users/site-access-by-email.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { wholeListPage } from '../paging.ts';
import { presentV2User } from '../present/user.ts';
import { AccountIdsBody, EmailsBody } from '../schemas/users.ts';
import { accountIdsBodyRefusal, accountIdsOf, emailsBodyRefusal, emailsRequestOf } from '../user-input.ts';

export function v2UserRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const emails = { schema: { body: EmailsBody }, schemaErrorFormatter: bodyRefusedAs(emailsBodyRefusal) };

    app.post(
      '/users-bulk',
      { schema: { body: AccountIdsBody }, schemaErrorFormatter: bodyRefusedAs(accountIdsBodyRefusal) },
      async (request, reply) => {
        const users = await findUsersByAccountIds(deps, request.principal, accountIdsOf(request.body));
        return wholeListPage(request, reply, users, (user) => presentV2User(user, request.surface));
      },
    );

    app.post('/user/access/check-access-by-email', emails, (request) =>
      checkAccessByEmail(deps, request.principal, emailsRequestOf(request.body)),
    );

    app.post('/user/access/invite-by-email', emails, (request) =>
      inviteByEmail(deps, request.principal, emailsRequestOf(request.body)),
    );
  };
}
