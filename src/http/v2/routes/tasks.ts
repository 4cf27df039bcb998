import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import type { ContentTask } from '../../../domain/task.ts';
import { emptyRelations, loadUsers } from '../../../services/content/load-relations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getTask, listTasks, type TaskQuery } from '../../../services/page-tasks/find-tasks.ts';
import { updateTask } from '../../../services/page-tasks/update-task.ts';
import { IdParams, typed } from '../../common/schemas.ts';
import { oneOf, type V2Query, v2IdsOf } from '../content-input.ts';
import { decodeCursor, keysetPage, limitOf } from '../paging.ts';
import { v2FlagOf, v2IdOf, v2ListOf } from '../path-ids.ts';
import { presentV2Task } from '../present/task.ts';
import { SingleTaskQuery, TaskListQuery, TaskUpdateBody } from '../schemas/tasks.ts';

const taskFormats = ['storage', 'atlas_doc_format'] as const;

function taskFormatOf(raw: string | undefined) {
  if (raw === undefined || raw === '') return undefined;
  const format = taskFormats.find((candidate) => candidate === raw);
  if (!format) {
    throw badRequest(`body-format must be storage or atlas_doc_format, not '${raw}'`, {
      field: 'body-format',
    });
  }
  return format;
}

/** An epoch-milliseconds bound (`due-at-from=…`); anything but a whole number is a 400. */
function msOf(query: V2Query, name: string): number | undefined {
  const raw = oneOf(query[name]);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d{1,15}$/.test(raw)) {
    throw badRequest(`${name} must be epoch milliseconds, not '${raw}'`, { field: name });
  }
  return Number(raw);
}

const rangeOf = (query: V2Query, name: string) => ({
  from: msOf(query, `${name}-from`),
  to: msOf(query, `${name}-to`),
});

// The spec caps no filter list; this keeps one query's parameters within what SQLite binds.
const maxFilterValues = 250;

function taskQueryOf(query: V2Query): TaskQuery {
  const status = oneOf(query.status);
  if (status !== undefined && status !== '' && status !== 'complete' && status !== 'incomplete') {
    throw badRequest(`status must be complete or incomplete, not '${status}'`, { field: 'status' });
  }
  const accounts = (name: string) => {
    const values = v2ListOf(query[name]);
    if (values.length > maxFilterValues) {
      throw badRequest(`${name} takes at most ${maxFilterValues} values`, { field: name });
    }
    return values;
  };
  return {
    ids: v2IdsOf(query['task-id'], 'task-id', maxFilterValues),
    ...(status && { status }),
    spaceIds: v2IdsOf(query['space-id'], 'space-id', maxFilterValues),
    contentIds: [
      ...v2IdsOf(query['page-id'], 'page-id', maxFilterValues),
      ...v2IdsOf(query['blogpost-id'], 'blogpost-id', maxFilterValues),
    ],
    createdBy: accounts('created-by'),
    assignedTo: accounts('assigned-to'),
    completedBy: accounts('completed-by'),
    createdAtMs: rangeOf(query, 'created-at'),
    dueAtMs: rangeOf(query, 'due-at'),
    completedAtMs: rangeOf(query, 'completed-at'),
    includeBlank: v2FlagOf(oneOf(query['include-blank-tasks']), 'include-blank-tasks', true),
  };
}

/** Cloud v2 tasks: the `<ac:task>` items of page and blog post bodies, indexed as the bodies are saved. */
export function v2TaskRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const viewOf = async (request: FastifyRequest, query: V2Query, tasks: readonly ContentTask[]) => ({
      surface: request.surface,
      relations: await loadUsers(
        deps,
        tasks.flatMap((task) => [task.creatorId, task.assigneeId, task.completerId]),
        emptyRelations(),
      ),
      bodyFormat: taskFormatOf(oneOf(query['body-format'])),
    });

    app.get('/tasks', { schema: { querystring: TaskListQuery } }, async (request, reply) => {
      const { query } = request;
      const limit = limitOf(oneOf(query.limit));
      const slice = await listTasks(deps, request.principal, taskQueryOf(query), {
        sort: 'id',
        after: decodeCursor(oneOf(query.cursor)),
        limit,
      });
      const view = await viewOf(request, query, slice.items);
      return keysetPage(request, reply, slice, limit, (task) => presentV2Task(task, view));
    });

    app.get('/tasks/:id', { schema: { params: IdParams, querystring: SingleTaskQuery } }, async (request) => {
      const task = await getTask(deps, request.principal, v2IdOf(request.params.id));
      return presentV2Task(task, await viewOf(request, request.query, [task]));
    });

    const update = { schema: { params: IdParams, querystring: SingleTaskQuery, body: TaskUpdateBody } };
    app.put('/tasks/:id', update, async (request) => {
      const task = await updateTask(deps, request.principal, v2IdOf(request.params.id), request.body.status);
      return presentV2Task(task, await viewOf(request, request.query, [task]));
    });
  };
}
