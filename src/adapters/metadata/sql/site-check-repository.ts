import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { BrokenReferences, SiteCheckRepository } from '../../../ports/site-check-store.ts';
import type { SqlDialect } from './dialect.ts';
import type { Tables } from './tables.ts';
import type { TextIndex } from './text-index.ts';

/**
 * The references of the schema that no foreign key enforces (docs/fsck.md): each as the rows breaking it,
 * the `example` column naming one for a reader. Written in SQL both dialects run as is.
 */
const references: { reference: string; from: RawBuilder<unknown>; example: RawBuilder<unknown> }[] = [
  {
    reference: 'space-homepage',
    from: sql`spaces s WHERE s.homepage_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM content c WHERE c.id = s.homepage_id)`,
    example: sql`'space ' || s.space_key || ' homepage ' || s.homepage_id`,
  },
  {
    reference: 'content-current-version',
    from: sql`content c WHERE NOT EXISTS
      (SELECT 1 FROM content_versions v WHERE v.content_id = c.id AND v.number = c.current_version)`,
    example: sql`'content ' || c.id || ' version ' || c.current_version`,
  },
  {
    reference: 'attachment-container',
    from: sql`content c WHERE c.type IN ('attachment', 'comment') AND c.container_id IS NULL`,
    example: sql`c.type || ' ' || c.id`,
  },
  {
    reference: 'attachment-version-blob',
    from: sql`content_versions v JOIN content c ON c.id = v.content_id
      WHERE c.type = 'attachment' AND (v.blob_sha256 IS NULL
        OR NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = v.blob_sha256))`,
    example: sql`'attachment ' || v.content_id || ' version ' || v.number`,
  },
  {
    reference: 'version-size',
    from: sql`content_versions v JOIN blobs b ON b.sha256 = v.blob_sha256 WHERE v.size_bytes <> b.size_bytes`,
    example: sql`'content ' || v.content_id || ' version ' || v.number`,
  },
  {
    reference: 'attachment-current-size',
    from: sql`content c JOIN content_versions v ON v.content_id = c.id AND v.number = c.current_version
      WHERE c.type = 'attachment' AND c.current_size_bytes <> COALESCE(v.size_bytes, 0)`,
    example: sql`'attachment ' || c.id`,
  },
  {
    reference: 'content-version-state',
    from: sql`content_version_states s WHERE NOT EXISTS
      (SELECT 1 FROM content_versions v WHERE v.content_id = s.content_id AND v.number = s.version_number)`,
    example: sql`'content ' || s.content_id || ' version ' || s.version_number`,
  },
  ...(['space_permissions', 'global_permissions', 'restrictions', 'space_role_assignments'] as const).map(
    (table) => ({
      reference: `${table.replaceAll('_', '-')}-subject`,
      from: sql`${sql.table(table)} p WHERE (p.subject_type = 'user'
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.subject_id))
        OR (p.subject_type = 'group' AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = p.subject_id))`,
      example: sql`p.subject_type || ' ' || p.subject_id`,
    }),
  ),
];

