import { type Kysely, sql } from 'kysely';
import type { BlobRef } from '../../../ports/blob-store.ts';
import type { CopyTarget, SiteCopier, TableCount, TableRows } from '../../../ports/site-copier.ts';
import { textIndexFor } from '../sql/sql-metadata-store.ts';
import type { Tables } from '../sql/tables.ts';
import { resetPostgresSequences } from './postgres-sequences.ts';
import type { SiteDatabase } from './site-database.ts';
import { readSqliteSchema, type TableShape } from './sqlite-schema.ts';

/** Rows of any table, for a copy that does not care what they mean. */
type AnyTables = Record<string, Record<string, unknown>>;

/** Which source a target receives (one row), and how far each table and the text index got. */
const sourceTable = 'site_copy_source';
const progressTable = 'site_copy_progress';
const textIndexStep = '$text-index';

// PostgreSQL takes at most 65,535 bound values per statement.
const maxValuesPerInsert = 30_000;
const maxRowsPerBatch = 1_000;
const textIndexBatch = 500;

/** Tables whose rows a site's use makes; their migrations seed none, so rows in any mean a used site. */
const siteTables = ['users', 'groups', 'spaces', 'content'];

const asAny = (db: Kysely<Tables>) => db as unknown as Kysely<AnyTables>;

/**
 * Copies a SQLite site's tables into another site database (SQLite or PostgreSQL) through Kysely. Rows
 * keep their ids. The source's own schema says what to copy and in which order (`sqlite-schema.ts`); rows
 * go in order of the source's rowid, each batch committed with the position it reached, so a copy that
 * stops continues from there.
 */
