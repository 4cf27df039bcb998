import type { Content } from '../../../domain/content.ts';
import type { ExpansionTree } from '../../../domain/expansion.ts';
import type { Property } from '../../../domain/property.ts';
import { wireContentId } from '../../common/content-ids.ts';
import type { Surface } from '../../common/surface.ts';
import { presentV1PropertyVersion } from './property-version.ts';

/**
 * A content property (`JsonContentProperty` on Data Center, `ContentProperty` on Cloud). `version` is
 * expanded unless the client names its own expansions (both specs); `content`, when expanded, arrives
 * rendered by the content presenter.
 */
export function presentV1ContentProperty(
  property: Property,
  content: Content,
  surface: Surface,
  tree: ExpansionTree,
  renderedContent?: unknown,
) {
  const wireId = wireContentId(content, surface);
  const expanded: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  if (tree.has('version')) {
    expanded.version = { ...presentV1PropertyVersion(property), contentTypeModified: false };
  } else {
    expandable.version = '';
  }
  if (renderedContent !== undefined && tree.has('content')) expanded.content = renderedContent;
  else expandable.content = `/rest/api/content/${wireId}`;
  return {
    id: String(property.id),
    key: property.key,
    value: property.value,
    ...expanded,
    _links: {
      self: `${surface.base}/rest/api/content/${wireId}/property/${encodeURIComponent(property.key)}`,
    },
    _expandable: expandable,
  };
}
