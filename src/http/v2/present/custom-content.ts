import type { Content, ContentVersion } from '../../../domain/content.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';
import { accountIdOf, bodyOf, presentV2Version, type V2ContentView, webuiOf } from './page.ts';

/** `CustomContentBodyRepresentation` (lists) and `CustomContentBodyRepresentationSingle`. */
export const customBulkBodyFormats = ['raw', 'storage', 'atlas_doc_format'] as const;
export const customSingleBodyFormats = [
  ...customBulkBodyFormats,
  'view',
  'export_view',
  'anonymous_export_view',
] as const;
export type CustomBodyFormat = (typeof customSingleBodyFormats)[number];

export interface V2CustomContentView extends Omit<V2ContentView, 'bodyFormat'> {
  bodyFormat?: CustomBodyFormat | undefined;
}

/**
 * `raw` is the text as the app wrote it, whatever its representation; an app's raw text (often JSON) has
 * no rendering, so asking raw content for storage or a view gives no body.
 */
function customBodyOf(content: Content, version: ContentVersion, format: CustomBodyFormat, surface: Surface) {
  const stored = version.body ?? { representation: 'storage', value: '' };
  if (format === 'raw') return { raw: { representation: 'raw', value: stored.value } };
  if (stored.representation === 'raw') return {};
  return bodyOf(content, version, format, surface);
}

/** The `pageId`, `blogPostId` or `customContentId` of what holds the item; none when it sits in its space. */
function containerFieldOf(content: Content, view: V2CustomContentView) {
  if (content.containerId === null) return {};
  const id = String(content.containerId);
  switch (view.relations.containers.get(content.containerId)?.type) {
    case 'page':
      return { pageId: id };
    case 'blogpost':
      return { blogPostId: id };
    case 'custom':
      return { customContentId: id };
    default:
      return {};
  }
}

/** `CustomContentBulk` / `CustomContentSingle`: `type` is the app's own type. */
export function presentV2CustomContent(content: Content, view: V2CustomContentView) {
  const authorId = accountIdOf(content.creatorId, view);
  return {
    id: String(content.id),
    type: content.customType ?? '',
    status: content.status,
    title: content.title,
    spaceId: String(content.spaceId ?? ''),
    ...containerFieldOf(content, view),
    ...(authorId !== undefined && { authorId }),
    createdAt: isoOf(content.createdAtMs),
    ...(view.includeVersion !== false && { version: presentV2Version(content.version, view) }),
    ...(view.bodyFormat && { body: customBodyOf(content, content.version, view.bodyFormat, view.surface) }),
    _links: { webui: webuiOf(content, view), ...(view.root && { base: view.surface.base }) },
  };
}

/** `CustomContentVersion`: the version and, as `custom`, what it versions. */
export function presentV2CustomContentVersion(
  content: Content,
  version: ContentVersion,
  view: V2CustomContentView,
) {
  return {
    ...presentV2Version(version, view),
    custom: {
      id: String(content.id),
      title: version.title,
      ...(view.bodyFormat && { body: customBodyOf(content, version, view.bodyFormat, view.surface) }),
    },
  };
}

/** `ChildCustomContent`. */
export function presentV2ChildCustomContent(content: Content) {
  return {
    id: String(content.id),
    status: content.status,
    title: content.title,
    type: content.customType ?? '',
    spaceId: String(content.spaceId ?? ''),
  };
}
