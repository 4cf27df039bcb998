import type { LongTask, LongTaskMessage } from '../domain/long-task.ts';
import type { KeysetSlice, KeysetSort, KeysetWindow, Slice, Window } from '../domain/paging.ts';
import type { Property, PropertyOwner } from '../domain/property.ts';

export interface NewLongTask {
  id: string;
  name: string;
  ownerId: number | null;
  createdAtMs: number;
  /** What another process needs to finish the task if this one dies (JSON); absent: it cannot be resumed. */
  resume?: unknown;
}

/** A task not finished yet, with what resuming it takes. */
export interface UnfinishedLongTask {
  task: LongTask;
  resume: unknown;
}

/** What a running task reports; fields left out keep their value. */
export interface LongTaskProgress {
  percentageComplete?: number;
  successful?: boolean;
  finished?: boolean;
  messages?: LongTaskMessage[];
  finishedAtMs?: number | null;
}

export interface LongTaskFilter {
  /** Only the tasks this user started; undefined: everyone's. */
  ownerId?: number;
}

export interface LongTasksRepository {
  insert(task: NewLongTask): Promise<LongTask>;
  findById(id: string): Promise<LongTask | undefined>;
  /** Newest first. */
  list(filter: LongTaskFilter, window: Window): Promise<Slice<LongTask>>;
  update(id: string, progress: LongTaskProgress): Promise<void>;
  /** Up to `limit` unfinished tasks, oldest first: running somewhere, or left by a process that died. */
  unfinished(limit: number): Promise<UnfinishedLongTask[]>;
}

export interface NewProperty {
  key: string;
  value: unknown;
  authorId: number | null;
  updatedAtMs: number;
}

/** The next version of a property's value. */
export interface PropertyRevision {
  value: unknown;
  /** The new version number; the stored one must be this minus one. */
  versionNumber: number;
  versionMessage: string;
  minorEdit: boolean;
  authorId: number | null;
  updatedAtMs: number;
}

export interface PropertyFilter {
  keys?: readonly string[];
}

export type PropertySort = KeysetSort<'key'>;

/** Space and content properties share one table and one repository; the owner says whose they are. */
export interface PropertiesRepository {
  /** Sorted by key. */
  list(owner: PropertyOwner, filter: PropertyFilter, window: Window): Promise<Slice<Property>>;
  listKeyset(
    owner: PropertyOwner,
    filter: PropertyFilter,
    window: KeysetWindow<PropertySort>,
  ): Promise<KeysetSlice<Property>>;
  find(owner: PropertyOwner, key: string): Promise<Property | undefined>;
  findById(id: number): Promise<Property | undefined>;
  /** Version 1 of a new property; the caller has checked that the owner has no property with this key. */
  insert(owner: PropertyOwner, property: NewProperty): Promise<Property>;
  /**
   * Stores the revision only if the stored version is `revision.versionNumber - 1`, as one statement, so
   * two writers of the same version cannot both win. Undefined when the property is gone or was stale.
   */
  update(id: number, revision: PropertyRevision): Promise<Property | undefined>;
  remove(id: number): Promise<void>;
}
