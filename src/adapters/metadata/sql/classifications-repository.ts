import type { Kysely, Selectable } from 'kysely';
import {
  type ClassificationLevel,
  classificationColors,
  classificationStatuses,
} from '../../../domain/classification.ts';
import type { ClassificationsRepository } from '../../../ports/classification-store.ts';
import type { ClassificationLevelsTable, Tables } from './tables.ts';

// Levels are edited in the table by hand; a value outside the spec's enums reads as the nearest safe one
// rather than failing every read.
function toLevel(row: Selectable<ClassificationLevelsTable>): ClassificationLevel {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    guideline: row.guideline,
    color: classificationColors.find((color) => color === row.color) ?? 'GREY',
    status: classificationStatuses.find((status) => status === row.status) ?? 'DRAFT',
    order: Number(row.sort_order),
  };
}

export function sqlClassificationsRepository(db: Kysely<Tables>): ClassificationsRepository {
  return {
    async listLevels() {
      const rows = await db
        .selectFrom('classification_levels')
        .selectAll()
        .orderBy('sort_order')
        .orderBy('id')
        .execute();
      return rows.map(toLevel);
    },
    async findLevel(id) {
      const row = await db
        .selectFrom('classification_levels')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toLevel(row);
    },
    async spaceDefaultOf(spaceId) {
      const row = await db
        .selectFrom('space_classification_defaults')
        .select('level_id')
        .where('space_id', '=', spaceId)
        .executeTakeFirst();
      return row?.level_id;
    },
    async setSpaceDefault(spaceId, levelId, atMs) {
      await db
        .insertInto('space_classification_defaults')
        .values({ space_id: spaceId, level_id: levelId, updated_at_ms: atMs })
        .onConflict((conflict) =>
          conflict.column('space_id').doUpdateSet({ level_id: levelId, updated_at_ms: atMs }),
        )
        .execute();
    },
    async clearSpaceDefault(spaceId) {
      await db.deleteFrom('space_classification_defaults').where('space_id', '=', spaceId).execute();
    },
    async contentLevelOf(contentId) {
      const row = await db
        .selectFrom('content_classification_levels')
        .select('level_id')
        .where('content_id', '=', contentId)
        .executeTakeFirst();
      return row?.level_id;
    },
    async setContentLevel(contentId, levelId, atMs) {
      await db
        .insertInto('content_classification_levels')
        .values({ content_id: contentId, level_id: levelId, updated_at_ms: atMs })
        .onConflict((conflict) =>
          conflict.column('content_id').doUpdateSet({ level_id: levelId, updated_at_ms: atMs }),
        )
        .execute();
    },
    async clearContentLevel(contentId) {
      await db.deleteFrom('content_classification_levels').where('content_id', '=', contentId).execute();
    },
  };
}
