import type { Content, Space } from '../../../domain/content.ts';
import type { Keyset } from '../../../domain/paging.ts';
import type { SpaceTrashPage, TrashEntry } from '../../../services/trash/browse-space-trash.ts';
import type { TrashItemOutcome } from '../../../services/trash/trash-item-outcome.ts';
import { bytesCell, timeOf, typeName } from '../formats.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, type Screen } from '../layout.ts';
import { spaceTabs } from '../space-tabs.ts';
import { screenUrls } from '../urls.ts';
import type { WebView } from '../web-view.ts';

/** The URLs of the trash's actions, at Data Center's own names for them. */
export function trashActionUrls(view: WebView, key: string) {
  const q = encodeURIComponent(key);
  return {
    restore: `${view.root}/pages/restoretrashitem.action?key=${q}`,
    purge: `${view.root}/pages/purgetrashitem.action?key=${q}`,
    empty: `${view.root}/pages/emptytrash.action?key=${q}`,
  };
}

/** A keyset position in a link: `sortValue.id`, both whole numbers (the trash time and the item id). */
export const cursorOf = (next: Keyset) => `${next.sortValue}.${next.id}`;

export function keysetOf(cursor: string | undefined): Keyset | undefined {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(cursor ?? '');
  if (!match) return undefined;
  return { sortValue: Number(match[1]), id: Number(match[2]) };
}

/** What a bulk action did, in a notice that is read out when it appears. */
export function outcomeNotice(verb: string, outcomes: readonly TrashItemOutcome[]): SafeHtml {
  const done = outcomes.filter((outcome) => outcome.done);
  const failed = outcomes.filter((outcome) => !outcome.done);
  const count = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  return html`<div class="notice ${failed.length > 0 ? 'error' : 'ok'}" role="status">
    ${done.length > 0 && html`<p>${verb} ${count(done.length)}: ${done.map((outcome) => outcome.title).join(', ')}.</p>`}
    ${
      failed.length > 0 &&
      html`<p>${count(failed.length)} could not be ${verb.toLowerCase()}:</p>
        <ul>${failed.map((outcome) => html`<li>${outcome.title}: ${outcome.message ?? ''}</li>`)}</ul>`
    }
  </div>`;
}

function placeOf(view: WebView, entry: TrashEntry): SafeHtml | string {
  const { place } = entry;
  if (!place) return html`<span class="muted">Top of the space</span>`;
  if (place.status !== 'current') return html`${place.title} <span class="muted">(in the trash)</span>`;
  const urls = screenUrls(view);
  const href = entry.content.type === 'attachment' ? urls.attachments(place.id) : urls.page(place.id);
  return html`<a href="${href}">${place.title}</a>`;
}

function row(
  view: WebView,
  entry: TrashEntry,
  mayPurge: boolean,
  actions: ReturnType<typeof trashActionUrls>,
): SafeHtml {
  const { content } = entry;
  const file = content.version.file;
  return html`<tr>
    <td><input type="checkbox" name="id" value="${content.id}" aria-label="Select ${content.title}"></td>
    <td class="title">${content.title}</td>
    <td>${typeName(content.type)}</td>
    <td>${placeOf(view, entry)}</td>
    <td>${entry.trashedAtMs === null ? html`<span class="muted">Not known</span>` : timeOf(entry.trashedAtMs)}</td>
    <td>${entry.trashedBy ?? html`<span class="muted">Not known</span>`}</td>
    <td class="number">${file ? bytesCell(file.sizeBytes) : ''}</td>
    <td class="row-actions">
      <button type="submit" name="one" value="${content.id}" formaction="${actions.restore}"
        data-action="restore" aria-label="Restore ${content.title}">Restore</button>
      ${
        mayPurge &&
        html`<button type="submit" name="one" value="${content.id}" class="danger" formaction="${actions.purge}"
          data-action="purge"
          aria-label="Purge ${content.title}">Purge…</button>`
      }
    </td>
  </tr>`;
}

