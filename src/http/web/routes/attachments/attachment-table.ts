import type { Content } from '../../../../domain/content.ts';
import type { User } from '../../../../domain/user.ts';
import { formatBytes, timeOf } from '../../formats.ts';
import { html, type SafeHtml } from '../../html.ts';
import { downloadUrlOf, previewUrlOf } from './attachment-urls.ts';
import { type AttachmentListQuery, listUrl, type SortColumn } from './list-query.ts';

const columns: readonly { column: SortColumn; label: string }[] = [
  { column: 'name', label: 'Name' },
  { column: 'size', label: 'Size' },
  { column: 'type', label: 'Type' },
  { column: 'modified', label: 'Modified' },
  { column: 'author', label: 'Author' },
];

/** "1 attachment", "1,800 attachments". */
export const attachmentsWord = (n: number) =>
  n === 1 ? '1 attachment' : `${n.toLocaleString('en')} attachments`;

/** A column header: a link that sorts by it (the other way when it already does), with aria-sort. */
function header(base: string, query: AttachmentListQuery, column: SortColumn, label: string): SafeHtml {
  const active = query.sort === column;
  const direction = active && query.direction === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = active ? (query.direction === 'asc' ? ' ▲' : ' ▼') : '';
  return html`<th scope="col" aria-sort="${ariaSort}"><a href="${listUrl(base, query, { sort: column, direction })}">${label}<span aria-hidden="true">${arrow}</span></a></th>`;
}

function row(contextPath: string, attachment: Content, authors: ReadonlyMap<number, User>): SafeHtml {
  const { version } = attachment;
  const file = version.file;
  const author = version.authorId === null ? undefined : authors.get(version.authorId);
  return html`<tr data-attachment-id="${attachment.id}" data-title="${attachment.title}" data-version="${version.number}" data-media-type="${file?.mediaType ?? ''}">
<td class="select"><input type="checkbox" name="id" value="${attachment.id}" aria-label="Select ${attachment.title}"></td>
<td class="name"><a href="${downloadUrlOf(contextPath, attachment)}" download>${attachment.title}</a> <a class="preview-link" href="${previewUrlOf(attachment)}" aria-label="Preview ${attachment.title}">Preview</a></td>
<td class="size" title="${file?.sizeBytes ?? 0} bytes">${formatBytes(file?.sizeBytes ?? 0)}</td>
<td class="type">${file?.mediaType ?? ''}</td>
<td class="modified">${timeOf(version.createdAtMs)}</td>
<td class="author">${author?.displayName ?? 'Unknown user'}</td>
<td class="version">${version.number}</td>
<td class="comment">${version.message}</td>
<td class="actions"><button type="button" class="link versions-button" aria-label="Versions of ${attachment.title}">Versions</button></td>
</tr>`;
}

/** The list of attachments: a checkbox per row for the bulk actions, sortable column headers. */
export function attachmentTable(
  view: { root: string; contextPath: string },
  base: string,
  query: AttachmentListQuery,
  attachments: readonly Content[],
  authors: ReadonlyMap<number, User>,
): SafeHtml {
  return html`<div class="table-scroll"><table class="grid attachment-table" id="attachment-table">
<caption class="visually-hidden">Attachments, sorted by ${query.sort}</caption>
<colgroup><col class="col-select"><col class="col-name"><col class="col-size"><col class="col-type"><col class="col-modified"><col class="col-author"><col class="col-version"><col class="col-comment"><col class="col-actions"></colgroup>
<thead><tr>
<th scope="col" class="select"><input type="checkbox" id="select-all" aria-label="Select all on this page"></th>
${columns.map(({ column, label }) => header(base, query, column, label))}
<th scope="col">Version</th><th scope="col">Comment</th><th scope="col"><span class="visually-hidden">Actions</span></th>
</tr></thead>
<tbody>${attachments.map((attachment) => row(view.contextPath, attachment, authors))}</tbody>
</table></div>`;
}
