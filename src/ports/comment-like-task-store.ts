import type { InlineAnchor, ResolutionStatus } from '../domain/inline-comment.ts';
import type { KeysetSlice, KeysetSort, KeysetWindow } from '../domain/paging.ts';
import type { Viewer } from '../domain/permissions.ts';
import type { ContentTask, TaskStatus } from '../domain/task.ts';

/** The anchors of inline comments; one per comment, gone with it. */
export interface InlineCommentsRepository {
  insert(anchor: InlineAnchor): Promise<void>;
  find(commentId: number): Promise<InlineAnchor | undefined>;
  /** The anchors of those comments that have one. */
  findMany(commentIds: readonly number[]): Promise<Map<number, InlineAnchor>>;
  setResolution(
    commentId: number,
    status: ResolutionStatus,
    modifierId: number | null,
    modifiedAtMs: number,
  ): Promise<void>;
}

/** One user's like of one content item. */
export interface Like {
  contentId: number;
  userId: number;
  createdAtMs: number;
}

/** Likes, keyed by content and user: a user likes an item once. */
export interface LikesRepository {
  /** False when the user liked it already (nothing changes then). */
  add(contentId: number, userId: number, createdAtMs: number): Promise<boolean>;
  /** False when the user did not like it. */
  remove(contentId: number, userId: number): Promise<boolean>;
  count(contentId: number): Promise<number>;
  /** Oldest first; the keyset is the like's time and the user id. */
  list(contentId: number, window: KeysetWindow<KeysetSort<'created'>>): Promise<KeysetSlice<Like>>;
}

/** What a body's task is indexed as, with its user references resolved to users. */
export interface IndexedTask {
  localId: string;
  status: TaskStatus;
  body: string;
  assigneeId: number | null;
  dueAtMs: number | null;
}

export interface TaskFilter {
  /** Only tasks on content this viewer may see (permissions/policy.ts). */
  viewer: Viewer;
  ids?: readonly number[];
  status?: TaskStatus;
  spaceIds?: readonly number[];
  /** Pages and blog posts together: a task on any of them matches. */
  contentIds?: readonly number[];
  creatorIds?: readonly number[];
  assigneeIds?: readonly number[];
  completerIds?: readonly number[];
  createdAtMs?: { from?: number; to?: number };
  dueAtMs?: { from?: number; to?: number };
  completedAtMs?: { from?: number; to?: number };
  /** False: leave out tasks whose body has no text. */
  includeBlank?: boolean;
}

/** The tasks of page and blog post bodies, as their current versions hold them. */
export interface ContentTasksRepository {
  /**
   * Makes the content's tasks those of its current body: a task whose local id is kept keeps its id and
   * creation; a changed status records who changed it and when; tasks gone from the body go.
   */
  replace(
    contentId: number,
    tasks: readonly IndexedTask[],
    authorId: number | null,
    atMs: number,
  ): Promise<void>;
  findById(id: number): Promise<ContentTask | undefined>;
  /** By id, ascending. */
  list(filter: TaskFilter, window: KeysetWindow<'id'>): Promise<KeysetSlice<ContentTask>>;
}
