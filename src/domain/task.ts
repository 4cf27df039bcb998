import {
  attributeOf,
  isClosingTag,
  isSelfClosingTag,
  placedMarkupTokens,
  tagNameOf,
} from './markup-tokens.ts';

export const taskStatuses = ['complete', 'incomplete'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** How a storage body names a user (`<ri:user …/>`): Cloud by account id, Server by key or name. */
export type UserReference = { accountId: string } | { userKey: string } | { username: string };

/** One `<ac:task>` of a storage body, as written there. */
export interface MarkedTask {
  /** `<ac:task-id>`, local to the body; `position-N` for a task written without one. */
  localId: string;
  status: TaskStatus;
  /** The markup of `<ac:task-body>`. */
  body: string;
  /** The first user mentioned in the body, as Confluence takes it. */
  assignee: UserReference | undefined;
  /** The first `<time datetime>` in the body, as milliseconds since the epoch (UTC midnight of a date). */
  dueAtMs: number | undefined;
  /**
   * Where the status text sits in the body, to change it without touching anything else; for a task
   * written without a status, the empty place just inside its `<ac:task>`.
   */
  statusAt: { from: number; to: number; written: boolean };
}

/** A task as indexed: the body's task with its place and its history (who made it, who completed it). */
export interface ContentTask {
  id: number;
  localId: string;
  contentId: number;
  contentType: 'page' | 'blogpost';
  spaceId: number | null;
  status: TaskStatus;
  body: string;
  creatorId: number | null;
  assigneeId: number | null;
  completerId: number | null;
  createdAtMs: number;
  updatedAtMs: number;
  dueAtMs: number | null;
  completedAtMs: number | null;
}

const readFields = new Set(['ac:task-id', 'ac:task-status']);

interface OpenTask {
  localId: string | undefined;
  status: TaskStatus;
  body: string;
  bodyFrom: number | undefined;
  assignee: UserReference | undefined;
  dueAtMs: number | undefined;
  statusAt: { from: number; to: number; written: boolean };
  /** The element whose text is being read (`ac:task-id` or `ac:task-status`). */
  reading: { name: string; from: number; text: string[] } | undefined;
}

function userReferenceOf(tag: string): UserReference | undefined {
  const accountId = attributeOf(tag, 'ri:account-id');
  if (accountId) return { accountId };
  const userKey = attributeOf(tag, 'ri:userkey');
  if (userKey) return { userKey };
  const username = attributeOf(tag, 'ri:username');
  return username ? { username } : undefined;
}

function dateOf(datetime: string | undefined): number | undefined {
  if (!datetime) return undefined;
  const ms = Date.parse(datetime);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The tasks of a storage body, outer before inner, in one pass over its tokens. A task's fields are read
 * from its own elements; a task list nested in a task's body belongs to the nested tasks. A local id met
 * twice (a task copied with its id) is made unique by its position, as the index keys tasks by it.
 */
export function tasksIn(storage: string): MarkedTask[] {
  const done: MarkedTask[] = [];
  const order: OpenTask[] = [];
  const stack: OpenTask[] = [];
  for (const { token, from, to } of placedMarkupTokens(storage)) {
    const top = stack.at(-1);
    if (token.kind !== 'tag') {
      if (top?.reading) top.reading.text.push(token.text);
      continue;
    }
    const name = tagNameOf(token.tag);
    if (isClosingTag(token.tag)) {
      if (!top) continue;
      if (top.reading?.name === name) {
        const text = top.reading.text.join('').trim();
        if (name === 'ac:task-id') top.localId = text;
        else {
          top.status = text === 'complete' ? 'complete' : 'incomplete';
          top.statusAt = { from: top.reading.from, to: from, written: true };
        }
        top.reading = undefined;
      } else if (name === 'ac:task-body' && top.bodyFrom !== undefined) {
        top.body = storage.slice(top.bodyFrom, from);
        top.bodyFrom = undefined;
      } else if (name === 'ac:task') stack.pop();
      continue;
    }
    const selfClosing = isSelfClosingTag(token.tag);
    if (name === 'ac:task' && !selfClosing) {
      const task: OpenTask = {
        localId: undefined,
        status: 'incomplete',
        body: '',
        bodyFrom: undefined,
        assignee: undefined,
        dueAtMs: undefined,
        statusAt: { from: to, to, written: false },
        reading: undefined,
      };
      stack.push(task);
      order.push(task);
      continue;
    }
    if (!top) continue;
    if (!selfClosing && top.bodyFrom === undefined && readFields.has(name)) {
      top.reading = { name, from: to, text: [] };
    } else if (!selfClosing && name === 'ac:task-body') {
      top.bodyFrom = to;
    } else if (top.bodyFrom !== undefined && name === 'ri:user') {
      top.assignee ??= userReferenceOf(token.tag);
    } else if (top.bodyFrom !== undefined && name === 'time') {
      top.dueAtMs ??= dateOf(attributeOf(token.tag, 'datetime'));
    }
  }
  const seen = new Set<string>();
  order.forEach((task, index) => {
    let localId = task.localId || `position-${index + 1}`;
    if (seen.has(localId)) localId = `${localId}-${index + 1}`;
    seen.add(localId);
    done.push({
      localId,
      status: task.status,
      body: task.body,
      assignee: task.assignee,
      dueAtMs: task.dueAtMs,
      statusAt: task.statusAt,
    });
  });
  return done;
}

/**
 * The body with that task's status changed, everything else as it was; undefined when the body has no
 * such task. A task written without a status gets one.
 */
export function withTaskStatus(storage: string, localId: string, status: TaskStatus): string | undefined {
  const task = tasksIn(storage).find((candidate) => candidate.localId === localId);
  if (!task) return undefined;
  const { from, to, written } = task.statusAt;
  const text = written ? status : `<ac:task-status>${status}</ac:task-status>`;
  return storage.slice(0, from) + text + storage.slice(to);
}
