import { type Kysely, sql } from 'kysely';
import type { BlobPinsRepository, LeasesRepository } from '../../../ports/lease-store.ts';
import type { Tables } from './tables.ts';

/**
 * One upsert takes a lease: the insert wins when the name is new, the update only when the lease has run
 * out or is the holder's own. Both SQLite and PostgreSQL make it atomic (a concurrent insert of the same
 * name waits for the other to commit and then sees its row), so two processes never both hold it.
 */
export function sqlLeasesRepository(db: Kysely<Tables>): LeasesRepository {
  return {
    async acquire(name, holder, nowMs, untilMs) {
      const row = await db
        .insertInto('leases')
        .values({ name, holder, until_ms: untilMs })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ holder, until_ms: untilMs })
            .where((eb) => eb.or([eb('leases.until_ms', '<=', nowMs), eb('leases.holder', '=', holder)])),
        )
        .returning('holder')
        .executeTakeFirst();
      return row !== undefined;
    },
    async renew(name, holder, untilMs) {
      const result = await db
        .updateTable('leases')
        .set({ until_ms: untilMs })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async release(name, holder) {
      await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
    },
    async releaseAll(holder) {
      await db.deleteFrom('leases').where('holder', '=', holder).execute();
    },
    async holderOf(name, nowMs) {
      const row = await db
        .selectFrom('leases')
        .select('holder')
        .where('name', '=', name)
        .where('until_ms', '>', nowMs)
        .executeTakeFirst();
      return row?.holder;
    },
  };
}

export function sqlBlobPinsRepository(db: Kysely<Tables>): BlobPinsRepository {
  return {
    async pin(sha256, nowMs, untilMs) {
      // A row past its time is what a process that died left: its count no longer means anything.
      await db
        .insertInto('blob_pins')
        .values({ sha256, count: 1, until_ms: untilMs })
        .onConflict((oc) =>
          oc.column('sha256').doUpdateSet({
            count: sql<number>`case when blob_pins.until_ms <= ${nowMs} then 1 else blob_pins.count + 1 end`,
            until_ms: untilMs,
          }),
        )
        .execute();
    },
    async unpin(sha256) {
      await db
        .updateTable('blob_pins')
        .set({ count: sql<number>`count - 1` })
        .where('sha256', '=', sha256)
        .execute();
      await db.deleteFrom('blob_pins').where('sha256', '=', sha256).where('count', '<=', 0).execute();
    },
    async isPinned(sha256, nowMs) {
      // Writing the row (even unchanged) is what makes a concurrent pin wait for this transaction.
      const row = await db
        .insertInto('blob_pins')
        .values({ sha256, count: 0, until_ms: 0 })
        .onConflict((oc) => oc.column('sha256').doUpdateSet({ count: sql<number>`blob_pins.count` }))
        .returning(['count', 'until_ms'])
        .executeTakeFirstOrThrow();
      if (Number(row.count) > 0 && Number(row.until_ms) > nowMs) return true;
      await db.deleteFrom('blob_pins').where('sha256', '=', sha256).execute();
      return false;
    },
  };
}