/** The trash of a space: one page of items, newest first, with restore and purge for one or many. */
export function trashScreen(
  view: WebView,
  trash: SpaceTrashPage,
  options: { notice?: SafeHtml | undefined; paged: boolean },
): Screen {
  const { space } = trash;
  const urls = screenUrls(view);
  const actions = trashActionUrls(view, space.key);
  // Per-row buttons share the form: they name the action's URL by `formaction`, their item by `one`.
  const table = html`<div class="table-scroll"><table class="grid trash-table">
    <caption class="visually-hidden">Items in the trash of ${space.name}</caption>
    <thead><tr>
      <th scope="col"><input type="checkbox" id="select-all" hidden aria-label="Select every item on this page"></th>
      <th scope="col">Title</th><th scope="col">Type</th><th scope="col">Where it was</th>
      <th scope="col">Trashed</th><th scope="col">By</th><th scope="col" class="number">Size</th>
      <th scope="col">Actions</th>
    </tr></thead>
    <tbody>${trash.items.map((entry) => row(view, entry, trash.mayPurge, actions))}</tbody>
  </table></div>`;
  const main = html`<h1>Trash <span class="muted">${space.name}</span></h1>
    ${spaceTabs(view, space, 'trash')}
    ${options.notice}
    <p class="trash-summary">${trashCount(trash.total)}. Restore puts an item back where it was; purge
      removes it for good, with its files when nothing else uses them.</p>
    ${
      !trash.mayPurge &&
      trash.total > 0 &&
      html`<p class="notice">Only administrators of this space can purge items from its trash.</p>`
    }
    ${
      trash.items.length === 0
        ? html`<p class="empty">${options.paged ? 'No more items.' : 'The trash is empty.'}</p>`
        : html`<form method="post" action="${actions.restore}" class="trash-form">
            ${csrfField(view)}
            <div class="toolbar" role="group" aria-label="Selected items">
              <button type="submit" class="primary" formaction="${actions.restore}" data-needs-selection>Restore selected</button>
              ${trash.mayPurge && html`<button type="submit" class="danger" formaction="${actions.purge}" data-needs-selection>Purge selected…</button>`}
              <span class="selection-count" aria-live="polite"></span>
            </div>
            ${table}
          </form>`
    }
    <div class="pager">
      ${options.paged && html`<a href="${urls.trash(space.key)}">Newest items</a>`}
      ${trash.next && html`<a href="${urls.trash(space.key)}&amp;after=${cursorOf(trash.next)}" rel="next">Older items</a>`}
    </div>
    ${
      trash.mayPurge &&
      trash.total > 0 &&
      html`<form method="post" action="${actions.empty}" class="empty-trash">
        ${csrfField(view)}<button type="submit" class="danger">Empty trash…</button>
      </form>`
    }`;
  return {
    title: `Trash - ${space.name}`,
    main,
    breadcrumbs: [{ label: space.name, href: urls.space(space.key) }],
    scripts: ['trash.js'],
    styles: ['space-admin.css'],
  };
}

const trashCount = (total: number) =>
  total === 0 ? 'Nothing is in the trash' : `${total} item${total === 1 ? '' : 's'} in the trash`;

/** Asks before a purge, listing exactly what will go. */
export function purgeConfirmScreen(
  view: WebView,
  space: Space,
  items: readonly Content[],
  options: { empty: boolean; total?: number },
): Screen {
  const urls = screenUrls(view);
  const actions = trashActionUrls(view, space.key);
  const count = options.empty ? (options.total ?? items.length) : items.length;
  const what = `${count} item${count === 1 ? '' : 's'}`;
  const main = html`<h1>${options.empty ? `Empty the trash of ${space.name}?` : `Purge ${what}?`}</h1>
    ${spaceTabs(view, space, 'trash')}
    <p>${options.empty ? `All ${what} in the trash` : `These ${what}`} will be removed for good, with their
      attachments and versions. Files nothing else uses are deleted. This cannot be undone.</p>
    <ul class="doomed-list">${items.map(
      (item) => html`<li>${item.title} <span class="muted">${typeName(item.type)}</span>
        ${item.version.file && html`<span class="muted">${bytesCell(item.version.file.sizeBytes)}</span>`}</li>`,
    )}</ul>
    ${options.empty && count > items.length && html`<p class="muted">… and ${count - items.length} more.</p>`}
    <form method="post" action="${options.empty ? actions.empty : actions.purge}" class="toolbar">
      ${csrfField(view)}
      ${!options.empty && items.map((item) => html`<input type="hidden" name="id" value="${item.id}">`)}
      <input type="hidden" name="confirmed" value="yes">
      <button type="submit" class="danger">${options.empty ? 'Empty trash' : `Purge ${what}`}</button>
      <a class="button" href="${urls.trash(space.key)}">Cancel</a>
    </form>`;
  return {
    title: options.empty ? `Empty trash - ${space.name}` : `Purge - ${space.name}`,
    main,
    breadcrumbs: [
      { label: space.name, href: urls.space(space.key) },
      { label: 'Trash', href: urls.trash(space.key) },
    ],
    styles: ['space-admin.css'],
  };
}
