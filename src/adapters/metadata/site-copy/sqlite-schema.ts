import { type Kysely, sql } from 'kysely';
import type { Tables } from '../sql/tables.ts';

/** A column that refers to another row of its own table (a page's parent, an attachment's container). */
export interface SelfReference {
  column: string;
  referenced: string;
}

export interface TableShape {
  name: string;
  columns: string[];
  selfReferences: SelfReference[];
  /** An integer `id` column: the kind PostgreSQL may generate from a sequence. */
  integerId: boolean;
}

/** Bookkeeping of the migrator and of a site copy itself: never part of what is copied. */
const skipped = /^(sqlite_|kysely_|site_copy_)/;

/**
 * The ordinary tables of a SQLite site, each after the tables it refers to, read from the database
 * itself so that a table added by a later migration is copied without a list to keep up to date. The
 * full-text index (an FTS5 virtual table and its shadow tables) is not among them: it is rebuilt in the
 * target from the content. A cycle of references across tables would need deferred columns; the schema
 * has none, and one added later stops the copy here rather than failing halfway.
 */
export async function readSqliteSchema(db: Kysely<Tables>): Promise<TableShape[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name`.execute(db);
  const shapes = new Map<string, TableShape & { refersTo: Set<string> }>();
  for (const { name } of tables) {
    if (skipped.test(name)) continue;
    const { rows: columns } = await sql<{ name: string; type: string }>`
      SELECT name, type FROM pragma_table_info(${name}) ORDER BY cid`.execute(db);
    const { rows: keys } = await sql<{ table: string; from: string; to: string | null }>`
      SELECT "table", "from", "to" FROM pragma_foreign_key_list(${name})`.execute(db);
    const selfReferences = keys
      .filter((key) => key.table === name)
      .map((key) => ({ column: key.from, referenced: key.to ?? 'rowid' }));
    const refersTo = new Set(keys.map((key) => key.table).filter((table) => table !== name));
    const integerId = columns.some((column) => column.name === 'id' && /int/i.test(column.type));
    shapes.set(name, {
      name,
      columns: columns.map((column) => column.name),
      selfReferences,
      integerId,
      refersTo,
    });
  }
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  while (placed.size < shapes.size) {
    const ready = [...shapes.values()].filter(
      (shape) =>
        !placed.has(shape.name) &&
        [...shape.refersTo].every((table) => placed.has(table) || !shapes.has(table)),
    );
    if (ready.length === 0) {
      const left = [...shapes.keys()].filter((table) => !placed.has(table));
      throw new Error(
        `The tables ${left.join(', ')} refer to each other in a cycle; the copy cannot order them`,
      );
    }
    for (const { refersTo: _, ...shape } of ready) {
      ordered.push(shape);
      placed.add(shape.name);
    }
  }
  return ordered;
}
