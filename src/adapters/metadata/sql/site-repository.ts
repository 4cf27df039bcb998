import type { Kysely } from 'kysely';
import type { SiteRepository } from '../../../ports/metadata-store.ts';
import type { Tables } from './tables.ts';

export function sqlSiteRepository(db: Kysely<Tables>): SiteRepository {
  return {
    async identity() {
      const row = await db
        .selectFrom('site_identity')
        .select(['site_id', 'created_at_ms'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { siteId: row.site_id, createdAtMs: row.created_at_ms };
    },
  };
}
