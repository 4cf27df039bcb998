import type { Kysely } from 'kysely';
import type { AuditRepository } from '../../../ports/metadata-store.ts';
import type { Tables } from './tables.ts';

export function sqlAuditRepository(db: Kysely<Tables>): AuditRepository {
  return {
    async insert(record) {
      await db
        .insertInto('audit_records')
        .values({
          created_at_ms: record.createdAtMs,
          author_id: record.authorId,
          remote_address: null,
          category: record.category,
          summary: record.summary,
          object_type: record.objectType,
          object_id: record.objectId,
          details_json: JSON.stringify(record.details),
        })
        .execute();
    },
  };
}
