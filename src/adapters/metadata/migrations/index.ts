import type { Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';
import { initialSchema } from './0001-initial.ts';

/** Numbered, forward-only. Never edit a migration that has landed; add the next number. */
export function migrationsFor(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-initial': initialSchema(dialect),
  };
}