export async function sqlSiteCopier(source: SiteDatabase, target: SiteDatabase): Promise<SiteCopier> {
  const from = asAny(source.db);
  const to = asAny(target.db);
  // One read transaction for the whole run: every batch and count sees the same snapshot of the source,
  // even should something write to it meanwhile (the source's connection is its only one).
  await sql`BEGIN`.execute(source.db);
  const shapes = await readSqliteSchema(source.db);
  const byName = new Map(shapes.map((shape) => [shape.name, shape]));
  const { site_id: sourceSiteId } = await source.db
    .selectFrom('site_identity')
    .select('site_id')
    .executeTakeFirstOrThrow();

  const hasBookkeeping = async () => {
    const tables = await target.db.introspection.getTables();
    return tables.some((table) => table.name === sourceTable);
  };
  const createBookkeeping = async () => {
    await to.schema
      .createTable(sourceTable)
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('source_site_id', 'text', (c) => c.notNull())
      .addColumn('complete', 'integer', (c) => c.notNull())
      .execute();
    await to.schema
      .createTable(progressTable)
      .ifNotExists()
      .addColumn('step', 'text', (c) => c.primaryKey())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
  };
  const positionOf = async (step: string) => {
    const row = await to
      .selectFrom(progressTable)
      .select('position')
      .where('step', '=', step)
      .executeTakeFirst();
    return row ? Number(row.position) : 0;
  };
  const recordPosition = (db: Kysely<AnyTables>, step: string, position: number) =>
    db
      .insertInto(progressTable)
      .values({ step, position })
      .onConflict((conflict) => conflict.column('step').doUpdateSet({ position }))
      .execute();
  const countOf = async (db: Kysely<AnyTables>, table: string) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('rows'))
      .executeTakeFirstOrThrow();
    return Number(row.rows);
  };
  const shapeOf = (table: string): TableShape => {
    const shape = byName.get(table);
    if (!shape) throw new Error(`The source has no table ${table}`);
    return shape;
  };

  return {
    async target(): Promise<CopyTarget> {
      if (await hasBookkeeping()) {
        const row = await to.selectFrom(sourceTable).selectAll().executeTakeFirst();
        if (row && row.source_site_id === sourceSiteId)
          return { kind: 'same-source', complete: Number(row.complete) === 1 };
        if (row) return { kind: 'other', description: `a copy of site ${String(row.source_site_id)}` };
      }
      const used: string[] = [];
      for (const table of siteTables) {
        const rows = await countOf(to, table);
        if (rows > 0) used.push(`${rows} ${table}`);
      }
      return used.length === 0 ? { kind: 'empty' } : { kind: 'other', description: used.join(', ') };
    },

    async begin() {
      await createBookkeeping();
      await to.transaction().execute(async (trx) => {
        // Children first: a parent's delete would cascade anyway, but not every reference cascades.
        for (const shape of [...shapes].reverse()) await trx.deleteFrom(shape.name).execute();
        await trx.deleteFrom(progressTable).execute();
        await trx.deleteFrom(sourceTable).execute();
        await trx
          .insertInto(sourceTable)
          .values({ id: 1, source_site_id: sourceSiteId, complete: 0 })
          .execute();
      });
    },

    async tables(): Promise<TableRows[]> {
      const rows: TableRows[] = [];
      for (const shape of shapes) rows.push({ table: shape.name, rows: await countOf(from, shape.name) });
      return rows;
    },

    async copyTable(table, onRows) {
      const shape = shapeOf(table);
      const batch = Math.max(
        1,
        Math.min(maxRowsPerBatch, Math.floor(maxValuesPerInsert / shape.columns.length)),
      );
      let position = await positionOf(table);
      let copied = 0;
      for (;;) {
        const { rows } = await sql<Record<string, unknown> & { copy_rowid: number }>`
          SELECT rowid AS copy_rowid, ${sql.join(shape.columns.map((column) => sql.ref(column)))}
          FROM ${sql.table(table)} WHERE rowid > ${position} ORDER BY rowid LIMIT ${batch}`.execute(from);
        const last = rows.at(-1);
        if (!last) return copied;
        const values = rows.map(({ copy_rowid: _, ...row }) => {
          // A reference to a row of the same table further on is filled in by finishTables.
          for (const reference of shape.selfReferences) {
            const value = row[reference.column];
            if (value !== null && Number(value) > Number(row[reference.referenced]))
              row[reference.column] = null;
          }
          return row;
        });
        const reached = Number(last.copy_rowid);
        await to
          .transaction()
          .execute(async (trx) => {
            await trx.insertInto(table).values(values).execute();
            await recordPosition(trx, table, reached);
          })
          .catch((error: unknown) => {
            // The database's message rarely names the table, and a schema that differs shows up here.
            const message = error instanceof Error ? error.message : String(error);
            throw new Error(`Copying ${table} after row ${position}: ${message}`, { cause: error });
          });
        position = reached;
        copied += rows.length;
        onRows(rows.length);
      }
    },

    async finishTables() {
      for (const shape of shapes) {
        for (const reference of shape.selfReferences) {
          const column = sql.ref(reference.column);
          const key = sql.ref(reference.referenced);
          const { rows } = await sql<{ key: unknown; value: unknown }>`
            SELECT ${key} AS key, ${column} AS value FROM ${sql.table(shape.name)}
            WHERE ${column} > ${key}`.execute(from);
          for (let start = 0; start < rows.length; start += maxRowsPerBatch) {
            await to.transaction().execute(async (trx) => {
              for (const row of rows.slice(start, start + maxRowsPerBatch))
                await trx
                  .updateTable(shape.name)
                  .set(reference.column, row.value)
                  .where(reference.referenced, '=', row.key)
                  .execute();
            });
          }
        }
      }
      if (target.dialect === 'postgres') await resetPostgresSequences(target.db, shapes);
    },

    async rebuildTextIndex(onItem) {
      for (let position = await positionOf(textIndexStep); ; ) {
        const ids = await target.db
          .selectFrom('content')
          .select('id')
          .where('id', '>', position)
          .orderBy('id')
          .limit(textIndexBatch)
          .execute();
        const last = ids.at(-1);
        if (!last) return;
        await target.db.transaction().execute(async (trx) => {
          const text = textIndexFor(trx, target.dialect);
          for (const { id } of ids) {
            await text.reindex(Number(id));
            onItem();
          }
          await recordPosition(asAny(trx), textIndexStep, Number(last.id));
        });
        position = Number(last.id);
      }
    },

    async countRows(): Promise<TableCount[]> {
      const counts: TableCount[] = [];
      for (const shape of shapes)
        counts.push({
          table: shape.name,
          sourceRows: await countOf(from, shape.name),
          targetRows: await countOf(to, shape.name),
        });
      return counts;
    },

    async blobTotals() {
      const row = await source.db
        .selectFrom('blobs')
        .select((eb) => [eb.fn.countAll().as('items'), eb.fn.sum('size_bytes').as('bytes')])
        .executeTakeFirstOrThrow();
      return { items: Number(row.items), bytes: Number(row.bytes ?? 0) };
    },

    async *blobs(): AsyncIterable<BlobRef> {
      for (let after = ''; ; ) {
        const rows = await source.db
          .selectFrom('blobs')
          .select(['sha256', 'size_bytes'])
          .where('sha256', '>', after)
          .orderBy('sha256')
          .limit(maxRowsPerBatch)
          .execute();
        for (const row of rows) yield { sha256: row.sha256, sizeBytes: Number(row.size_bytes) };
        const last = rows.at(-1);
        if (!last) return;
        after = last.sha256;
      }
    },

    async markComplete() {
      await to.updateTable(sourceTable).set({ complete: 1 }).where('id', '=', 1).execute();
    },

    async close() {
      await sql`COMMIT`.execute(source.db);
      await source.close();
      await target.close();
    },
  };
}
