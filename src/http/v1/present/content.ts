import type { Content, ContentType, ContentVersion, Space } from '../../../domain/content.ts';
import { type ExpansionTree, emptyExpansion, parseExpansion } from '../../../domain/expansion.ts';
import { describeMediaType } from '../../../domain/media-type-descriptions.ts';
import type { Slice } from '../../../domain/paging.ts';
import type { User } from '../../../domain/user.ts';
import {
  type ContentRelations,
  childTypesAsked,
  childTypesShown,
  inlineLabelsWindow,
  relationKey,
} from '../../../services/content/load-relations.ts';
import { renderBody, renderedRepresentations } from '../../../services/content/render-body.ts';
import { attachmentWebuiOf, downloadPathOf } from '../../common/attachment-links.ts';
import { wireContentId } from '../../common/content-ids.ts';
import { renderedWhenLong } from '../../common/rendered-later.ts';
import type { Surface } from '../../common/surface.ts';
import { friendlyWhen, isoOf } from '../../common/time.ts';
import { presentV1InlineLabels } from './label.ts';
import { presentV1Property } from './property.ts';
import { presentV1ContentRestriction } from './restriction.ts';
import { presentV1Space } from './space.ts';
import { presentV1User } from './user.ts';

export interface ContentPresentation {
  surface: Surface;
  relations: ContentRelations;
  nowMs: number;
}

const childTypesOf: Record<ContentType, ContentType[]> = {
  page: ['attachment', 'comment', 'page'],
  blogpost: ['attachment', 'comment'],
  comment: ['attachment'],
  attachment: ['comment'],
  folder: ['page'],
  whiteboard: ['page'],
  database: ['page'],
  embed: ['page'],
  custom: ['attachment', 'comment'],
};

/** The user behind a version or history entry; a deleted author shows as Confluence's anonymous user. */
function presentAuthor(user: User | undefined, surface: Surface) {
  if (user) return presentV1User(user, surface);
  return {
    type: 'anonymous',
    profilePicture: {
      path: `${surface.context}/images/icons/profilepics/anonymous.svg`,
      width: 48,
      height: 48,
      isDefault: true,
    },
    displayName: 'Anonymous',
    _expandable: {},
  };
}

/**
 * A `Version`. The version endpoints expand its `content` (rendered by the caller) and, when asked, its
 * `collaborators`: the one author a version has here.
 */
export function presentV1Version(
  content: Content,
  version: ContentVersion,
  view: ContentPresentation,
  expanded: { content?: unknown; collaborators?: boolean } = {},
) {
  const { surface } = view;
  const wireId = wireContentId(content, surface);
  const author = version.authorId === null ? undefined : view.relations.users.get(version.authorId);
  const by = presentAuthor(author, surface);
  const expandable: Record<string, string> = {};
  if (!expanded.collaborators) expandable.collaborators = '';
  if (expanded.content === undefined) expandable.content = `/rest/api/content/${wireId}`;
  return {
    by,
    when: isoOf(version.createdAtMs),
    friendlyWhen: friendlyWhen(version.createdAtMs, view.nowMs),
    message: version.message,
    number: version.number,
    minorEdit: version.minorEdit,
    ...(!surface.cloud && { hidden: false }),
    contentTypeModified: false,
    ...(expanded.collaborators && {
      collaborators: { users: [by], userKeys: author ? [author.userKey] : [], _links: {} },
    }),
    ...(expanded.content !== undefined && { content: expanded.content }),
    _expandable: expandable,
    // Data Center serves versions from its experimental API, and links them there (api-reference.md §1.9).
    _links: {
      self: `${surface.base}/rest/${surface.cloud ? 'api' : 'experimental'}/content/${wireId}/version/${version.number}`,
    },
  };
}

function webuiOf(content: Content, space: Space | undefined, surface: Surface): string {
  const key = space?.key ?? '';
  const slug = encodeURIComponent(content.title).replace(/%20/g, '+');
  if (content.type === 'comment') {
    return `/pages/viewpage.action?pageId=${content.containerId}&focusedCommentId=${content.id}#comment-${content.id}`;
  }
  if (!surface.cloud) return `/pages/viewpage.action?pageId=${content.id}`;
  if (content.type === 'blogpost') {
    const day = isoOf(content.createdAtMs).slice(0, 10).replace(/-/g, '/');
    return `/spaces/${key}/blog/${day}/${content.id}/${slug}`;
  }
  return `/spaces/${key}/pages/${content.id}/${slug}`;
}

