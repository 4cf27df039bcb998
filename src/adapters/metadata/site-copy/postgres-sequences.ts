import { type Kysely, sql } from 'kysely';
import type { Tables } from '../sql/tables.ts';
import type { TableShape } from './sqlite-schema.ts';

/**
 * Rows copied with their ids leave PostgreSQL's identity sequences where they were (at 1), so the next
 * insert would collide with a copied row: each sequence is moved to its table's largest id. An integer
 * `id` that is not generated has no sequence, and `setval` of null changes nothing.
 */
export async function resetPostgresSequences(db: Kysely<Tables>, shapes: readonly TableShape[]) {
  for (const shape of shapes) {
    if (!shape.integerId) continue;
    const quoted = `"${shape.name.replaceAll('"', '""')}"`;
    await sql`SELECT setval(pg_get_serial_sequence(${quoted}, 'id'), max(id)) FROM ${sql.table(shape.name)}`.execute(
      db,
    );
  }
}
