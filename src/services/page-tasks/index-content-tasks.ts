import type { Content } from '../../domain/content.ts';
import { tasksIn, type UserReference } from '../../domain/task.ts';
import type { IndexedTask } from '../../ports/comment-like-task-store.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';

async function userIdOf(repositories: MetadataRepositories, reference: UserReference | undefined) {
  if (!reference) return null;
  const user =
    'accountId' in reference
      ? await repositories.users.findByAccountId(reference.accountId)
      : 'userKey' in reference
        ? await repositories.users.findByUserKey(reference.userKey)
        : await repositories.users.findByUsername(reference.username);
  return user?.id ?? null;
}

/**
 * Brings the task index in step with a page's or blog post's current body, in the transaction that saved
 * it; `authorId` made the change (the creator of new tasks, the completer of tasks it completed). Bodies
 * in other representations than storage hold no tasks the index can read.
 */
export async function indexContentTasks(
  repositories: MetadataRepositories,
  content: Content,
  authorId: number | null,
  atMs: number,
): Promise<void> {
  if (content.type !== 'page' && content.type !== 'blogpost') return;
  const body = content.version.body;
  const marked = body?.representation === 'storage' ? tasksIn(body.value) : [];
  const tasks: IndexedTask[] = [];
  for (const task of marked) {
    tasks.push({
      localId: task.localId,
      status: task.status,
      body: task.body,
      assigneeId: await userIdOf(repositories, task.assignee),
      dueAtMs: task.dueAtMs ?? null,
    });
  }
  await repositories.contentTasks.replace(content.id, tasks, authorId, atMs);
}
