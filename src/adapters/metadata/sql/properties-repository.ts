import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Property, PropertyOwner } from '../../../domain/property.ts';
import type { PropertiesRepository, PropertyFilter } from '../../../ports/task-and-property-store.ts';
import { afterKeyset } from './keyset.ts';
import type { PropertiesTable, Tables } from './tables.ts';

function toProperty(row: Selectable<PropertiesTable>): Property {
  const owner: PropertyOwner =
    row.space_id !== null ? { spaceId: Number(row.space_id) } : { contentId: Number(row.content_id) };
  return {
    id: Number(row.id),
    owner,
    key: row.property_key,
    value: JSON.parse(row.value_json) as unknown,
    versionNumber: Number(row.version_number),
    versionMessage: row.version_message,
    minorEdit: Number(row.version_minor_edit) === 1,
    authorId: row.author_id === null ? null : Number(row.author_id),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

const ownerColumns = (owner: PropertyOwner) =>
  'spaceId' in owner
    ? { space_id: owner.spaceId, content_id: null }
    : { space_id: null, content_id: owner.contentId };

export function sqlPropertiesRepository(db: Kysely<Tables>): PropertiesRepository {
  const owned = (owner: PropertyOwner, filter: PropertyFilter = {}) => {
    let query: SelectQueryBuilder<Tables, 'properties', object> = db.selectFrom('properties');
    query =
      'spaceId' in owner
        ? query.where('space_id', '=', owner.spaceId)
        : query.where('content_id', '=', owner.contentId);
    if (filter.keys?.length) query = query.where('property_key', 'in', [...filter.keys]);
    return query;
  };

  const findById = async (id: number) => {
    const row = await db.selectFrom('properties').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toProperty(row);
  };

  return {
    async list(owner, filter, window) {
      const query = owned(owner, filter);
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('property_key').limit(window.limit).offset(window.start).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toProperty), total: Number(total.n) };
    },
    async listKeyset(owner, filter, window) {
      const descending = window.sort.direction === 'desc';
      const order = { column: 'property_key', idColumn: 'id', descending };
      let query = owned(owner, filter);
      const after = window.after;
      if (after) query = query.where((eb) => afterKeyset(eb, order, after));
      const direction = descending ? 'desc' : 'asc';
      const rows = await query
        .selectAll()
        .orderBy('property_key', direction)
        .orderBy('id', direction)
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map(toProperty);
      const last = items.at(-1);
      return {
        items,
        next: rows.length > window.limit && last ? { sortValue: last.key, id: last.id } : undefined,
      };
    },
    async find(owner, key) {
      const row = await owned(owner).selectAll().where('property_key', '=', key).executeTakeFirst();
      return row && toProperty(row);
    },
    findById,
    async insert(owner, property) {
      const row = await db
        .insertInto('properties')
        .values({
          ...ownerColumns(owner),
          property_key: property.key,
          value_json: JSON.stringify(property.value),
          version_number: 1,
          author_id: property.authorId,
          updated_at_ms: property.updatedAtMs,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toProperty(row);
    },
    async update(id, revision) {
      const row = await db
        .updateTable('properties')
        .set({
          value_json: JSON.stringify(revision.value),
          version_number: revision.versionNumber,
          version_message: revision.versionMessage,
          version_minor_edit: revision.minorEdit ? 1 : 0,
          author_id: revision.authorId,
          updated_at_ms: revision.updatedAtMs,
        })
        .where('id', '=', id)
        .where('version_number', '=', revision.versionNumber - 1)
        .returningAll()
        .executeTakeFirst();
      return row && toProperty(row);
    },
    async remove(id) {
      await db.deleteFrom('properties').where('id', '=', id).execute();
    },
  };
}
