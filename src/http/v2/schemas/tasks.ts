import { queryOf } from '../../common/schemas.ts';
import { BodyField, BodyOf } from './common.ts';

/** `GET /tasks` (`getTasks`). */
export const TaskListQuery = queryOf(
  'body-format',
  'include-blank-tasks',
  'status',
  'task-id',
  'space-id',
  'page-id',
  'blogpost-id',
  'created-by',
  'assigned-to',
  'completed-by',
  'created-at-from',
  'created-at-to',
  'due-at-from',
  'due-at-to',
  'completed-at-from',
  'completed-at-to',
  'cursor',
  'limit',
);

/** `GET /tasks/{id}` and `PUT /tasks/{id}`. */
export const SingleTaskQuery = queryOf('body-format');

/** `PUT /tasks/{id}`: only the status changes; the other fields of the task are read-only. */
export const TaskUpdateBody = BodyOf({ status: BodyField('complete or incomplete') });
