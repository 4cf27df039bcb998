import type { Content, ContentVersion } from '../../domain/content.ts';
import type { Surface } from './surface.ts';

/**
 * The classic servlet link clients regex the container id out of (api-reference.md §0.6), relative to
 * `_links.base`. Cloud adds `cacheVersion=1`; Data Center does not.
 */
export function downloadPathOf(attachment: Content, version: ContentVersion, surface: Surface): string {
  const name = encodeURIComponent(version.title);
  const cache = surface.cloud ? '&cacheVersion=1' : '';
  return `/download/attachments/${attachment.containerId}/${name}?version=${version.number}&modificationDate=${version.createdAtMs}${cache}&api=v2`;
}

/** Where an image attachment's thumbnail is served, relative to `_links.base`. */
export function thumbnailPathOf(attachment: Content, version: ContentVersion): string {
  return `/download/thumbnails/${attachment.containerId}/${encodeURIComponent(version.title)}?version=${version.number}`;
}

/** Preview links use the numeric id even on Cloud (api-reference.md §0.4). */
export function attachmentWebuiOf(attachment: Content): string {
  const preview = encodeURIComponent(`/${attachment.containerId}/${attachment.id}/${attachment.title}`);
  return `/pages/viewpageattachments.action?pageId=${attachment.containerId}&preview=${preview}`;
}
