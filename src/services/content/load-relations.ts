import type { Content, ContentType, Space } from '../../domain/content.ts';
import type { ExpansionTree } from '../../domain/expansion.ts';
import type { Label } from '../../domain/label.ts';
import { ascending, type Slice } from '../../domain/paging.ts';
import { restrictionOperations } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { User } from '../../domain/user.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';
import { describeRestrictions, type OperationRestrictions } from '../restrictions/describe-restrictions.ts';
import { allowsChildren, childFilter } from './list-children.ts';
import { type VersionsBeside, versionsBeside } from './versions-beside.ts';

/** Everything a presenter may need to render content with its expansions, loaded in a few queries. */
export interface ContentRelations {
  users: Map<number, User>;
  spaces: Map<number, Space>;
  containers: Map<number, Content>;
  ancestors: Map<number, Content[]>;
  /** Keyed `${contentId}:${type}`. */
  children: Map<string, Slice<Content>>;
  descendants: Map<string, Slice<Content>>;
  /** `metadata.labels`, keyed by content id. */
  labels: Map<number, Slice<Label>>;
  /** `restrictions`: each item's own read and update restrictions, keyed by content id. */
  restrictions: Map<number, OperationRestrictions[]>;
  /** `history.previousVersion` and `nextVersion`: those beside the version shown, keyed by content id. */
  versionsBeside: Map<number, VersionsBeside>;
  /** `history.contributors`: the authors of an item's versions, newest first, keyed by content id. */
  contributors: Map<number, number[]>;
  /** `childTypes.<type>`: whether the item has children of the type, keyed `${contentId}:${type}`. */
  childTypes: Map<string, boolean>;
  /** `metadata.properties.<key>`: the properties asked for by key, keyed by content id. */
  properties: Map<number, Property[]>;
}

export const relationKey = (contentId: number, type: ContentType) => `${contentId}:${type}`;

// `history.contributors` looks at this many of the newest versions.
const contributorsWindow = { start: 0, limit: 200 };
// Children expanded inline are capped like Confluence's own (a `_links.next` leads to the rest).
const inlineChildrenLimit = 25;
// `metadata.labels` shows the first page of `GET /content/{id}/label` (its default limit, 200).
export const inlineLabelsWindow = { start: 0, limit: 200 };
const childTypes: readonly ContentType[] = ['page', 'blogpost', 'comment', 'attachment'];

export function emptyRelations(): ContentRelations {
  return {
    users: new Map(),
    spaces: new Map(),
    containers: new Map(),
    ancestors: new Map(),
    children: new Map(),
    descendants: new Map(),
    labels: new Map(),
    restrictions: new Map(),
    versionsBeside: new Map(),
    contributors: new Map(),
    childTypes: new Map(),
    properties: new Map(),
  };
}

/**
 * Loads what `tree` asks for about `contents`, and recursively what the subtrees ask about the items found
 * (`children.page.version`, `ancestors.space`…). Spaces are always loaded: every link names the space key.
 */