function presentBody(content: Content, tree: ExpansionTree, surface: Surface) {
  const wireId = wireContentId(content, surface);
  const stored = content.version.body ?? { representation: 'storage', value: '' };
  const body: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  const representations = [...new Set<string>([...renderedRepresentations, stored.representation])];
  for (const representation of representations) {
    if (!tree.has(representation)) {
      expandable[representation] = '';
      continue;
    }
    const rendered =
      representation === stored.representation
        ? stored
        : renderBody(stored, representation, {
            context: surface.context,
            contentId: content.containerId ?? content.id,
          });
    body[representation] = {
      value: rendered.value,
      representation: rendered.representation,
      embeddedContent: [],
      _expandable: { content: `/rest/api/content/${wireId}` },
    };
  }
  return { ...body, _expandable: expandable };
}

function presentCollection(
  parent: Content,
  relation: 'children' | 'descendants',
  tree: ExpansionTree,
  view: ContentPresentation,
) {
  const { surface } = view;
  const wireId = wireContentId(parent, surface);
  const base = `/rest/api/content/${wireId}/${relation === 'children' ? 'child' : 'descendant'}`;
  const map = relation === 'children' ? view.relations.children : view.relations.descendants;
  const collection: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  for (const type of childTypesOf[parent.type]) {
    const slice = map.get(relationKey(parent.id, type));
    const subtree = tree.get(type);
    if (!slice || !subtree) {
      expandable[type] = `${base}/${type}`;
      continue;
    }
    collection[type] = presentInlineArray(slice, subtree, view, `${base}/${type}`);
  }
  return { ...collection, _expandable: expandable, _links: { self: surface.base + base } };
}

/** `childTypes`: whether the item has attachments, comments, child pages; not the children themselves. */
function presentChildTypes(content: Content, tree: ExpansionTree, view: ContentPresentation) {
  const wireId = wireContentId(content, view.surface);
  const asked = childTypesAsked(tree);
  const shown = Object.fromEntries(
    asked.map((type) => [
      type,
      {
        value: view.relations.childTypes.get(relationKey(content.id, type)) ?? false,
        _links: { self: `${view.surface.base}/rest/api/content/${wireId}/child/${type}` },
      },
    ]),
  );
  const expandable = Object.fromEntries(
    childTypesShown.filter((type) => !asked.includes(type)).map((type) => [type, '']),
  );
  return { ...shown, _expandable: tree.has('all') ? {} : { all: '', ...expandable } };
}

function presentInlineArray(
  slice: Slice<Content>,
  tree: ExpansionTree,
  view: ContentPresentation,
  path: string,
) {
  const limit = 25;
  return {
    results: slice.items.map((item) => presentV1Content(item, tree, view)),
    start: 0,
    limit,
    size: slice.items.length,
    _links: {
      self: view.surface.base + path,
      ...(slice.total > slice.items.length && { next: `${path}?limit=${limit}&start=${slice.items.length}` }),
    },
  };
}

// Inline restrictions list their first users and groups, as `GET …/restriction/byOperation` does by default.
const inlineRestrictionsWindow = { start: 0, limit: 100 };
// `metadata.properties.<key>` shows each property as `GET …/property/{key}` does: with its version.
const propertyExpansion = parseExpansion('version');

/**
 * A page, blog post or comment (attachments add their own fields) as v1/DC shows it: what `tree` expands is
 * inlined, everything else is named in `_expandable` with its link (api-reference.md §1.9).
 */
