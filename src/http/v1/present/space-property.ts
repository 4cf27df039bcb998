import type { Space } from '../../../domain/content.ts';
import type { ExpansionTree } from '../../../domain/expansion.ts';
import type { Property } from '../../../domain/property.ts';
import type { Surface } from '../../common/surface.ts';
import { presentV1PropertyVersion } from './property-version.ts';
import { presentV1Space } from './space.ts';

/**
 * A space property (`JsonSpaceProperty` on Data Center, `SpaceProperty` on Cloud). Confluence expands
 * `version` unless the client names its own expansions; the space is a link unless expanded.
 */
export function presentV1SpaceProperty(
  property: Property,
  space: Space,
  surface: Surface,
  tree: ExpansionTree,
) {
  const expanded: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  if (tree.has('version')) {
    expanded.version = presentV1PropertyVersion(property);
  } else {
    expandable.version = '';
  }
  const spaceTree = tree.get('space');
  if (spaceTree) expanded.space = presentV1Space(space, surface, { expand: spaceTree });
  else expandable.space = `/rest/api/space/${space.key}`;
  return {
    id: String(property.id),
    key: property.key,
    value: property.value,
    ...expanded,
    _links: {
      self: `${surface.base}/rest/api/space/${space.key}/property/${encodeURIComponent(property.key)}`,
    },
    _expandable: expandable,
  };
}
