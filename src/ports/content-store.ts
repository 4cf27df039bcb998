import type {
  AttachmentFile,
  CommentLocation,
  Content,
  ContentBody,
  ContentStatus,
  ContentType,
  ContentVersion,
  Space,
  SpaceStatus,
  SpaceType,
} from '../domain/content.ts';
import type { ResolutionStatus } from '../domain/inline-comment.ts';
import type { LabelPrefix } from '../domain/label.ts';
import type { Keyset, KeysetSlice, KeysetSort, KeysetWindow, Slice, Window } from '../domain/paging.ts';
import type { Viewer } from '../domain/permissions.ts';
import type { SpaceSettings } from '../domain/space-settings.ts';

export interface NewSpace {
  key: string;
  name: string;
  description: string;
  type: SpaceType;
  private: boolean;
  creatorId: number | null;
  createdAtMs: number;
}

export type SpaceChanges = Partial<Pick<Space, 'name' | 'description' | 'status' | 'homepageId'>>;

export interface SpaceFilter {
  keys?: string[];
  ids?: number[];
  type?: SpaceType;
  status?: SpaceStatus;
  /** Only spaces carrying at least one of these labels (Data Center's `label`: its categories). */
  labels?: readonly { prefix: LabelPrefix; name: string }[];
  /** Only spaces this viewer may read (permissions/policy.ts); every space when absent. */
  viewer?: Viewer;
}

export type SpaceSort = KeysetSort<'id' | 'key' | 'name'>;

export interface SpacesRepository {
  insert(space: NewSpace): Promise<Space>;
  findById(id: number): Promise<Space | undefined>;
  findByKey(key: string): Promise<Space | undefined>;
  list(filter: SpaceFilter, window: Window): Promise<Slice<Space>>;
  listKeyset(filter: SpaceFilter, window: KeysetWindow<SpaceSort>): Promise<KeysetSlice<Space>>;
  update(id: number, changes: SpaceChanges, updatedAtMs: number): Promise<void>;
  remove(id: number): Promise<void>;
  /** What was set for the space; undefined while it has the defaults. */
  settings(spaceId: number): Promise<SpaceSettings | undefined>;
  saveSettings(spaceId: number, settings: SpaceSettings, updatedAtMs: number): Promise<void>;
}

export interface NewVersion {
  title: string;
  authorId: number | null;
  createdAtMs: number;
  message: string;
  minorEdit: boolean;
  body: ContentBody | null;
  file: AttachmentFile | null;
}

export interface NewContent {
  type: ContentType;
  status: ContentStatus;
  spaceId: number | null;
  parentId: number | null;
  containerId: number | null;
  commentLocation: CommentLocation | null;
  creatorId: number | null;
  /** Custom content only: the type its app chose. */
  customType?: string | null;
  /** Smart Links (embeds) only: the URL shown. */
  embedUrl?: string | null;
  /**
   * The id a fixture states (`--seed`, docs/fixtures.md), reserved first with `reserveIdsThrough`; the
   * store assigns one otherwise. The REST API never sets it.
   */
  id?: number;
}

/** What a new version may change besides its own fields. */
export interface ContentMove {
  status?: ContentStatus;
  parentId?: number | null;
  spaceId?: number | null;
  containerId?: number | null;
}

export interface ContentFilter {
  types?: readonly ContentType[];
  statuses?: readonly ContentStatus[];
  spaceIds?: readonly number[];
  /** Only content this viewer may see: in a space they may read, and under no read restriction that
   * leaves them out (permissions/policy.ts); everything when absent. */
  viewer?: Viewer;
  ids?: readonly number[];
  title?: string;
  /** null: only content without a parent (root pages). Children come in their sibling order. */
  parentId?: number | null;
  containerId?: number;
  commentLocation?: CommentLocation;
  /** Custom content of this app type. */
  customType?: string;
  /** Inline comments whose anchor has one of these resolution statuses. */
  resolutionStatuses?: readonly ResolutionStatus[];
  /** Attachments whose current version has this media type. */
  mediaType?: string;
  createdBetweenMs?: { fromMs: number; toMs: number };
  /** Items that carry this label. */
  labelId?: number;
  /**
   * Attachments and comments are in the trash while their container is: with this set, an item whose
   * container is trashed matches `statuses` as if its own status were `trashed`.
   */
  trashedWithContainer?: boolean;
}

export interface TreeFilter {
  types: readonly ContentType[];
  statuses: readonly ContentStatus[];
  maxDepth: number;
  viewer?: Viewer;
}

/** An item of the page tree and how far below the starting item it is (1: a direct child). */
export interface TreeItem {
  content: Content;
  depth: number;
}

export type ContentSort = KeysetSort<'id' | 'created' | 'modified' | 'title'>;

/** Versions are sorted by when they were made, which is also their number order. */
export type VersionSort = KeysetSort<'modified'>;

/** The orders of one container's attachments on the attachments screen. */
export type AttachmentBrowseSort = KeysetSort<'title' | 'size' | 'mediaType' | 'modified' | 'author'>;

