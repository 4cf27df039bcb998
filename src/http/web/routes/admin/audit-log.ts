import type { FastifyInstance } from 'fastify';
import { type AuditObject, type AuditRecord, auditNoun } from '../../../../domain/audit.ts';
import { listAuditRecords } from '../../../../services/audit/list-audit-records.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { html, type SafeHtml } from '../../html.ts';
import { screenQueryOf } from '../../schemas.ts';
import { screenUrls } from '../../urls.ts';
import type { WebDeps } from '../../web-deps.ts';
import { webViewOf } from '../../web-view.ts';
import {
  attempt,
  formatInstant,
  pager,
  requireSiteAdministrator,
  sendAdminScreen,
  startOf,
} from './admin-screen.ts';

const pageSize = 50;

const objectLabel = (object: AuditObject) =>
  `${auditNoun(object.type)}: ${object.name || object.id || ''}${object.id && object.name && object.id !== object.name ? ` (${object.id})` : ''}`;

function recordRow(record: AuditRecord): SafeHtml {
  const what = record.object ? objectLabel(record.object) : '';
  return html`<li class="audit-record">
    <details>
      <summary>
        <span class="when">${formatInstant(record.createdAtMs)}</span>
        <span class="summary">${record.summary}</span>
        <span class="what">${what}</span>
        <span class="who">by ${record.author.displayName}</span>
      </summary>
      <dl class="facts">
        <dt>Category</dt><dd>${record.category}</dd>
        <dt>Author</dt><dd>${record.author.displayName}${record.author.username && ` (${record.author.username})`}${record.sysAdmin && ' — site administrator'}</dd>
        <dt>Address</dt><dd class="mono">${record.remoteAddress || 'Server or command line'}</dd>
        ${record.space && html`<dt>Space</dt><dd>${record.space.name} <span class="key">${record.space.key}</span></dd>`}
        ${record.content && html`<dt>Content</dt><dd>${auditNoun(record.content.type)}: ${record.content.title}</dd>`}
        ${record.description && html`<dt>Description</dt><dd>${record.description}</dd>`}
      </dl>
      ${
        record.changes.length > 0 &&
        html`<div class="table-scroll"><table class="grid">
          <caption>Changes</caption>
          <thead><tr><th scope="col">What</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>${record.changes.map(
            (change) =>
              html`<tr><td>${change.name}</td><td>${change.before}</td><td>${change.after}</td></tr>`,
          )}</tbody>
        </table></div>`
      }
      ${
        record.associated.length > 0 &&
        html`<p>Also concerns:</p><ul>${record.associated.map((object) => html`<li>${objectLabel(object)}</li>`)}</ul>`
      }
    </details>
  </li>`;
}

/**
 * `/admin/auditlog.action`: the audit log newest first, paged, by text and dates, with the same retention
 * and rules as `GET /rest/api/audit` (the service is the same); the export link is the API's CSV export.
 */
export function auditLogRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/admin/auditlog.action',
      { schema: { querystring: screenQueryOf('searchString', 'startDate', 'endDate', 'start') } },
      async (request, reply) => {
        const view = webViewOf(request, deps.contextPath);
        requireSiteAdministrator(view.principal);
        const filter = {
          searchString: singleField(request.query.searchString)?.trim() ?? '',
          startDate: singleField(request.query.startDate)?.trim() ?? '',
          endDate: singleField(request.query.endDate)?.trim() ?? '',
        };
        const start = startOf(request.query.start);
        const outcome = await attempt(request, () =>
          listAuditRecords(deps.services, request.principal, filter, { start, limit: pageSize }),
        );
        const given = Object.entries(filter).filter(([, value]) => value !== '');
        const filterQuery = new URLSearchParams(given).toString();
        const listUrl = `${screenUrls(view).auditLog()}${filterQuery && `?${filterQuery}`}`;
        const exportUrl = `${view.root}/rest/api/audit/export?${new URLSearchParams([...given, ['format', 'csv']])}`;
        const records = outcome.refusal ? { items: [], total: 0 } : outcome.value;
        const main = html`<h1>Audit log</h1>
          <form method="get" action="${screenUrls(view).auditLog()}" class="toolbar audit-filter" role="search">
            <label for="audit-text">Text</label>
            <input id="audit-text" name="searchString" type="search" value="${filter.searchString}">
            <label for="audit-from">From</label>
            <input id="audit-from" name="startDate" type="date" value="${filter.startDate}">
            <label for="audit-to">To</label>
            <input id="audit-to" name="endDate" type="date" value="${filter.endDate}">
            <button type="submit">Filter</button>
            ${given.length > 0 && html`<a href="${screenUrls(view).auditLog()}">Clear</a>`}
          </form>
          <p><a href="${exportUrl}" download>Export these records as CSV</a></p>
          ${
            records.items.length === 0
              ? html`<p class="empty">No records match.</p>`
              : html`<ol class="audit-records">${records.items.map(recordRow)}</ol>`
          }
          ${pager(listUrl, { start, limit: pageSize }, records.total, 'Audit log')}`;
        return sendAdminScreen(
          reply,
          view,
          'audit',
          { title: 'Audit log', main, problem: outcome.refusal?.message },
          outcome.refusal?.status,
        );
      },
    );
  };
}
