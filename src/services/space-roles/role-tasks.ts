import { randomUUID } from 'node:crypto';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * Cloud hands back a task id for role changes, which it applies in the background. Tributary applies them in
 * the request's transaction, so the task it records is finished when the id is handed out; clients that poll
 * it (`/space-permissions/transition/tasks/{id}`, `/longtask/{id}`) see it completed.
 */
export async function recordFinishedTask(
  repositories: MetadataRepositories,
  deps: ServiceDeps,
  principal: Principal,
  name: string,
): Promise<string> {
  const nowMs = deps.clock.nowMs();
  const task = await repositories.longTasks.insert({
    id: randomUUID(),
    name,
    ownerId: principal.kind === 'user' ? principal.user.id : null,
    createdAtMs: nowMs,
  });
  await repositories.longTasks.update(task.id, {
    percentageComplete: 100,
    successful: true,
    finished: true,
    finishedAtMs: nowMs,
  });
  return task.id;
}