export function presentV1Content(content: Content, tree: ExpansionTree, view: ContentPresentation) {
  const { surface, relations } = view;
  const wireId = wireContentId(content, surface);
  const space = content.spaceId === null ? undefined : relations.spaces.get(content.spaceId);
  const spaceLink = space ? `/rest/api/space/${space.key}` : '';
  const expandable: Record<string, string> = {};
  const expanded: Record<string, unknown> = {};
  const offer = (name: string, link: string, render: (subtree: ExpansionTree) => unknown) => {
    const subtree = tree.get(name);
    if (subtree === undefined) expandable[name] = link;
    else expanded[name] = render(subtree);
  };

  offer('childTypes', '', (subtree) => presentChildTypes(content, subtree, view));
  offer(
    'container',
    content.containerId === null ? spaceLink : `/rest/api/content/${content.containerId}`,
    (subtree) => {
      const container =
        content.containerId === null ? undefined : relations.containers.get(content.containerId);
      if (container) return presentV1Content(container, subtree, view);
      return space ? presentV1Space(space, surface) : null;
    },
  );
  const metadataOf = (subtree: ExpansionTree) => {
    const labels = subtree.has('labels') ? relations.labels.get(content.id) : undefined;
    // `metadata.properties.<key>`: each asked-for property that exists, by its key.
    const properties = subtree.get('properties')?.size ? relations.properties.get(content.id) : undefined;
    return {
      ...attachmentMetadata(content),
      ...(labels && { labels: presentV1InlineLabels(labels, wireId, surface, inlineLabelsWindow.limit) }),
      ...(properties && {
        properties: Object.fromEntries(
          properties.map((property) => [
            property.key,
            presentV1Property(property, { content }, surface, propertyExpansion),
          ]),
        ),
      }),
      _expandable: {
        ...(!labels && { labels: `/rest/api/content/${wireId}/label` }),
        ...(!properties && { properties: '' }),
      },
    };
  };
  // Attachments always carry their media type and comment in `metadata` (api-reference.md §1.9).
  if (content.type === 'attachment' && !tree.has('metadata')) expanded.metadata = metadataOf(emptyExpansion);
  else offer('metadata', '', metadataOf);
  offer('operations', '', () => []);
  offer('children', `/rest/api/content/${wireId}/child`, (subtree) =>
    presentCollection(content, 'children', subtree, view),
  );
  offer('restrictions', `/rest/api/content/${wireId}/restriction/byOperation`, () =>
    Object.fromEntries(
      (relations.restrictions.get(content.id) ?? []).map((restriction) => [
        restriction.operation,
        presentV1ContentRestriction(content, restriction, inlineRestrictionsWindow, surface),
      ]),
    ),
  );
  offer('history', `/rest/api/content/${wireId}/history`, (subtree) =>
    presentV1History(content, subtree, view),
  );
  offer('ancestors', '', (subtree) =>
    renderedWhenLong(relations.ancestors.get(content.id) ?? [], (ancestor) =>
      presentV1Content(ancestor, subtree, view),
    ),
  );
  offer('body', '', (subtree) => presentBody(content, subtree, surface));
  offer('version', '', () => presentV1Version(content, content.version, view));
  offer('descendants', `/rest/api/content/${wireId}/descendant`, (subtree) =>
    presentCollection(content, 'descendants', subtree, view),
  );
  offer('space', spaceLink, () => (space ? presentV1Space(space, surface) : null));

  return {
    id: wireId,
    type: content.type,
    status: content.status,
    title: content.title,
    ...expanded,
    extensions: extensionsOf(content, surface),
    _expandable: expandable,
    _links:
      content.type === 'attachment'
        ? {
            webui: attachmentWebuiOf(content),
            download: downloadPathOf(content, content.version, surface),
            self: `${surface.base}/rest/api/content/${wireId}`,
          }
        : {
            webui: webuiOf(content, space, surface),
            ...(content.type !== 'comment' && { edit: `/pages/resumedraft.action?draftId=${content.id}` }),
            self: `${surface.base}/rest/api/content/${wireId}`,
          },
  };
}

function attachmentMetadata(content: Content) {
  const file = content.version.file;
  if (content.type !== 'attachment' || !file) return {};
  return { mediaType: file.mediaType, comment: content.version.message };
}

/**
 * Attachments carry their file facts here, with the media file id and collection that ADF bodies name
 * (clients.md: on every v1 surface, for publishers that talk to a self-hosted server); Cloud adds the
 * media type's description.
 */
function extensionsOf(content: Content, surface: Surface) {
  const file = content.version.file;
  if (content.type === 'comment') return { location: content.commentLocation ?? 'footer' };
  if (content.type !== 'attachment' || !file) return { position: content.position ?? 'none' };
  const common = {
    mediaType: file.mediaType,
    fileSize: file.sizeBytes,
    comment: content.version.message,
    fileId: file.fileId,
    collectionName: `contentId-${content.containerId}`,
  };
  return surface.cloud ? { ...common, mediaTypeDescription: describeMediaType(file.mediaType) } : common;
}

export function presentV1History(content: Content, tree: ExpansionTree, view: ContentPresentation) {
  const { surface, relations } = view;
  const wireId = wireContentId(content, surface);
  const creator = content.creatorId === null ? undefined : relations.users.get(content.creatorId);
  const expandable: Record<string, string> = {};
  const expanded: Record<string, unknown> = {};
  if (tree.has('lastUpdated')) expanded.lastUpdated = presentV1Version(content, content.version, view);
  else expandable.lastUpdated = '';
  const beside = relations.versionsBeside.get(content.id);
  // The first version has none before it, the current none after; Confluence then leaves the field out.
  for (const [field, version] of [
    ['previousVersion', beside?.previous],
    ['nextVersion', beside?.next],
  ] as const) {
    if (!tree.has(field)) expandable[field] = '';
    else if (version) expanded[field] = presentV1Version(content, version, view);
  }
  const contributors = relations.contributors.get(content.id);
  if (tree.has('contributors') && contributors) {
    const users = contributors.map((id) => relations.users.get(id));
    expanded.contributors = {
      publishers: {
        users: users.map((user) => presentAuthor(user, surface)),
        userKeys: users.flatMap((user) => (user ? [user.userKey] : [])),
      },
    };
  } else {
    expandable.contributors = '';
  }
  return {
    latest: content.status !== 'historical',
    createdBy: presentAuthor(creator, surface),
    createdDate: isoOf(content.createdAtMs),
    ...expanded,
    _expandable: expandable,
    _links: { self: `${surface.base}/rest/api/content/${wireId}/history` },
  };
}

export const noExpansion = emptyExpansion;
