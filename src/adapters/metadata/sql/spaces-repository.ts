import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Space, SpaceStatus, SpaceType } from '../../../domain/content.ts';
import { type ContentMode, defaultSpaceSettings } from '../../../domain/space-settings.ts';
import type { SpaceFilter, SpacesRepository } from '../../../ports/content-store.ts';
import { afterKeyset } from './keyset.ts';
import { reusableQuery } from './reusable-query.ts';
import type { SpacesTable, Tables } from './tables.ts';
import { visibleSpace } from './visibility.ts';

function toSpace(row: Selectable<SpacesTable>): Space {
  return {
    id: Number(row.id),
    key: row.space_key,
    name: row.name,
    description: row.description,
    type: row.type as SpaceType,
    status: row.status as SpaceStatus,
    homepageId: row.homepage_id === null ? null : Number(row.homepage_id),
    creatorId: row.creator_id === null ? null : Number(row.creator_id),
    private: Number(row.private) === 1,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

const sortColumns = { id: 'id', key: 'space_key', name: 'name' } as const;

const spaceById = reusableQuery((db) => db.selectFrom('spaces').selectAll().where('id', '=', 0));

export function sqlSpacesRepository(db: Kysely<Tables>): SpacesRepository {
  const filtered = (filter: SpaceFilter) => {
    let query: SelectQueryBuilder<Tables, 'spaces', object> = db.selectFrom('spaces');
    if (filter.keys?.length) {
      const keys = filter.keys.map((key) => key.toLowerCase());
      query = query.where((eb) => eb(eb.fn('lower', [eb.ref('space_key')]), 'in', keys));
    }
    if (filter.ids?.length) query = query.where('id', 'in', filter.ids);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.status) query = query.where('status', '=', filter.status);
    const labels = filter.labels;
    if (labels?.length) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('space_labels as sl')
            .innerJoin('labels as l', 'l.id', 'sl.label_id')
            .select('sl.space_id')
            .whereRef('sl.space_id', '=', 'spaces.id')
            .where((eb) =>
              eb.or(
                labels.map((label) =>
                  eb.and([eb('l.prefix', '=', label.prefix), eb('l.name', '=', label.name)]),
                ),
              ),
            ),
        ),
      );
    }
    if (filter.viewer) query = query.where(visibleSpace(filter.viewer, 'spaces.id'));
    return query;
  };

  return {
    async insert(space) {
      const row = await db
        .insertInto('spaces')
        .values({
          space_key: space.key,
          name: space.name,
          description: space.description,
          type: space.type,
          status: 'current',
          homepage_id: null,
          creator_id: space.creatorId,
          private: space.private ? 1 : 0,
          created_at_ms: space.createdAtMs,
          updated_at_ms: space.createdAtMs,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSpace(row);
    },
    async findById(id) {
      const row = await spaceById(db, id);
      return row && toSpace(row);
    },
    async findByKey(key) {
      // Confluence looks keys up case-insensitively (its LOWERSPACEKEY column): `ds` finds `DS`.
      const row = await db
        .selectFrom('spaces')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', [eb.ref('space_key')]), '=', key.toLowerCase()))
        .executeTakeFirst();
      return row && toSpace(row);
    },
    async list(filter, window) {
      const query = filtered(filter);
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('space_key').limit(window.limit).offset(window.start).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toSpace), total: Number(total.n) };
    },
    async listKeyset(filter, window) {
      const descending = window.sort.direction === 'desc';
      const order = { column: sortColumns[window.sort.by], idColumn: 'id', descending };
      let query = filtered(filter);
      const after = window.after;
      if (after) query = query.where((eb) => afterKeyset(eb, order, after));
      const direction = descending ? 'desc' : 'asc';
      const rows = await query
        .selectAll()
        .orderBy(order.column, direction)
        .orderBy('id', direction)
        .limit(window.limit + 1)
        .execute();
      const items = rows.slice(0, window.limit).map(toSpace);
      const last = items.at(-1);
      const sortValue = (space: Space) =>
        window.sort.by === 'key' ? space.key : window.sort.by === 'name' ? space.name : space.id;
      return {
        items,
        next: rows.length > window.limit && last ? { sortValue: sortValue(last), id: last.id } : undefined,
      };
    },
    async update(id, changes, updatedAtMs) {
      await db
        .updateTable('spaces')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.description !== undefined && { description: changes.description }),
          ...(changes.status !== undefined && { status: changes.status }),
          ...(changes.homepageId !== undefined && { homepage_id: changes.homepageId }),
          updated_at_ms: updatedAtMs,
        })
        .where('id', '=', id)
        .execute();
    },
    async remove(id) {
      await db.deleteFrom('spaces').where('id', '=', id).execute();
    },
    async settings(spaceId) {
      const row = await db
        .selectFrom('space_settings')
        .selectAll()
        .where('space_id', '=', spaceId)
        .executeTakeFirst();
      return (
        row && {
          routeOverrideEnabled: Number(row.route_override_enabled) === 1,
          contentMode: (row.content_mode as ContentMode | null) ?? defaultSpaceSettings.contentMode,
          contentStatesAllowed: Number(row.content_states_allowed) === 1,
          customContentStatesAllowed: Number(row.custom_content_states_allowed) === 1,
          spaceContentStatesAllowed: Number(row.space_content_states_allowed) === 1,
        }
      );
    },
    async saveSettings(spaceId, settings, updatedAtMs) {
      const values = {
        route_override_enabled: settings.routeOverrideEnabled ? 1 : 0,
        content_mode: settings.contentMode,
        content_states_allowed: settings.contentStatesAllowed ? 1 : 0,
        custom_content_states_allowed: settings.customContentStatesAllowed ? 1 : 0,
        space_content_states_allowed: settings.spaceContentStatesAllowed ? 1 : 0,
        updated_at_ms: updatedAtMs,
      };
      await db
        .insertInto('space_settings')
        .values({ space_id: spaceId, ...values })
        .onConflict((conflict) => conflict.column('space_id').doUpdateSet(values))
        .execute();
    },
  };
}
