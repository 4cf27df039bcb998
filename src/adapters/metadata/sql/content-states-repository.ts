import type { Kysely, Selectable } from 'kysely';
import { type ContentState, firstCustomStateId } from '../../../domain/content-state.ts';
import type { ContentStatesRepository } from '../../../ports/content-extras-store.ts';
import type { ContentStatesTable, Tables } from './tables.ts';

const toState = (row: Pick<Selectable<ContentStatesTable>, 'id' | 'name' | 'color'>): ContentState => ({
  id: Number(row.id),
  name: row.name,
  color: row.color,
});

export function sqlContentStatesRepository(db: Kysely<Tables>): ContentStatesRepository {
  /** One row per version: the state set at it, or null for a removal. */
  const record = async (
    contentId: number,
    versionNumber: number,
    state: ContentState | null,
    atMs: number,
  ) => {
    await db
      .deleteFrom('content_version_states')
      .where('content_id', '=', contentId)
      .where('version_number', '=', versionNumber)
      .execute();
    await db
      .insertInto('content_version_states')
      .values({
        content_id: contentId,
        version_number: versionNumber,
        state_id: state?.id ?? null,
        name: state?.name ?? null,
        color: state?.color ?? null,
        set_at_ms: atMs,
      })
      .execute();
  };
  const custom = (ownerId: number) => db.selectFrom('content_states').where('owner_id', '=', ownerId);
  return {
    async findCustom(ownerId, name, color) {
      const row = await custom(ownerId)
        .where('name', '=', name)
        .where('color', '=', color)
        .selectAll()
        .executeTakeFirst();
      return row && toState(row);
    },
    async findCustomById(ownerId, id) {
      const row = await custom(ownerId).where('id', '=', id).selectAll().executeTakeFirst();
      return row && toState(row);
    },
    async insertCustom(ownerId, name, color, atMs) {
      // Numbered here, not by the database: the space states hold the ids below `firstCustomStateId`.
      // Transactions run one at a time, so two inserts cannot take the same number.
      const latest = await db
        .selectFrom('content_states')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const id = Math.max(firstCustomStateId, Number(latest.id ?? 0) + 1);
      await db
        .insertInto('content_states')
        .values({ id, owner_id: ownerId, name, color, last_used_at_ms: atMs })
        .execute();
      return { id, name, color };
    },
    async markUsed(id, atMs) {
      await db.updateTable('content_states').set({ last_used_at_ms: atMs }).where('id', '=', id).execute();
    },
    async listCustom(ownerId, limit) {
      let query = custom(ownerId).selectAll().orderBy('last_used_at_ms', 'desc').orderBy('id', 'desc');
      if (limit !== undefined) query = query.limit(limit);
      return (await query.execute()).map(toState);
    },
    async contentIdsInState(spaceId, stateId) {
      // The state a version carries is the one last recorded at or before it (see ofVersion).
      const rows = await db
        .selectFrom('content as c')
        .select('c.id')
        .where('c.space_id', '=', spaceId)
        .where('c.status', '=', 'current')
        .where('c.type', 'in', ['page', 'blogpost'])
        .where(
          (eb) =>
            eb
              .selectFrom('content_version_states as s')
              .select('s.state_id')
              .whereRef('s.content_id', '=', 'c.id')
              .whereRef('s.version_number', '<=', 'c.current_version')
              .orderBy('s.version_number', 'desc')
              .limit(1),
          '=',
          stateId,
        )
        .orderBy('c.id')
        .execute();
      return rows.map((row) => Number(row.id));
    },
    async ofVersion(contentId, versionNumber) {
      const row = await db
        .selectFrom('content_version_states')
        .selectAll()
        .where('content_id', '=', contentId)
        .where('version_number', '<=', versionNumber)
        .orderBy('version_number', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row || row.state_id === null) return undefined;
      return {
        state: { id: Number(row.state_id), name: row.name ?? '', color: row.color ?? '' },
        setAtMs: Number(row.set_at_ms),
      };
    },
    async setOnVersion(contentId, versionNumber, state, atMs) {
      await record(contentId, versionNumber, state, atMs);
    },
    async clearOnVersion(contentId, versionNumber, atMs) {
      await record(contentId, versionNumber, null, atMs);
    },
  };
}
