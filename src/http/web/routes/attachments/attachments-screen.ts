import type { FastifyInstance } from 'fastify';
import { browsePageAttachments } from '../../../../services/attachments/browse-page-attachments.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { html } from '../../html.ts';
import { sendScreen } from '../../layout.ts';
import { screenQueryOf } from '../../schemas.ts';
import { screenUrls } from '../../urls.ts';
import type { WebDeps } from '../../web-deps.ts';
import { webViewOf } from '../../web-view.ts';
import { previewedAttachment, previewPanel } from './attachment-preview.ts';
import { attachmentsWord, attachmentTable } from './attachment-table.ts';
import {
  type AttachmentListQuery,
  browseFilterOf,
  browseSortOf,
  encodeCursor,
  isFiltered,
  listQueryOf,
  listUrl,
  pageSize,
} from './list-query.ts';

const ScreenQuery = screenQueryOf(
  'pageId',
  'sort',
  'order',
  'name',
  'match',
  'type',
  'before',
  'cursor',
  'preview',
  'trashed',
  'refused',
);

const countOf = (value: string | string[] | undefined) => {
  const text = singleField(value);
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
};

/** After "Move all matching to trash" (a redirect here): what went, and what the visitor may not trash. */
function trashedNotice(query: { trashed?: string | string[]; refused?: string | string[] }) {
  const trashed = countOf(query.trashed);
  if (trashed === undefined) return '';
  const refused = countOf(query.refused) ?? 0;
  return html`<p class="notice ${refused > 0 ? 'error' : 'ok'}" role="status" id="attachment-notice">Moved ${attachmentsWord(trashed)} to the trash.${refused > 0 && html` ${attachmentsWord(refused)} could not be moved: you may not delete ${refused === 1 ? 'it' : 'them'}.`}</p>`;
}

function filterForm(query: AttachmentListQuery) {
  return html`<form class="toolbar attachment-filter" method="get" role="search" aria-label="Filter attachments">
<input type="hidden" name="pageId" value="${query.pageId}">
${query.sort !== 'name' && html`<input type="hidden" name="sort" value="${query.sort}">`}
${query.direction !== 'asc' && html`<input type="hidden" name="order" value="${query.direction}">`}
<label for="filter-name">Name</label>
<select name="match" aria-label="How the name matches">
  <option value="contains"${query.match === 'contains' ? ' selected' : ''}>contains</option>
  <option value="prefix"${query.match === 'prefix' ? ' selected' : ''}>starts with</option>
</select>
<input id="filter-name" type="search" name="name" value="${query.name}">
<label for="filter-type">Type</label>
<input id="filter-type" type="search" name="type" value="${query.type}" placeholder="image/png or pdf">
<label for="filter-before">Modified before</label>
<input id="filter-before" type="date" name="before" value="${query.before}">
<button type="submit">Filter</button>
</form>`;
}

/** Confluence's attachments screen for a page: `/pages/viewpageattachments.action?pageId=…`. */
export function attachmentsScreenRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/pages/viewpageattachments.action',
      { schema: { querystring: ScreenQuery } },
      async (request, reply) => {
        const view = webViewOf(request, deps.contextPath);
        const query = listQueryOf(request.query);
        const listed = await browsePageAttachments(deps.services, request.principal, {
          pageId: query.pageId,
          filter: browseFilterOf(query),
          sort: browseSortOf(query),
          from: query.from,
          limit: pageSize,
        });
        const urls = screenUrls(view);
        const base = urls.attachments(query.pageId).split('?')[0] ?? '';
        const previewed = await previewedAttachment(
          deps.services,
          request.principal,
          query.pageId,
          query.preview,
        );
        const { container } = listed;
        const space =
          container.spaceId === null
            ? undefined
            : await deps.services.store.spaces.findById(container.spaceId);
        const count = attachmentsWord(listed.total);
        const trashAllUrl = listUrl(`${view.root}/pages/trashmatchingattachments.action`, query, {});
        const main = html`<h1>Attachments of <a href="${urls.page(container.id)}">${container.title}</a></h1>
${trashedNotice(request.query)}
${previewed && previewPanel(view.contextPath, listUrl(base, query, {}), previewed)}
${filterForm(query)}
<section class="attachment-upload" id="attachment-upload" aria-labelledby="upload-heading">
  <h2 id="upload-heading" class="visually-hidden">Upload</h2>
  <label class="button" for="upload-input">Upload files…</label>
  <input id="upload-input" class="visually-hidden" type="file" multiple>
  <span class="hint">or drop files on the list; drop one on a row for a new version of it.</span>
  <ul class="upload-progress" id="upload-progress" aria-live="polite"></ul>
</section>
<form id="attachment-bulk" class="attachment-bulk" method="get" action="${view.root}/pages/downloadattachments.action"
  data-page-id="${container.id}">
<input type="hidden" name="pageId" value="${container.id}">
<div class="toolbar">
  <button type="submit" id="download-selected">Download selected (zip)</button>
  <button type="button" class="danger" id="trash-selected">Move selected to trash</button>
  <span class="count" id="attachment-count">${count}</span>
  ${isFiltered(query) && listed.total > 0 && html`<a class="button danger" id="trash-matching" href="${trashAllUrl}">Move all ${listed.total.toLocaleString('en')} matching to trash</a>`}
</div>
${
  listed.attachments.length === 0
    ? html`<p class="empty" id="attachment-empty">${listed.total === 0 && !isFiltered(query) ? 'This page has no attachments yet.' : 'No attachment matches.'}</p>`
    : ''
}
${attachmentTable(view, base, query, listed.attachments, listed.authors)}
</form>
<nav class="pager" aria-label="Pages of attachments">
${query.from !== undefined && html`<a href="${listUrl(base, query, {})}">First</a>`}
${listed.previous && html`<a rel="prev" href="${listUrl(base, query, { cursor: encodeCursor(listed.previous, true) })}">Previous</a>`}
${listed.next && html`<a rel="next" href="${listUrl(base, query, { cursor: encodeCursor(listed.next, false) })}">Next</a>`}
</nav>
<section class="attachment-versions" id="attachment-versions" hidden aria-labelledby="versions-heading" tabindex="-1"></section>`;
        const breadcrumbs = [
          ...(space ? [{ label: space.name, href: urls.space(space.key) }] : []),
          { label: container.title, href: urls.page(container.id) },
        ];
        return sendScreen(reply, view, {
          title: `Attachments - ${container.title}`,
          main,
          breadcrumbs,
          scripts: ['attachments.js'],
          styles: ['attachments.css'],
          kind: 'attachments-screen',
        });
      },
    );
  };
}
