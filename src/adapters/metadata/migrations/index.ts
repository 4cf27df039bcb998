import type { Migration } from 'kysely';
import type { SqlDialect } from '../sql/dialect.ts';
import { initialSchema } from './0001-initial.ts';
import { spacesAndWatches } from './0002-spaces-and-watches.ts';
import { textIndex } from './0003-text-index.ts';
import { cqlSearchIndexes } from './0004-cql-search-indexes.ts';
import { backfillAndReferenceIndexes } from './0005-backfill-and-reference-indexes.ts';
import { auditLog } from './0006-audit-log.ts';
import { permissions } from './0007-permissions.ts';
import { apps } from './0008-apps.ts';
import { propertyVersionNotes } from './0009-property-version-notes.ts';
import { cloudContentExtras } from './0017-cloud-content-extras.ts';

/** Numbered, forward-only. Never edit a migration that has landed; add the next number. */
export function migrationsFor(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-initial': initialSchema(dialect),
    '0002-spaces-and-watches': spacesAndWatches(dialect),
    '0003-text-index': textIndex(dialect),
    '0004-cql-search-indexes': cqlSearchIndexes(dialect),
    '0005-backfill-and-reference-indexes': backfillAndReferenceIndexes(dialect),
    '0006-audit-log': auditLog(dialect),
    '0007-permissions': permissions(dialect),
    '0008-apps': apps(dialect),
    '0009-property-version-notes': propertyVersionNotes(),
    '0017-cloud-content-extras': cloudContentExtras(dialect),
  };
}
