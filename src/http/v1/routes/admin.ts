import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createGroup } from '../../../services/groups/create-group.ts';
import { deleteGroup } from '../../../services/groups/delete-group.ts';
import { setPassword } from '../../../services/users/change-password.ts';
import { createUser } from '../../../services/users/create-user.ts';
import { deleteUser } from '../../../services/users/delete-user.ts';
import { listActiveUsers } from '../../../services/users/list-users.ts';
import { setUserActive } from '../../../services/users/set-user-active.ts';
import { updateUser } from '../../../services/users/update-user.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1Group } from '../present/group.ts';
import { presentV1LongTaskSubmission } from '../present/long-task.ts';
import { presentV1User } from '../present/user.ts';
import {
  GroupBody,
  GroupNameParams,
  PasswordBody,
  UserCreateBody,
  UsernameParams,
  UserUpdateBody,
} from '../schemas/admin.ts';
import { StartLimitQuery } from '../schemas/common.ts';
import { createUserInputOf, newPasswordOf, userBodyRefusal, userDetailsChangesOf } from '../user-input.ts';

/** Data Center's `/rest/api/admin/...` user and group administration (Confluence 7.13+). */
export function v1AdminRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const refused = bodyRefusedAs(userBodyRefusal);
    app.post(
      '/admin/user',
      { schema: { body: UserCreateBody }, schemaErrorFormatter: refused },
      async (request, reply) => {
        const user = await createUser(deps, request.principal, createUserInputOf(request.body));
        return reply.status(201).send({ userKey: user.userKey });
      },
    );

    app.put(
      '/admin/user/:username',
      { schema: { params: UsernameParams, body: UserUpdateBody }, schemaErrorFormatter: refused },
      async (request, reply) => {
        const changes = userDetailsChangesOf(request.body);
        await updateUser(deps, request.principal, request.params.username, changes);
        return reply.status(204).send();
      },
    );

    app.delete('/admin/user/:username', { schema: { params: UsernameParams } }, async (request, reply) => {
      const { task } = await deleteUser(deps, request.principal, request.params.username);
      return reply.status(202).send(presentV1LongTaskSubmission(task, request.surface));
    });

    for (const [action, active] of [
      ['disable', false],
      ['enable', true],
    ] as const) {
      app.put(
        `/admin/user/:username/${action}`,
        { schema: { params: UsernameParams } },
        async (request, reply) => {
          await setUserActive(deps, request.principal, request.params.username, active);
          return reply.status(204).send();
        },
      );
    }

    app.post(
      '/admin/user/:username/password',
      { schema: { params: UsernameParams, body: PasswordBody }, schemaErrorFormatter: refused },
      async (request, reply) => {
        const password = newPasswordOf(request.body);
        await setPassword(deps, request.principal, request.params.username, password);
        return reply.status(204).send();
      },
    );

    app.get('/admin/users/list/active', { schema: { querystring: StartLimitQuery } }, async (request) => {
      const window = windowOf(request.query, { defaultLimit: 100, maxLimit: 1000 });
      const slice = await listActiveUsers(deps, request.principal, window);
      return pageOf(request, slice, window, (user) => presentV1User(user, request.surface));
    });

    app.post('/admin/group', { schema: { body: GroupBody } }, async (request) =>
      presentV1Group(await createGroup(deps, request.principal, request.body?.name), request.surface),
    );

    app.delete('/admin/group/:groupName', { schema: { params: GroupNameParams } }, async (request, reply) => {
      await deleteGroup(deps, request.principal, request.params.groupName);
      return reply.status(204).send();
    });
  };
}
