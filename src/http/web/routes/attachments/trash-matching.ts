import type { FastifyInstance } from 'fastify';
import type { Space } from '../../../../domain/content.ts';
import { badRequest, isDomainError } from '../../../../domain/errors.ts';
import {
  type MatchingPreview,
  previewMatchingAttachments,
  trashMatchingAttachments,
} from '../../../../services/attachments/trash-matching-attachments.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { formatBytes, timeOf } from '../../formats.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, sendScreen } from '../../layout.ts';
import { formOf, screenQueryOf } from '../../schemas.ts';
import { screenUrls } from '../../urls.ts';
import type { WebDeps } from '../../web-deps.ts';
import { type WebView, webViewOf } from '../../web-view.ts';
import { attachmentsWord } from './attachment-table.ts';
import {
  type AttachmentListQuery,
  browseFilterOf,
  browseSortOf,
  listQueryOf,
  listUrl,
} from './list-query.ts';

const filterFields = ['pageId', 'sort', 'order', 'name', 'match', 'type', 'before'] as const;
const PreviewQuery = screenQueryOf(...filterFields);
const ConfirmForm = formOf(...filterFields, 'expectedCount');

const path = '/pages/trashmatchingattachments.action';
const listBaseOf = (view: WebView, pageId: number) =>
  screenUrls(view).attachments(pageId).split('?')[0] ?? '';

/** The filter in words, as the visitor set it on the attachments screen. */
function filterWords(query: AttachmentListQuery): string {
  const parts = [
    query.name !== '' && `name ${query.match === 'prefix' ? 'starts with' : 'contains'} “${query.name}”`,
    query.type !== '' && `type ${query.type}`,
    query.before !== '' && `modified before ${query.before} (UTC)`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.join(', ');
}

/** How many match, their bytes, the first few, and the form that trashes exactly that many. */
function previewScreen(
  view: WebView,
  query: AttachmentListQuery,
  preview: MatchingPreview,
  space: Space | undefined,
  notice?: SafeHtml,
) {
  const { container, count, sizeBytes, sample } = preview;
  const back = listUrl(listBaseOf(view, container.id), query, {});
  const main = html`<h1>Move matching attachments of <a href="${screenUrls(view).page(container.id)}">${container.title}</a> to the trash</h1>
${notice}
<p>Matching: ${filterWords(query)}.</p>
${
  count === 0
    ? html`<p class="notice" role="status" id="trash-matching-summary">No attachment matches: nothing would be moved.</p>
<p><a href="${back}">Back to the attachments</a></p>`
    : html`<p class="notice" role="status" id="trash-matching-summary"><strong>${attachmentsWord(count)}</strong>
(<span title="${sizeBytes} bytes">${formatBytes(sizeBytes)}</span>) match and would go to the space's trash, where they
can be restored until the trash is purged.</p>
<div class="table-scroll"><table class="grid" id="trash-matching-sample">
<caption>${sample.length < count ? `The first ${sample.length} of ${count.toLocaleString('en')}` : 'Every attachment that goes'}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col">Modified</th></tr></thead>
<tbody>${sample.map(
        (attachment) => html`<tr data-attachment-id="${attachment.id}"><td>${attachment.title}</td>
<td>${formatBytes(attachment.version.file?.sizeBytes ?? 0)}</td><td>${timeOf(attachment.version.createdAtMs)}</td></tr>`,
      )}</tbody></table></div>
<form method="post" action="${view.root}${path}" class="toolbar">
${csrfField(view)}
<input type="hidden" name="pageId" value="${container.id}">
<input type="hidden" name="sort" value="${query.sort}">
<input type="hidden" name="order" value="${query.direction}">
<input type="hidden" name="name" value="${query.name}">
<input type="hidden" name="match" value="${query.match}">
<input type="hidden" name="type" value="${query.type}">
<input type="hidden" name="before" value="${query.before}">
<input type="hidden" name="expectedCount" value="${count}">
<button type="submit" class="danger" id="trash-matching-confirm">Move ${attachmentsWord(count)} to trash</button>
<a class="button" href="${back}">Cancel</a>
</form>`
}`;
  return {
    title: `Move matching attachments to trash - ${container.title}`,
    main,
    breadcrumbs: [
      ...(space ? [{ label: space.name, href: screenUrls(view).space(space.key) }] : []),
      { label: container.title, href: screenUrls(view).page(container.id) },
      { label: 'Attachments', href: back },
    ],
    styles: ['attachments.css'],
  };
}

/**
 * "Move all N matching to trash" from the attachments screen: a preview (GET, changes nothing) of what the
 * screen's filter matches, then the trash itself (POST) with the count the preview showed, so that what
 * goes is what was shown; when it differs, the new preview comes back (409) and nothing has gone.
 */
export function trashMatchingRoutes(deps: WebDeps) {
  const services = deps.services;
  const spaceOf = async (preview: MatchingPreview) =>
    preview.container.spaceId === null
      ? undefined
      : services.store.spaces.findById(preview.container.spaceId);
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    app.get(path, { schema: { querystring: PreviewQuery } }, async (request, reply) => {
      const view = webViewOf(request, deps.contextPath);
      const query = listQueryOf(request.query);
      const preview = await previewMatchingAttachments(services, request.principal, query.pageId, {
        filter: browseFilterOf(query),
        sort: browseSortOf(query),
      });
      return sendScreen(reply, view, previewScreen(view, query, preview, await spaceOf(preview)));
    });

    app.post(path, { schema: { body: ConfirmForm } }, async (request, reply) => {
      const view = webViewOf(request, deps.contextPath);
      const query = listQueryOf(request.body);
      const expectedText = singleField(request.body.expectedCount);
      if (expectedText === undefined || !/^\d{1,9}$/.test(expectedText))
        throw badRequest('Preview the attachments to move first, then confirm');
      const filter = browseFilterOf(query);
      try {
        const outcome = await trashMatchingAttachments(services, request.principal, query.pageId, {
          filter,
          expectedCount: Number(expectedText),
        });
        const done = new URLSearchParams({ trashed: String(outcome.trashed) });
        if (outcome.refused > 0) done.set('refused', String(outcome.refused));
        return reply.redirect(`${listUrl(listBaseOf(view, query.pageId), query, {})}&${done}`, 303);
      } catch (error) {
        if (!isDomainError(error, 'state_conflict')) throw error;
        // The set changed since the preview: show the new one, and move nothing unseen.
        const preview = await previewMatchingAttachments(services, request.principal, query.pageId, {
          filter,
          sort: browseSortOf(query),
        });
        const notice = html`<p class="notice error" role="alert">${error.message}</p>`;
        return sendScreen(
          reply,
          view,
          previewScreen(view, query, preview, await spaceOf(preview), notice),
          409,
        );
      }
    });
  };
}
