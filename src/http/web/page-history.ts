import type { Content, ContentVersion } from '../../domain/content.ts';
import type { Slice } from '../../domain/paging.ts';
import type { User } from '../../domain/user.ts';
import { timeOf } from './formats.ts';
import { html, type SafeHtml } from './html.ts';
import { screenUrls } from './urls.ts';
import type { WebView } from './web-view.ts';

/** Versions listed under an item: the newest few; older ones stay one `pageVersion` link away. */
export const historyWindow = { start: 0, limit: 10 };

/** Cloud's link to an old version of a page: `/pages/viewpage.action?pageId=ID&pageVersion=N`. */
export const versionHref = (view: Pick<WebView, 'root'>, contentId: number, versionNumber: number) =>
  `${screenUrls(view).page(contentId)}&pageVersion=${versionNumber}`;

/** The item's history, newest first; the version on screen is marked. */
export function historySection(
  view: WebView,
  content: Content,
  versions: Slice<ContentVersion>,
  users: ReadonlyMap<number, User>,
): SafeHtml {
  const newest = versions.items[0]?.number;
  return html`<details class="history">
    <summary>History (${versions.total} ${versions.total === 1 ? 'version' : 'versions'})</summary>
    <ol>${versions.items.map((version) => {
      const author =
        (version.authorId === null ? undefined : users.get(version.authorId)?.displayName) ?? 'Anonymous';
      const href =
        version.number === newest
          ? screenUrls(view).page(content.id)
          : versionHref(view, content.id, version.number);
      const shown = version.number === content.version.number;
      return html`<li>
        <a href="${href}" ${shown && html`aria-current="page"`}>Version ${version.number}</a>
        by ${author}, ${timeOf(version.createdAtMs)}${version.message && html`: ${version.message}`}
      </li>`;
    })}</ol>
    ${versions.total > versions.items.length && html`<p class="page-meta">Older versions are not listed here.</p>`}
  </details>`;
}
