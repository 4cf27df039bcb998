import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import { createAuditRecord } from '../../../services/audit/create-audit-record.ts';
import { exportAuditRecords } from '../../../services/audit/export-audit-records.ts';
import { getAuditRetention } from '../../../services/audit/get-audit-retention.ts';
import { listAuditRecords } from '../../../services/audit/list-audit-records.ts';
import { listAuditRecordsSince } from '../../../services/audit/list-audit-records-since.ts';
import { setAuditRetention } from '../../../services/audit/set-audit-retention.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { typed } from '../../common/schemas.ts';
import { pageOf, windowOf } from '../paging.ts';
import { auditCsv, auditExportName, auditZip } from '../present/audit-export.ts';
import { presentV1AuditRecord } from '../present/audit-record.ts';
import { presentV1RetentionPeriod } from '../present/audit-retention.ts';
import {
  AuditExportQuery,
  AuditListQuery,
  AuditRecordBody,
  AuditSinceQuery,
  RetentionBody,
} from '../schemas/audit.ts';

// Cloud v1 spec: `limit` defaults to 1000, "may be restricted by fixed system limits".
const auditListRules = { defaultLimit: 1000, maxLimit: 1000 };

const exportFormats = ['csv', 'zip'] as const;

/**
 * The audit log (Cloud `/wiki/rest/api/audit…`, Data Center `/rest/api/audit…`): read, search, export, add
 * a record, and the retention period. Site administrators only, as in Confluence.
 */
export function v1AuditRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get('/audit', { schema: { querystring: AuditListQuery } }, async (request) => {
      const window = windowOf(request.query, auditListRules);
      const slice = await listAuditRecords(deps, request.principal, request.query, window);
      return pageOf(request, slice, window, (record) => presentV1AuditRecord(record, request.surface));
    });

    app.get('/audit/since', { schema: { querystring: AuditSinceQuery } }, async (request) => {
      const window = windowOf(request.query, auditListRules);
      const slice = await listAuditRecordsSince(deps, request.principal, request.query, window);
      return pageOf(request, slice, window, (record) => presentV1AuditRecord(record, request.surface));
    });

    app.post('/audit', { schema: { body: AuditRecordBody } }, async (request) =>
      presentV1AuditRecord(await createAuditRecord(deps, request.principal, request.body), request.surface),
    );

    app.get('/audit/export', { schema: { querystring: AuditExportQuery } }, async (request, reply) => {
      const records = await exportAuditRecords(deps, request.principal, request.query);
      const format = (request.query.format?.trim() || 'csv').toLowerCase();
      if (format === 'zip') {
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${auditExportName}.zip"`)
          .send(auditZip(records, request.surface));
      }
      if (format !== 'csv') {
        throw badRequest(`format must be one of ${exportFormats.join(', ')}, not '${request.query.format}'`, {
          field: 'format',
        });
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${auditExportName}.csv"`)
        .send(auditCsv(records, request.surface));
    });

    app.get('/audit/retention', async (request) =>
      presentV1RetentionPeriod(await getAuditRetention(deps, request.principal)),
    );

    app.put('/audit/retention', { schema: { body: RetentionBody } }, async (request) =>
      presentV1RetentionPeriod(await setAuditRetention(deps, request.principal, request.body)),
    );
  };
}