export async function loadRelations(
  deps: ServiceDeps,
  principal: Principal,
  contents: readonly Content[],
  tree: ExpansionTree,
  into: ContentRelations = emptyRelations(),
): Promise<ContentRelations> {
  if (contents.length === 0) return into;
  const { store } = deps;
  const spaceIds = new Set(
    contents.flatMap((content) => (content.spaceId === null ? [] : [content.spaceId])),
  );
  for (const id of spaceIds) {
    if (!into.spaces.has(id)) {
      const space = await store.spaces.findById(id);
      if (space) into.spaces.set(id, space);
    }
  }

  const userIds = new Set<number>();
  if (tree.has('version') || tree.has('history')) {
    for (const content of contents) {
      if (content.version.authorId !== null) userIds.add(content.version.authorId);
      if (content.creatorId !== null) userIds.add(content.creatorId);
    }
  }
  const historyTree = tree.get('history');
  const wantsBeside = (historyTree?.has('previousVersion') || historyTree?.has('nextVersion')) ?? false;
  for (const content of wantsBeside ? contents : []) {
    if (into.versionsBeside.has(content.id)) continue;
    // Items are shown at their current version unless a version was asked for (`historical`).
    const isCurrent = content.status !== 'historical';
    const beside = await versionsBeside(store.content, content.id, content.version.number, isCurrent);
    into.versionsBeside.set(content.id, beside);
    for (const version of [beside.previous, beside.next]) {
      if (version?.authorId != null) userIds.add(version.authorId);
    }
  }
  for (const content of historyTree?.has('contributors') ? contents : []) {
    if (into.contributors.has(content.id)) continue;
    const versions = await store.content.listVersions(content.id, contributorsWindow);
    const authors = [...new Set(versions.items.flatMap((version) => version.authorId ?? []))];
    into.contributors.set(content.id, authors);
    for (const author of authors) userIds.add(author);
  }
  await loadUsers(deps, userIds, into);

  const propertiesTree = tree.get('metadata')?.get('properties');
  if (propertiesTree && propertiesTree.size > 0) {
    for (const content of contents) {
      if (into.properties.has(content.id)) continue;
      const found: Property[] = [];
      for (const key of propertiesTree.keys()) {
        const property = await store.properties.find({ contentId: content.id }, key);
        if (property) found.push(property);
      }
      into.properties.set(content.id, found);
    }
  }

  const nested: { contents: Content[]; tree: ExpansionTree }[] = [];
  const containerTree = tree.get('container');
  if (containerTree) {
    const found: Content[] = [];
    for (const content of contents) {
      if (content.containerId === null || into.containers.has(content.containerId)) continue;
      const container = await store.content.findById(content.containerId);
      if (container) {
        into.containers.set(container.id, container);
        found.push(container);
      }
    }
    nested.push({ contents: found, tree: containerTree });
  }

  if (tree.get('metadata')?.has('labels')) {
    for (const content of contents) {
      if (into.labels.has(content.id)) continue;
      into.labels.set(content.id, await store.labels.listOnContent(content.id, {}, inlineLabelsWindow));
    }
  }

  if (tree.has('restrictions')) {
    for (const content of contents) {
      if (into.restrictions.has(content.id)) continue;
      const own = await store.permissions.restrictionsOf(content.id);
      into.restrictions.set(content.id, await describeRestrictions(store, own, restrictionOperations));
    }
  }

  const childTypesTree = tree.get('childTypes');
  if (childTypesTree) {
    for (const content of contents) {
      for (const type of childTypesAsked(childTypesTree)) {
        const key = relationKey(content.id, type);
        if (into.childTypes.has(key)) continue;
        // One row by keyset tells whether there is any, with no count of them all.
        const first = allowsChildren(content.type, type)
          ? await store.content.listKeyset(
              { ...childFilter(content, type), viewer: await viewerOf(deps, principal) },
              { sort: ascending('id'), after: undefined, limit: 1 },
            )
          : undefined;
        into.childTypes.set(key, (first?.items.length ?? 0) > 0);
      }
    }
  }

  const ancestorsTree = tree.get('ancestors');
  if (ancestorsTree) {
    const found: Content[] = [];
    for (const content of contents) {
      const chain = await store.content.ancestors(content.id);
      into.ancestors.set(content.id, chain);
      found.push(...chain);
    }
    nested.push({ contents: found, tree: ancestorsTree });
  }

  for (const [relation, target] of [
    ['children', into.children],
    ['descendants', into.descendants],
  ] as const) {
    const relationTree = tree.get(relation);
    if (!relationTree) continue;
    for (const type of childTypes) {
      const typeTree = relationTree.get(type);
      if (!typeTree) continue;
      const found: Content[] = [];
      for (const content of contents) {
        const slice = await childrenOf(deps, principal, content, type, relation);
        if (!slice) continue;
        target.set(relationKey(content.id, type), slice);
        found.push(...slice.items);
      }
      nested.push({ contents: found, tree: typeTree });
    }
  }

  for (const level of nested) await loadRelations(deps, principal, level.contents, level.tree, into);
  return into;
}

/** The types `childTypes` tells about: those the spec names, each asked for or all of them. */
export const childTypesShown = ['attachment', 'comment', 'page'] as const satisfies readonly ContentType[];

export function childTypesAsked(tree: ExpansionTree): ContentType[] {
  return childTypesShown.filter((type) => tree.has('all') || tree.has(type));
}

/** Adds the users with these ids (authors of listed versions, say) to the relations. */
export async function loadUsers(deps: ServiceDeps, ids: Iterable<number | null>, into: ContentRelations) {
  for (const id of ids) {
    if (id !== null && !into.users.has(id)) {
      const user = await deps.store.users.findById(id);
      if (user) into.users.set(id, user);
    }
  }
  return into;
}

/** A type this content cannot have children of is simply not expanded, as Confluence does. */
async function childrenOf(
  deps: ServiceDeps,
  principal: Principal,
  content: Content,
  type: ContentType,
  relation: 'children' | 'descendants',
): Promise<Slice<Content> | undefined> {
  if (!allowsChildren(content.type, type)) return undefined;
  const window = { start: 0, limit: inlineChildrenLimit };
  // Children may carry read restrictions of their own.
  const viewer = await viewerOf(deps, principal);
  if (relation === 'descendants') {
    return deps.store.content.descendants(
      content.id,
      { types: [type], statuses: ['current'], viewer },
      window,
    );
  }
  return deps.store.content.list({ ...childFilter(content, type), viewer }, window);
}
