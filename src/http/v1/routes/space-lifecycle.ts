import type { FastifyInstance } from 'fastify';
import { parseExpansion } from '../../../domain/expansion.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { changeSpaceStatus } from '../../../services/spaces/change-space-status.ts';
import {
  createOwnPersonalSpace,
  createPersonalSpaceFor,
} from '../../../services/spaces/create-personal-space.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { typed } from '../../common/schemas.ts';
import { presentV1Space } from '../present/space.ts';
import { PersonalSpaceBody, SpaceKeyParams, UsernameParams } from '../schemas/space-lifecycle.ts';
import { personalSpaceInputOf, spaceBodyRefusal } from '../space-input.ts';

/** Data Center's personal spaces (`~username`, one per user) and archiving and restoring spaces. */
export function v1SpaceLifecycleRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const description = parseExpansion('description.plain');

    const schemaErrorFormatter = bodyRefusedAs(spaceBodyRefusal);
    app.post(
      '/space/personal',
      { schema: { body: PersonalSpaceBody }, schemaErrorFormatter },
      async (request) => {
        const space = await createOwnPersonalSpace(
          deps,
          request.principal,
          personalSpaceInputOf(request.body),
        );
        return presentV1Space(space, request.surface, { expand: description, root: true });
      },
    );

    app.post(
      '/admin/space/personal/:username',
      { schema: { params: UsernameParams, body: PersonalSpaceBody }, schemaErrorFormatter },
      async (request) => {
        const space = await createPersonalSpaceFor(
          deps,
          request.principal,
          request.params.username,
          personalSpaceInputOf(request.body),
        );
        return presentV1Space(space, request.surface, { expand: description, root: true });
      },
    );

    for (const [path, status] of [
      ['/space/:spaceKey/archive', 'archived'],
      ['/space/:spaceKey/restore', 'current'],
    ] as const) {
      app.put(path, { schema: { params: SpaceKeyParams } }, async (request, reply) => {
        await changeSpaceStatus(deps, request.principal, request.params.spaceKey, status);
        return reply.status(204).send();
      });
    }
  };
}
