import type { Kysely } from 'kysely';
import type { BlobsRepository } from '../../../ports/metadata-store.ts';
import { reusableInsert } from './reusable-query.ts';
import type { Tables } from './tables.ts';

const insertBlob = reusableInsert(
  (db, values: { sha256: string; size_bytes: number; created_at_ms: number }) =>
    db
      .insertInto('blobs')
      .values(values)
      .onConflict((oc) => oc.column('sha256').doNothing()),
);

export function sqlBlobsRepository(db: Kysely<Tables>): BlobsRepository {
  return {
    async record(sha256, sizeBytes, createdAtMs) {
      await insertBlob(db, { sha256, size_bytes: sizeBytes, created_at_ms: createdAtMs });
    },
    async isReferenced(sha256) {
      const row = await db
        .selectFrom('content_versions')
        .select('content_id')
        .where('blob_sha256', '=', sha256)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async unreferenced(limit) {
      const rows = await db
        .selectFrom('blobs as b')
        .select('b.sha256')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('content_versions as v')
                .select('v.content_id')
                .whereRef('v.blob_sha256', '=', 'b.sha256'),
            ),
          ),
        )
        .limit(limit)
        .execute();
      return rows.map((row) => row.sha256);
    },
    async forget(sha256) {
      await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
    },
  };
}
