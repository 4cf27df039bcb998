import type { FastifyInstance } from 'fastify';
import { badRequest, forbidden } from '../../../domain/errors.ts';
import type { User } from '../../../domain/user.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { changeMembership } from '../../../services/groups/change-membership.ts';
import { listMemberships } from '../../../services/groups/list-groups.ts';
import { changeOwnPassword } from '../../../services/users/change-password.ts';
import { findUser, type UserSelector } from '../../../services/users/find-user.ts';
import { findUsersByAccountIds } from '../../../services/users/find-users-by-account-ids.ts';
import { listAnonymousOperations } from '../../../services/users/list-anonymous-operations.ts';
import { listUsers } from '../../../services/users/list-users.ts';
import { lookUpEmail, lookUpEmails, maySeeEmailOf } from '../../../services/users/look-up-emails.ts';
import { updateOwnDetails } from '../../../services/users/update-own-details.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Group } from '../present/group.ts';
import { presentV1AnonymousUser, presentV1BulkUsers, presentV1User } from '../present/user.ts';
import { joinedValue } from '../query-values.ts';
import { ExpandQuery } from '../schemas/common.ts';
import {
  AccountIdsQuery,
  MembershipParams,
  MembershipQuery,
  OwnDetailsBody,
  PagedQuery,
  PasswordChangeBody,
  UserSelectorQuery,
} from '../schemas/users.ts';
import { ownDetailsChangesOf, passwordChangeOf, userBodyRefusal } from '../user-input.ts';
import { v1UserPropertyRoutes } from './user-properties.ts';

// Defaults and caps from the Data Center spec for these operations.
const userListRules = { defaultLimit: 100, maxLimit: 1000 };
const membershipRules = { defaultLimit: 200, maxLimit: 1000 };

// Cloud's bulk lookups take `accountId=a,b` or `accountId=a&accountId=b`; the v1 hook keeps only the first.
const accountIdsOf = (url: string): string[] =>
  new URL(url, 'http://placeholder').searchParams
    .getAll('accountId')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');

// Cloud `GET /user/bulk` answers the first 100 of the ids asked for.
const maxBulkUsers = 100;

const selectorOf = (query: {
  username?: string;
  key?: string | string[];
  accountId?: string;
}): UserSelector => ({
  username: query.username,
  userKey: joinedValue(query.key),
  accountId: query.accountId,
});

export function v1UserRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    await app.register(v1UserPropertyRoutes(deps));

    app.get('/user/current', async (request) => {
      const { principal } = request;
      if (principal.kind !== 'user') throw forbidden('The current user is anonymous');
      return presentV1User(principal.user, request.surface);
    });

    const refused = bodyRefusedAs(userBodyRefusal);
    app.put(
      '/user/current',
      { schema: { body: OwnDetailsBody }, schemaErrorFormatter: refused },
      async (request, reply) => {
        await updateOwnDetails(deps, request.principal, ownDetailsChangesOf(request.body));
        return reply.status(204).send();
      },
    );

    app.get('/user/anonymous', { schema: { querystring: ExpandQuery } }, async (request) => {
      const expanded = (request.query.expand ?? '').split(',').includes('operations');
      const operations = expanded ? await listAnonymousOperations(deps, request.principal) : undefined;
      return presentV1AnonymousUser(request.surface, operations);
    });

    app.get('/user/bulk', { schema: { querystring: AccountIdsQuery } }, async (request) => {
      const accountIds = accountIdsOf(request.url).slice(0, maxBulkUsers);
      if (accountIds.length === 0) throw badRequest('accountId is required', { field: 'accountId' });
      const users = await findUsersByAccountIds(deps, request.principal, accountIds);
      const emailVisible = (user: User) => maySeeEmailOf(request.principal, user);
      return presentV1BulkUsers(users, request.surface, request.url, maxBulkUsers, emailVisible);
    });

    app.get('/user/email', { schema: { querystring: AccountIdsQuery } }, async (request) => {
      const [accountId, ...more] = accountIdsOf(request.url);
      if (accountId === undefined || more.length > 0) {
        throw badRequest('Exactly one accountId is required', { field: 'accountId' });
      }
      return lookUpEmail(deps, request.principal, accountId);
    });

    app.get('/user/email/bulk', { schema: { querystring: AccountIdsQuery } }, async (request) =>
      lookUpEmails(deps, request.principal, accountIdsOf(request.url)),
    );

    app.get('/user', { schema: { querystring: UserSelectorQuery } }, async (request) =>
      presentV1User(await findUser(deps, request.principal, selectorOf(request.query)), request.surface),
    );

    app.get('/user/list', { schema: { querystring: PagedQuery } }, async (request) => {
      const window = windowOf(request.query, userListRules);
      const slice = await listUsers(deps, request.principal, window);
      return pageOf(request, slice, window, (user) => presentV1User(user, request.surface));
    });

    app.get('/user/memberof', { schema: { querystring: MembershipQuery } }, async (request) => {
      const window = windowOf(request.query, membershipRules);
      const slice = await listMemberships(deps, request.principal, selectorOf(request.query), window);
      return pageOf(request, slice, window, (group) => presentV1Group(group, request.surface));
    });

    app.post(
      '/user/current/password',
      { schema: { body: PasswordChangeBody }, schemaErrorFormatter: refused },
      async (request, reply) => {
        const { oldPassword, newPassword } = passwordChangeOf(request.body);
        await changeOwnPassword(deps, request.principal, oldPassword, newPassword);
        return reply.status(204).send();
      },
    );

    for (const [method, member] of [
      ['PUT', true],
      ['DELETE', false],
    ] as const) {
      app.route({
        method,
        url: '/user/:username/group/:groupName',
        schema: { params: MembershipParams },
        handler: async (request, reply) => {
          const { username, groupName } = request.params;
          await changeMembership(deps, request.principal, { username, groupName, member });
          return reply.status(204).send();
        },
      });
    }
  };
}
