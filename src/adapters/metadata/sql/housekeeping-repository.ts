import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type {
  HousekeepingRepository,
  StorageScope,
  VersionPosition,
  VersionPruneRule,
} from '../../../ports/housekeeping-store.ts';
import type { Tables } from './tables.ts';
import { visibleContent } from './visibility.ts';

/*
 * Every figure is one aggregate query over `content` (aliased `c`, so the view rule applies) joined with
 * its versions: a space with 100,000 attachments is summed by the database, not read row by row.
 */

const unknownType = 'application/octet-stream';

/** The space's attachments the scope's viewer may see (`c`). */
function attachmentsOf(scope: StorageScope): RawBuilder<SqlBool> {
  const visible = scope.viewer ? visibleContent(scope.viewer) : sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`c.space_id = ${scope.spaceId} AND c.type = 'attachment' AND ${visible}`;
}

/** The historical versions (`v`) of current attachments (`c`) that the rule takes. */
function prunable(scope: StorageScope, rule: VersionPruneRule): RawBuilder<SqlBool> {
  const conditions = [
    attachmentsOf(scope),
    sql<SqlBool>`c.status = 'current'`,
    sql<SqlBool>`v.number < c.current_version`,
  ];
  if (rule.createdBeforeMs !== undefined) {
    conditions.push(sql<SqlBool>`v.created_at_ms < ${rule.createdBeforeMs}`);
  }
  if (rule.keepNewest !== undefined) {
    // Its rank from the newest: how many versions of the attachment are newer (a primary-key range).
    conditions.push(sql<SqlBool>`(SELECT count(*) FROM content_versions n
      WHERE n.content_id = v.content_id AND n.number > v.number) >= ${rule.keepNewest}`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

function after(position: VersionPosition | undefined): RawBuilder<SqlBool> {
  if (!position) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(v.content_id > ${position.attachmentId}
    OR (v.content_id = ${position.attachmentId} AND v.number > ${position.number}))`;
}

// PostgreSQL answers sum() of a bigint as numeric, which its driver hands over as a string.
const count = (value: unknown) => Number(value ?? 0);

export function sqlHousekeepingRepository(db: Kysely<Tables>): HousekeepingRepository {
  return {
    async usage(scope) {
      const totals = await sql<Record<string, unknown>>`SELECT
          count(DISTINCT c.id) AS attachments,
          count(*) AS versions,
          sum(v.size_bytes) AS total_bytes,
          sum(CASE WHEN v.number = c.current_version THEN v.size_bytes ELSE 0 END) AS current_bytes,
          sum(CASE WHEN v.number < c.current_version THEN v.size_bytes ELSE 0 END) AS historical_bytes,
          sum(CASE WHEN v.number < c.current_version THEN 1 ELSE 0 END) AS historical_versions,
          sum(CASE WHEN c.status = 'trashed' OR p.status = 'trashed' THEN v.size_bytes ELSE 0 END)
            AS trashed_bytes
        FROM content c
        JOIN content_versions v ON v.content_id = c.id
        LEFT JOIN content p ON p.id = c.container_id
        WHERE ${attachmentsOf(scope)}`.execute(db);
      // Grouped over a derived column: PostgreSQL would not match two bound copies of the default.
      const types = await sql<{ media_type: string; bytes: unknown; versions: unknown }>`SELECT
          t.media_type, sum(t.size_bytes) AS bytes, count(*) AS versions
        FROM (SELECT coalesce(v.media_type, ${unknownType}) AS media_type, v.size_bytes
          FROM content c JOIN content_versions v ON v.content_id = c.id
          WHERE ${attachmentsOf(scope)}) t
        GROUP BY t.media_type
        ORDER BY bytes DESC, t.media_type ASC`.execute(db);
      const row = totals.rows[0] ?? {};
      return {
        attachments: count(row.attachments),
        versions: count(row.versions),
        totalBytes: count(row.total_bytes),
        currentBytes: count(row.current_bytes),
        historicalBytes: count(row.historical_bytes),
        historicalVersions: count(row.historical_versions),
        trashedBytes: count(row.trashed_bytes),
        byMediaType: types.rows.map((type) => ({
          mediaType: type.media_type,
          bytes: count(type.bytes),
          versions: count(type.versions),
        })),
      };
    },

    async largestAttachments(scope, limit) {
      const result = await sql<Record<string, unknown>>`SELECT
          c.id, c.title, c.container_id, p.title AS container_title, v.media_type, v.size_bytes, v.number,
          (SELECT sum(a.size_bytes) FROM content_versions a WHERE a.content_id = c.id) AS all_bytes
        FROM content c
        JOIN content_versions v ON v.content_id = c.id AND v.number = c.current_version
        LEFT JOIN content p ON p.id = c.container_id
        WHERE ${attachmentsOf(scope)} AND c.status = 'current' AND (p.id IS NULL OR p.status <> 'trashed')
        ORDER BY v.size_bytes DESC, c.id ASC
        LIMIT ${limit}`.execute(db);
      return result.rows.map((row) => ({
        id: count(row.id),
        title: String(row.title),
        containerId: row.container_id === null ? null : count(row.container_id),
        containerTitle: row.container_title === null ? null : String(row.container_title),
        mediaType: row.media_type === null ? unknownType : String(row.media_type),
        sizeBytes: count(row.size_bytes),
        versionNumber: count(row.number),
        allVersionsBytes: count(row.all_bytes),
      }));
    },

    async prunableVersions(scope, rule, position, limit) {
      const result = await sql<Record<string, unknown>>`SELECT
          v.content_id, c.title, c.container_id, v.number, v.size_bytes, v.created_at_ms
        FROM content_versions v JOIN content c ON c.id = v.content_id
        WHERE ${prunable(scope, rule)} AND ${after(position)}
        ORDER BY v.content_id ASC, v.number ASC
        LIMIT ${limit}`.execute(db);
      return result.rows.map((row) => ({
        attachmentId: count(row.content_id),
        title: String(row.title),
        containerId: row.container_id === null ? null : count(row.container_id),
        number: count(row.number),
        sizeBytes: count(row.size_bytes),
        createdAtMs: count(row.created_at_ms),
      }));
    },

    async prunableTotals(scope, rule) {
      const result = await sql<Record<string, unknown>>`SELECT
          count(*) AS versions, sum(v.size_bytes) AS bytes, count(DISTINCT v.content_id) AS attachments
        FROM content_versions v JOIN content c ON c.id = v.content_id
        WHERE ${prunable(scope, rule)}`.execute(db);
      const row = result.rows[0] ?? {};
      return { versions: count(row.versions), bytes: count(row.bytes), attachments: count(row.attachments) };
    },

    async trashRecords(contentIds) {
      if (contentIds.length === 0) return [];
      // Trashing moves `updated_at_ms` without a new version; the audit record of that same move (made in
      // its transaction, so not before it) names who did it, for as long as the log keeps it.
      const result = await sql<Record<string, unknown>>`SELECT c.id, c.updated_at_ms,
          (SELECT a.author_display_name FROM audit_records a
            WHERE a.content_id = c.id AND a.created_at_ms >= c.updated_at_ms
              AND a.summary LIKE ${'% moved to trash'}
            ORDER BY a.id DESC LIMIT 1) AS trashed_by
        FROM content c
        WHERE c.id IN (${sql.join([...contentIds])}) AND c.status = 'trashed'`.execute(db);
      return result.rows.map((row) => ({
        contentId: count(row.id),
        trashedAtMs: count(row.updated_at_ms),
        trashedBy: row.trashed_by === null ? null : String(row.trashed_by),
      }));
    },
  };
}
