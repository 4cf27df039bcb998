import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getLongTask } from '../../../services/tasks/get-long-task.ts';
import { listLongTasks } from '../../../services/tasks/list-long-tasks.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { presentV1LongTask } from '../present/long-task.ts';
import { LongTaskParams, PagedQuery } from '../schemas/site.ts';

// Both specs default `GET /longtask` to 100 and say the limit "may be restricted by fixed system limits".
const longTaskRules = { defaultLimit: 100, maxLimit: 100 };

export function v1LongTaskRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/longtask', { schema: { querystring: PagedQuery } }, async (request) => {
      const window = windowOf(request.query, longTaskRules);
      const slice = await listLongTasks(deps, request.principal, window);
      const nowMs = deps.clock.nowMs();
      return pageOf(request, slice, window, (task) => presentV1LongTask(task, request.surface, nowMs));
    });

    app.get('/longtask/:id', { schema: { params: LongTaskParams } }, async (request) => {
      const task = await getLongTask(deps, request.principal, request.params.id);
      return presentV1LongTask(task, request.surface, deps.clock.nowMs(), { root: true });
    });
  };
}
