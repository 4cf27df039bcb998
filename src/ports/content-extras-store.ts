import type { ContentState, VersionState } from '../domain/content-state.ts';
import type { Slice, Window } from '../domain/paging.ts';
import type { Relation, RelationKey } from '../domain/relation.ts';
import type { Template } from '../domain/template.ts';

/** Users' custom content states, and the state each content version carries. */
export interface ContentStatesRepository {
  findCustom(ownerId: number, name: string, color: string): Promise<ContentState | undefined>;
  findCustomById(ownerId: number, id: number): Promise<ContentState | undefined>;
  /** A new custom state of the owner, numbered after every state there is. */
  insertCustom(ownerId: number, name: string, color: string, atMs: number): Promise<ContentState>;
  markUsed(id: number, atMs: number): Promise<void>;
  /** The owner's custom states, most recently used first; at most `limit` when given. */
  listCustom(ownerId: number, limit?: number): Promise<ContentState[]>;
  /** The state the version carries: the one last recorded at or before it, unless that was a removal. */
  ofVersion(contentId: number, versionNumber: number): Promise<VersionState | undefined>;
  setOnVersion(contentId: number, versionNumber: number, state: ContentState, atMs: number): Promise<void>;
  /** Records that the version carries no state (nor do later versions, until one is set). */
  clearOnVersion(contentId: number, versionNumber: number, atMs: number): Promise<void>;
  /** The current pages and blog posts of a space whose current version carries the state. */
  contentIdsInState(spaceId: number, stateId: number): Promise<number[]>;
}

export interface RelationsRepository {
  find(key: RelationKey): Promise<Relation | undefined>;
  /** False when the relation was there already (nothing changes then). */
  add(key: RelationKey, creatorId: number | null, atMs: number): Promise<boolean>;
  remove(key: RelationKey): Promise<boolean>;
  /** Relations of that name from one entity to entities of a type, oldest first. */
  listFrom(
    from: Pick<RelationKey, 'name' | 'sourceType' | 'sourceKey' | 'targetType'>,
    window: Window,
  ): Promise<Slice<Relation>>;
  /** Relations of that name to one entity from entities of a type, oldest first. */
  listTo(
    to: Pick<RelationKey, 'name' | 'targetType' | 'targetKey' | 'sourceType'>,
    window: Window,
  ): Promise<Slice<Relation>>;
}

export type NewTemplate = Omit<Template, 'id'>;
export type TemplateChanges = Pick<Template, 'name' | 'description' | 'body' | 'labels' | 'updatedAtMs'>;

export interface TemplatesRepository {
  insert(template: NewTemplate): Promise<Template>;
  findById(id: number): Promise<Template | undefined>;
  update(id: number, changes: TemplateChanges): Promise<Template | undefined>;
  remove(id: number): Promise<void>;
  /** A space's templates, or the global ones when `spaceId` is null; by name. */
  list(spaceId: number | null, window: Window): Promise<Slice<Template>>;
}

/** Views of one content item by one viewer on one UTC day (`viewerId` 0: anonymous). */
export interface ContentViewTally {
  contentId: number;
  viewerId: number;
  dayMs: number;
  views: number;
}

export interface ContentViewsRepository {
  /** Adds the views to what is counted already. */
  add(tallies: readonly ContentViewTally[]): Promise<void>;
  /** Views and distinct signed-in viewers of the content, from the day `sinceDayMs` on (all when absent). */
  count(contentId: number, sinceDayMs?: number): Promise<{ views: number; viewers: number }>;
}