export function sqlSiteCheckRepository(
  db: Kysely<Tables>,
  dialect: SqlDialect,
  text: TextIndex,
): SiteCheckRepository {
  return {
    async recordedBlobs(after, limit) {
      let query = db
        .selectFrom('content_versions as v')
        .innerJoin('content as c', 'c.id', 'v.content_id')
        .select(['v.content_id', 'v.number', 'v.blob_sha256', 'v.size_bytes'])
        .where('v.blob_sha256', 'is not', null)
        .where('c.type', '=', 'attachment');
      if (after)
        query = query.where(({ or, and, eb }) =>
          or([
            eb('v.content_id', '>', after.contentId),
            and([eb('v.content_id', '=', after.contentId), eb('v.number', '>', after.versionNumber)]),
          ]),
        );
      const rows = await query.orderBy('v.content_id').orderBy('v.number').limit(limit).execute();
      return rows.map((row) => ({
        contentId: Number(row.content_id),
        versionNumber: Number(row.number),
        sha256: row.blob_sha256 ?? '',
        sizeBytes: Number(row.size_bytes ?? 0),
      }));
    },

    async referencedBlobs(sha256s) {
      if (sha256s.length === 0) return [];
      const rows = await db
        .selectFrom('content_versions')
        .select('blob_sha256')
        .distinct()
        .where('blob_sha256', 'in', [...sha256s])
        .execute();
      return rows.map((row) => row.blob_sha256 ?? '');
    },

    async pinnedBlobs(sha256s, nowMs) {
      if (sha256s.length === 0) return [];
      const rows = await db
        .selectFrom('blob_pins')
        .select('sha256')
        .where('sha256', 'in', [...sha256s])
        .where('count', '>', 0)
        .where('until_ms', '>', nowMs)
        .execute();
      return rows.map((row) => row.sha256);
    },

    async brokenReferences(examplesPerReference) {
      const found: BrokenReferences[] = [];
      for (const { reference, from, example } of references) {
        const { rows: counted } = await sql<{
          n: number | string;
        }>`SELECT COUNT(*) AS n FROM ${from}`.execute(db);
        const count = Number(counted[0]?.n ?? 0);
        if (count === 0) continue;
        const { rows } = await sql<{ example: string }>`SELECT ${example} AS example FROM ${from}
          LIMIT ${examplesPerReference}`.execute(db);
        found.push({ reference, count, examples: rows.map((row) => String(row.example)) });
      }
      // SQLite checks foreign keys only on the connections that ask; a file written without them may
      // break the ones the schema declares. PostgreSQL always enforces its own.
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ table: string; rowid: number; parent: string }>`
          PRAGMA foreign_key_check`.execute(db);
        if (rows.length > 0)
          found.push({
            reference: 'foreign-key',
            count: rows.length,
            examples: rows
              .slice(0, examplesPerReference)
              .map((row) => `${row.table} row ${row.rowid} → ${row.parent}`),
          });
      }
      return found;
    },

    async indexedContentIds(afterId, limit) {
      const rows = await db
        .selectFrom('content')
        .select('id')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => Number(row.id));
    },

    async textIndexMismatches(contentIds) {
      const mismatched: number[] = [];
      for (const id of contentIds) if (!(await text.isCurrent(id))) mismatched.push(id);
      return mismatched;
    },

    async textIndexStrays(afterId, limit) {
      const key = dialect === 'sqlite' ? sql`t.rowid` : sql`t.content_id`;
      const { rows } = await sql<{ id: number | string }>`SELECT ${key} AS id FROM content_text t
        WHERE ${key} > ${afterId} AND NOT EXISTS (SELECT 1 FROM content c WHERE c.id = ${key})
        ORDER BY ${key} LIMIT ${limit}`.execute(db);
      return rows.map((row) => Number(row.id));
    },

    reindex: (contentId) => text.reindex(contentId),

    async unauditedVersions(sampleSize, sinceMs) {
      // A version and its audit record are written in one transaction, the record a moment later. A page
      // made with its space (the homepage) is told by the space's record; a space restored from a backup
      // by one record for the whole space, whose versions keep their original times; drafts by none.
      const { rows } = await sql<{ content_id: number; number: number; created_at_ms: number }>`
        SELECT s.content_id, s.number, s.created_at_ms FROM (
          SELECT v.content_id, v.number, v.created_at_ms, c.space_id,
            CASE WHEN v.number = 1 AND sp.homepage_id = c.id THEN 1 ELSE 0 END AS homepage
          FROM content_versions v
          JOIN content c ON c.id = v.content_id
          LEFT JOIN spaces sp ON sp.id = c.space_id
          WHERE v.created_at_ms >= ${sinceMs} AND c.status <> 'draft'
          ORDER BY v.created_at_ms DESC LIMIT ${sampleSize}) s
        WHERE NOT EXISTS (SELECT 1 FROM audit_records a
            WHERE a.created_at_ms BETWEEN s.created_at_ms - 1000 AND s.created_at_ms + 60000
              AND (a.content_id = s.content_id
                OR (s.homepage = 1 AND a.content_id IS NULL AND a.space_id = s.space_id)))
          AND NOT EXISTS (SELECT 1 FROM audit_records r
            WHERE r.space_id = s.space_id AND r.summary = 'Space restored from backup')`.execute(db);
      const { rows: counted } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM (
          SELECT 1 AS one FROM content_versions v JOIN content c ON c.id = v.content_id
          WHERE v.created_at_ms >= ${sinceMs} AND c.status <> 'draft' LIMIT ${sampleSize}) s`.execute(db);
      return {
        sampled: Number(counted[0]?.n ?? 0),
        missing: rows.map((row) => ({
          contentId: Number(row.content_id),
          versionNumber: Number(row.number),
          createdAtMs: Number(row.created_at_ms),
        })),
      };
    },
  };
}
