import type { Label, LabelPrefix } from '../domain/label.ts';
import type { KeysetSlice, KeysetSort, KeysetWindow, Slice, Window } from '../domain/paging.ts';
import type { Viewer } from '../domain/permissions.ts';

export interface LabelFilter {
  ids?: readonly number[];
  /** Prefixes as clients name them; one no label has (v2's `system`) matches nothing. */
  prefixes?: readonly string[];
  /** Only labels on one of these spaces themselves (space labels, Data Center's categories). */
  onSpaceIds?: readonly number[];
  /** Only labels on some content in these spaces (what a caller who sees just these spaces may list). */
  usedInSpaceIds?: readonly number[];
  /** With `usedInSpaceIds`: only labels on content this viewer may see (read restrictions included). */
  visibleTo?: Viewer;
}

/** Which uses of labels an aggregate counts: only on current content (never trashed or old versions). */
export interface LabelUsageFilter {
  /** Only labels with these prefixes. */
  prefixes?: readonly string[];
  name?: string;
  /** Only uses by this user (the label's owner on that content). */
  ownerId?: number;
  /** Only uses on content in these spaces. */
  spaceIds?: readonly number[];
  /** Only uses on content carrying this label as well (the label itself left out): related labels. */
  coOccurringWithLabelId?: number;
  /** Only uses on content this viewer may see; every use when absent. */
  visibleTo?: Viewer;
}

/** A label with how it is used: on how many items, and when it was last put on one. */
export interface LabelUsage {
  label: Label;
  uses: number;
  lastUsedAtMs: number;
}

/** `popular`: most uses first; `recent`: most recently put on content first; `name`: by name. */
export type LabelUsageOrder = 'popular' | 'recent' | 'name';

export type LabelSort = KeysetSort<'id' | 'name' | 'created'>;

/** Labels are shared by name across the site; content carries them through `content_labels`. */
export interface LabelsRepository {
  /** The label with this prefix and name, created when it does not exist yet. */
  ensure(prefix: LabelPrefix, name: string): Promise<Label>;
  find(prefix: LabelPrefix, name: string): Promise<Label | undefined>;
  /** Every label of the site; `created` sorts by id, the order labels were first used in. */
  list(filter: LabelFilter, window: KeysetWindow<LabelSort>): Promise<KeysetSlice<Label>>;
  /** The labels on one content item, by name. */
  listOnContent(contentId: number, filter: LabelFilter, window: Window): Promise<Slice<Label>>;
  /** The same by keyset; `created` is when the label was put on the content. */
  listOnContentKeyset(
    contentId: number,
    filter: LabelFilter,
    window: KeysetWindow<LabelSort>,
  ): Promise<KeysetSlice<Label>>;
  /** Puts the label on the content; false when it was already there (nothing changes then). */
  attach(contentId: number, labelId: number, ownerId: number | null, createdAtMs: number): Promise<boolean>;
  /** Takes the label off the content; false when it was not there. */
  detach(contentId: number, labelId: number): Promise<boolean>;
  /** Labels by how they are used on content; labels no counted content carries are left out. */
  usage(filter: LabelUsageFilter, order: LabelUsageOrder, window: Window): Promise<Slice<LabelUsage>>;
  /** The labels on a space (Data Center's categories are its `team` ones), by name. */
  listOnSpace(spaceId: number, filter: Pick<LabelFilter, 'prefixes'>, window: Window): Promise<Slice<Label>>;
  /** Puts the label on the space; false when it was already there. */
  attachToSpace(
    spaceId: number,
    labelId: number,
    ownerId: number | null,
    createdAtMs: number,
  ): Promise<boolean>;
  /** Takes the label off the space; false when it was not there. */
  detachFromSpace(spaceId: number, labelId: number): Promise<boolean>;
}
