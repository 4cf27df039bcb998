import type { Kysely } from 'kysely';
import type { ContentRepository } from '../../../ports/content-store.ts';
import {
  currentVersionValues,
  findContentById,
  insertVersion,
  moveValues,
  toVersion,
  versionValues,
} from './content-rows.ts';
import type { Tables } from './tables.ts';
import type { TextIndex } from './text-index.ts';

export type ContentVersionsRepository = Pick<
  ContentRepository,
  'findVersion' | 'listVersions' | 'listVersionsKeyset' | 'appendVersion' | 'removeVersion'
>;

/** An item's history: its numbered versions, the newest of which is current. */
export function sqlContentVersionsRepository(db: Kysely<Tables>, text: TextIndex): ContentVersionsRepository {
  return {
    async findVersion(id, versionNumber) {
      const row = await db
        .selectFrom('content_versions')
        .selectAll()
        .where('content_id', '=', id)
        .where('number', '=', versionNumber)
        .executeTakeFirst();
      return row && toVersion(row);
    },

    async listVersions(id, window) {
      const versions = db.selectFrom('content_versions').where('content_id', '=', id);
      const [rows, total] = await Promise.all([
        versions.selectAll().orderBy('number', 'desc').limit(window.limit).offset(window.start).execute(),
        versions.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toVersion), total: Number(total.n) };
    },

    async listVersionsKeyset(id, window) {
      const descending = window.sort.direction === 'desc';
      let query = db.selectFrom('content_versions').where('content_id', '=', id);
      const after = window.after;
      if (after) query = query.where('number', descending ? '<' : '>', after.id);
      const rows = await query
        .selectAll()
        .orderBy('number', descending ? 'desc' : 'asc')
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map(toVersion);
      const last = items.at(-1);
      return {
        items,
        next: rows.length > window.limit && last ? { sortValue: last.number, id: last.number } : undefined,
      };
    },

    async appendVersion(id, version, move = {}) {
      const current = await db
        .selectFrom('content_versions')
        .select((eb) => eb.fn.max('number').as('latest'))
        .where('content_id', '=', id)
        .executeTakeFirstOrThrow();
      const number = Number(current.latest ?? 0) + 1;
      await insertVersion(db, versionValues(id, number, version));
      await db
        .updateTable('content')
        .set({
          current_version: number,
          title: version.title,
          updated_at_ms: version.createdAtMs,
          ...currentVersionValues(version),
          ...moveValues(move),
        })
        .where('id', '=', id)
        .execute();
      await text.reindex(id);
      const updated = await findContentById(db, id);
      if (!updated) throw new Error(`content ${id} vanished while being versioned`);
      return updated;
    },

    async removeVersion(id, versionNumber) {
      await db
        .deleteFrom('content_versions')
        .where('content_id', '=', id)
        .where('number', '=', versionNumber)
        .execute();
    },
  };
}