/** Which of one container's current attachments the attachments screen shows. */
export interface AttachmentBrowseFilter {
  containerId: number;
  /** Names containing this (`contains`) or starting with it (`prefix`), ignoring ASCII case. */
  name?: { text: string; match: 'contains' | 'prefix' } | undefined;
  /** Exactly this media type of the current version. */
  mediaType?: string | undefined;
  /** Names ending `.extension`, ignoring ASCII case. */
  extension?: string | undefined;
  /** Current version made before this instant (the screen's "modified before" date). */
  modifiedBeforeMs?: number | undefined;
}

/** How many attachments a filter matches, and the bytes of their current versions. */
export interface AttachmentBrowseTotals {
  count: number;
  sizeBytes: number;
}

/**
 * A keyset page read either way: `backwards` reads the rows before `after` (nearest first, returned in the
 * sort's order), for a "Previous" link. `more` says rows lie beyond the page in the direction read.
 */
export interface AttachmentBrowseSlice {
  items: Content[];
  /** The keys of the first and last item, to page on from either end. */
  first: Keyset | undefined;
  last: Keyset | undefined;
  more: boolean;
}

export interface ContentRepository {
  insert(content: NewContent, firstVersion: NewVersion): Promise<Content>;
  /**
   * Makes the ids the store assigns from now on greater than `id`, so that a fixture's stated ids (up to
   * `id`) never meet an assigned one. Never lowers the next id.
   */
  reserveIdsThrough(id: number): Promise<void>;
  findById(id: number): Promise<Content | undefined>;
  findVersion(id: number, versionNumber: number): Promise<ContentVersion | undefined>;
  /** Newest first, as Confluence lists history. */
  listVersions(id: number, window: Window): Promise<Slice<ContentVersion>>;
  /** Versions by keyset (v2 cursors); the keyset's sort value and id are both the version number. */
  listVersionsKeyset(id: number, window: KeysetWindow<VersionSort>): Promise<KeysetSlice<ContentVersion>>;
  /** Adds the next version (its number is current + 1) and makes it current. */
  appendVersion(id: number, version: NewVersion, move?: ContentMove): Promise<Content>;
  /** Gives each page its index in `ids` as its sibling position; nothing else about them changes. */
  setSiblingOrder(ids: readonly number[]): Promise<void>;
  /** Changes status or place without a new version (trash, purge bookkeeping). */
  setPlace(id: number, move: ContentMove, updatedAtMs: number): Promise<void>;
  removeVersion(id: number, versionNumber: number): Promise<void>;
  /** Purges the item; its children, comments and attachments go with it. */
  remove(id: number): Promise<void>;
  list(filter: ContentFilter, window: Window): Promise<Slice<Content>>;
  /** The current attachment of that exact name on the container (the lowest id, should there be two). */
  currentAttachmentNamed(containerId: number, title: string): Promise<Content | undefined>;
  /**
   * The current attachments on the container whose version `versionNumber` bore that name (since renamed,
   * or not), with when that version was made; lowest id first.
   */
  attachmentsWhoseVersionWasNamed(
    containerId: number,
    title: string,
    versionNumber: number,
  ): Promise<{ id: number; versionCreatedAtMs: number }[]>;
  listKeyset(filter: ContentFilter, window: KeysetWindow<ContentSort>): Promise<KeysetSlice<Content>>;
  /** One container's current attachments in any order of the attachments screen, by an index. */
  browseAttachments(
    filter: AttachmentBrowseFilter,
    window: KeysetWindow<AttachmentBrowseSort> & { backwards: boolean },
  ): Promise<AttachmentBrowseSlice>;
  countAttachments(filter: AttachmentBrowseFilter): Promise<number>;
  totalAttachments(filter: AttachmentBrowseFilter): Promise<AttachmentBrowseTotals>;
  /** Everything below `id` through parents and containers, at any depth, matching the filter. */
  descendants(id: number, filter: ContentFilter, window: Window): Promise<Slice<Content>>;
  /**
   * The page tree below `id`, through parents only, `maxDepth` levels down: nearest level first, then by
   * id. The keyset's sort value is the depth. Only items of `types` and `statuses` are walked through.
   */
  treeDescendants(
    id: number,
    filter: TreeFilter,
    window: KeysetWindow<'depth'>,
  ): Promise<KeysetSlice<TreeItem>>;
  /** Puts everything below `id` (comments, replies, their attachments) in `spaceId`, after a move. */
  moveTreeToSpace(id: number, spaceId: number | null): Promise<void>;
  /** Hashes of the blobs any version of any content in the space uses, in one query. */
  blobsInSpace(spaceId: number): Promise<string[]>;
  /**
   * Deletes up to `limit` items of the space (with what they contain: attachments, comments, versions)
   * and answers how many went and the blobs their versions used. Children of a deleted item are first
   * lifted to the top of the space (those outside the batch go in a later one): a deep tree then
   * never cascades down its levels.
   */
  removeSpaceContentBatch(spaceId: number, limit: number): Promise<{ removed: number; blobs: string[] }>;
  /** Hashes of the blobs that the item and everything below it use, for clean-up after a purge. */
  blobsUnder(id: number): Promise<string[]>;
  /** Root first, ending with the direct parent. */
  ancestors(id: number): Promise<Content[]>;
}
