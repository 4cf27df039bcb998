import { type Content, isPageTreeType, pageTreeTypes, type Space } from '../../domain/content.ts';
import { ascending, type KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ContentSort } from '../../ports/content-store.ts';
import { listContentByKeyset } from '../../services/content/list-content.ts';
import { listDirectChildren } from '../../services/content/list-direct-children.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { html, type SafeHtml } from './html.ts';
import { screenUrls } from './urls.ts';
import type { WebView } from './web-view.ts';

/** Items shown per level: a space with thousands of pages at one level still answers in one short query. */
export const treeLevelCap = 100;

const levelWindow: KeysetWindow<ContentSort> = {
  sort: ascending('title'),
  after: undefined,
  limit: treeLevelCap + 1,
};

export interface TreePlace {
  space: Space;
  /** The items above the current one, root first, then the current one: the branch shown open. */
  path: readonly Content[];
  currentId?: number | undefined;
}

/**
 * The space's page tree for the sidebar: the top level, and the children of each item on the way down to
 * the current one (one query per level, each capped). Opening an item opens its branch, so the whole tree
 * is reachable without ever loading it whole. Only what the visitor may see is listed (the services'
 * viewer rule, as the API's children and tree lists).
 */
export async function pageTree(
  deps: ServiceDeps,
  principal: Principal,
  view: WebView,
  place: TreePlace,
): Promise<SafeHtml> {
  const branch = place.path.filter((item) => isPageTreeType(item.type));
  const [roots, ...levels] = await Promise.all([
    listContentByKeyset(
      deps,
      principal,
      { types: pageTreeTypes, statuses: ['current'], spaceIds: [place.space.id], rootOnly: true },
      levelWindow,
    ),
    ...branch.map((item) =>
      listDirectChildren(deps, principal, { id: item.id, type: item.type }, levelWindow),
    ),
  ]);
  const childrenOf = new Map(branch.map((item, index) => [item.id, levels[index]?.items ?? []]));
  const urls = screenUrls(view);
  const list = (items: readonly Content[]): SafeHtml => html`<ul>
    ${items.slice(0, treeLevelCap).map((item) => {
      const children = childrenOf.get(item.id);
      const current = item.id === place.currentId;
      return html`<li>
        <a href="${urls.page(item.id)}" ${current && html`aria-current="page"`}>${item.title}</a>
        ${children !== undefined && children.length > 0 && list(children)}
      </li>`;
    })}
    ${items.length > treeLevelCap && html`<li class="tree-more">More pages not listed here; use search.</li>`}
  </ul>`;
  return html`<nav class="page-tree" aria-label="Page tree">
    <h2><a href="${urls.space(place.space.key)}">${place.space.name}</a></h2>
    ${roots.items.length === 0 ? html`<p class="empty">No pages yet.</p>` : list(roots.items)}
  </nav>`;
}
