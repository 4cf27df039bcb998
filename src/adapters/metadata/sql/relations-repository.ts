import type { Kysely, Selectable } from 'kysely';
import type { Relation, RelationEntityType, RelationKey } from '../../../domain/relation.ts';
import type { RelationsRepository } from '../../../ports/content-extras-store.ts';
import type { RelationsTable, Tables } from './tables.ts';

const toRelation = (row: Selectable<RelationsTable>): Relation => ({
  name: row.relation_name,
  sourceType: row.source_type as RelationEntityType,
  sourceKey: row.source_key,
  targetType: row.target_type as RelationEntityType,
  targetKey: row.target_key,
  creatorId: row.creator_id === null ? null : Number(row.creator_id),
  createdAtMs: Number(row.created_at_ms),
});

export function sqlRelationsRepository(db: Kysely<Tables>): RelationsRepository {
  const keyed = (key: RelationKey) =>
    db
      .selectFrom('relations')
      .where('relation_name', '=', key.name)
      .where('source_type', '=', key.sourceType)
      .where('source_key', '=', key.sourceKey)
      .where('target_type', '=', key.targetType)
      .where('target_key', '=', key.targetKey);

  const keyedDelete = (key: RelationKey) =>
    db
      .deleteFrom('relations')
      .where('relation_name', '=', key.name)
      .where('source_type', '=', key.sourceType)
      .where('source_key', '=', key.sourceKey)
      .where('target_type', '=', key.targetType)
      .where('target_key', '=', key.targetKey);

  const find = async (key: RelationKey) => {
    const row = await keyed(key).selectAll().executeTakeFirst();
    return row && toRelation(row);
  };

  type Listing = ReturnType<typeof db.selectFrom<'relations'>>;
  const sliceOf = async (query: Listing, window: { start: number; limit: number }) => {
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at_ms')
        .orderBy('source_key')
        .orderBy('target_key')
        .limit(window.limit)
        .offset(window.start)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRelation), total: Number(count.n) };
  };

  return {
    find,
    async add(key, creatorId, atMs) {
      // Checked first rather than left to the key: a failed insert would abort a PostgreSQL transaction.
      if (await find(key)) return false;
      await db
        .insertInto('relations')
        .values({
          relation_name: key.name,
          source_type: key.sourceType,
          source_key: key.sourceKey,
          target_type: key.targetType,
          target_key: key.targetKey,
          creator_id: creatorId,
          created_at_ms: atMs,
        })
        .execute();
      return true;
    },
    async remove(key) {
      const result = await keyedDelete(key).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    listFrom(from, window) {
      return sliceOf(
        db
          .selectFrom('relations')
          .where('source_type', '=', from.sourceType)
          .where('source_key', '=', from.sourceKey)
          .where('target_type', '=', from.targetType)
          .where('relation_name', '=', from.name),
        window,
      );
    },
    listTo(to, window) {
      return sliceOf(
        db
          .selectFrom('relations')
          .where('target_type', '=', to.targetType)
          .where('target_key', '=', to.targetKey)
          .where('source_type', '=', to.sourceType)
          .where('relation_name', '=', to.name),
        window,
      );
    },
  };
}
