import { elapsedMsOf, type LongTask } from '../../../domain/long-task.ts';
import type { Surface } from '../../common/surface.ts';

/**
 * `LongTaskStatus`. Both specs type `args` items as objects, so names and messages carry their text in
 * `translation` and no arguments.
 */
export function presentV1LongTask(
  task: LongTask,
  surface: Surface,
  nowMs: number,
  options: { root?: boolean } = {},
) {
  return {
    id: task.id,
    name: { key: task.name, args: [] },
    elapsedTime: elapsedMsOf(task, nowMs),
    percentageComplete: task.percentageComplete,
    successful: task.successful,
    finished: task.finished,
    messages: task.messages.map((message) => ({ translation: message.translation, args: [] })),
    _links: {
      ...(options.root && { base: surface.base, context: surface.context }),
      self: `${surface.base}/rest/api/longtask/${task.id}`,
    },
  };
}

/** `LongTaskSubmission`, the 202 body of a request that started a task: where to poll it. */
export function presentV1LongTaskSubmission(task: LongTask, surface: Surface) {
  return { id: task.id, links: { status: `${surface.base}/rest/api/longtask/${task.id}` } };
}
