import type { Space } from '../../../domain/content.ts';
import { type ExpansionTree, emptyExpansion } from '../../../domain/expansion.ts';
import type { Label } from '../../../domain/label.ts';
import type { Slice } from '../../../domain/paging.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';
import { presentV1Label } from './label.ts';

/** How many of a space's labels `metadata.labels` inlines, as Cloud's space label list pages them. */
export const spaceLabelsInlined = 200;

export interface V1SpaceOptions {
  /** What `expand` asks for below the space: `description.plain`, `icon`, `homepage`, `history`. */
  expand?: ExpansionTree;
  /**
   * The home page as the content presenter renders it, shown when `homepage` is expanded. The caller
   * renders it so that this presenter and the content presenter (which shows spaces) need not import
   * each other.
   */
  homepage?: unknown;
  /** The labels on the space (its categories among them), shown when `metadata.labels` is expanded. */
  labels?: Slice<Label>;
  /** The response's top object: Confluence adds `base`, `context` and `collection` to its `_links`. */
  root?: boolean;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function presentDescription(space: Space, tree: ExpansionTree) {
  // `expand=description` alone gives the plain text: it is the only form we store, and clients that ask
  // for the description want its text.
  const wanted = tree.size === 0 ? new Set(['plain']) : new Set(tree.keys());
  const description: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  for (const representation of ['plain', 'view'] as const) {
    if (!wanted.has(representation)) {
      expandable[representation] = '';
      continue;
    }
    description[representation] = {
      value: representation === 'plain' ? space.description : escapeHtml(space.description),
      representation,
      embeddedContent: [],
    };
  }
  return { ...description, _expandable: expandable };
}

/**
 * A space as v1 and Data Center show it (the `Space` schema of both specs): `id` is a number there,
 * unlike content ids. Only what `expand` names is inlined; the rest is listed in `_expandable`.
 */
export function presentV1Space(space: Space, surface: Surface, options: V1SpaceOptions = {}) {
  const tree = options.expand ?? emptyExpansion;
  const key = space.key;
  const expanded: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  const offer = (name: string, link: string, render?: (subtree: ExpansionTree) => unknown) => {
    const subtree = tree.get(name);
    if (subtree === undefined || render === undefined) expandable[name] = link;
    else expanded[name] = render(subtree);
  };

  offer('settings', `/rest/api/space/${key}/settings`);
  const labels = options.labels;
  offer(
    'metadata',
    '',
    labels &&
      (() => ({
        labels: {
          results: labels.items.map(presentV1Label),
          start: 0,
          limit: spaceLabelsInlined,
          size: labels.items.length,
          _links: { self: `${surface.base}/rest/api/space/${key}/label` },
        },
      })),
  );
  offer('operations', '');
  offer('lookAndFeel', `/rest/api/settings/lookandfeel?spaceKey=${key}`);
  offer('identifiers', '');
  offer('permissions', '');
  offer('icon', '', () => ({
    path: `${surface.context}/images/logo/default-space-logo.svg`,
    width: 48,
    height: 48,
    isDefault: true,
  }));
  offer('description', '', (subtree) => presentDescription(space, subtree));
  offer('theme', `/rest/api/space/${key}/theme`);
  offer('history', '', () => ({ createdDate: isoOf(space.createdAtMs) }));
  if (space.homepageId !== null) {
    offer(
      'homepage',
      `/rest/api/content/${space.homepageId}`,
      options.homepage === undefined ? undefined : () => options.homepage,
    );
  }
  if (!surface.cloud) offer('retentionPolicy', '');

  return {
    id: space.id,
    key,
    name: space.name,
    ...expanded,
    type: space.type,
    status: space.status,
    _expandable: expandable,
    _links: {
      // Data Center's space home is /display/KEY; Cloud's is /spaces/KEY (both relative to `base`).
      webui: surface.cloud ? `/spaces/${key}` : `/display/${key}`,
      ...(options.root && { base: surface.base, context: surface.context, collection: '/rest/api/space' }),
      self: `${surface.base}/rest/api/space/${key}`,
    },
  };
}
