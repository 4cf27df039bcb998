import type { ExpansionTree } from '../../../domain/expansion.ts';
import type { Property } from '../../../domain/property.ts';
import type { FoundOwner } from '../../../services/properties/property-owner.ts';
import { wireContentId } from '../../common/content-ids.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';

/**
 * A content property (`JsonContentProperty` on Data Center, `ContentProperty` on Cloud) or a space property
 * (`JsonSpaceProperty`, `SpaceProperty`). `version` is expanded unless the client names its own expansions
 * (the specs' default); the owner (`content` or `space`) is a link unless expanded, when it arrives rendered
 * by its own presenter.
 */
export function presentV1Property(
  property: Property,
  owner: FoundOwner,
  surface: Surface,
  tree: ExpansionTree,
  renderedOwner?: unknown,
) {
  const [ownerName, ownerPath] =
    'space' in owner
      ? (['space', `/rest/api/space/${owner.space.key}`] as const)
      : (['content', `/rest/api/content/${wireContentId(owner.content, surface)}`] as const);
  const expanded: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  if (tree.has('version')) {
    const version = {
      when: isoOf(property.updatedAtMs),
      message: property.versionMessage,
      number: property.versionNumber,
      minorEdit: property.minorEdit,
      hidden: false,
    };
    // Only the content property's version says whether the content type changed (always false here).
    expanded.version = 'content' in owner ? { ...version, contentTypeModified: false } : version;
  } else {
    expandable.version = '';
  }
  if (renderedOwner !== undefined && tree.has(ownerName)) expanded[ownerName] = renderedOwner;
  else expandable[ownerName] = ownerPath;
  return {
    id: String(property.id),
    key: property.key,
    value: property.value,
    ...expanded,
    _links: { self: `${surface.base}${ownerPath}/property/${encodeURIComponent(property.key)}` },
    _expandable: expandable,
  };
}
