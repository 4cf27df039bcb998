import type { Space } from '../../domain/content.ts';
import { html, type SafeHtml } from './html.ts';
import { screenUrls } from './urls.ts';
import type { WebView } from './web-view.ts';

export type SpaceTab = 'pages' | 'trash' | 'storage' | 'permissions';

/** The space's own navigation, the same on each of its screens. */
export function spaceTabs(view: WebView, space: Space, current: SpaceTab): SafeHtml {
  const urls = screenUrls(view);
  const tabs: [SpaceTab, string, string][] = [
    ['pages', 'Pages', urls.space(space.key)],
    ['trash', 'Trash', urls.trash(space.key)],
    ['storage', 'Storage', urls.storage(space.key)],
    ['permissions', 'Permissions', urls.spacePermissions(space.key)],
  ];
  return html`<nav class="space-tabs" aria-label="${space.name}">
    <ul>${tabs.map(
      ([tab, label, href]) =>
        html`<li><a href="${href}" ${tab === current && html`aria-current="page"`}>${label}</a></li>`,
    )}</ul>
  </nav>`;
}
