import type { ContentTask } from '../../../domain/task.ts';
import { convertBody } from '../../../services/content/convert-body.ts';
import type { ContentRelations } from '../../../services/content/load-relations.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';

export interface V2TaskView {
  surface: Surface;
  /** The users the tasks name, for their account ids. */
  relations: ContentRelations;
  /** `body-format`: the body is shown only in the format asked for. */
  bodyFormat?: 'storage' | 'atlas_doc_format' | undefined;
}

/** `Task`: users as account ids (left out when unknown or deleted), times ISO, the body as asked. */
export function presentV2Task(task: ContentTask, view: V2TaskView) {
  const accountIdOf = (userId: number | null) =>
    userId === null ? undefined : view.relations.users.get(userId)?.accountId;
  const createdBy = accountIdOf(task.creatorId);
  const assignedTo = accountIdOf(task.assigneeId);
  const completedBy = accountIdOf(task.completerId);
  const container = String(task.contentId);
  const format = view.bodyFormat;
  return {
    id: String(task.id),
    localId: task.localId,
    spaceId: String(task.spaceId ?? ''),
    ...(task.contentType === 'page' ? { pageId: container } : { blogPostId: container }),
    status: task.status,
    ...(format && {
      body: {
        [format]: convertBody({ representation: 'storage', value: task.body }, format, {
          context: view.surface.context,
          contentId: task.contentId,
        }),
      },
    }),
    ...(createdBy !== undefined && { createdBy }),
    ...(assignedTo !== undefined && { assignedTo }),
    ...(completedBy !== undefined && { completedBy }),
    createdAt: isoOf(task.createdAtMs),
    updatedAt: isoOf(task.updatedAtMs),
    ...(task.dueAtMs !== null && { dueAt: isoOf(task.dueAtMs) }),
    ...(task.completedAtMs !== null && { completedAt: isoOf(task.completedAtMs) }),
  };
}
