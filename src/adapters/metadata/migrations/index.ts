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
import { siteIdentity } from './0010-site-identity.ts';
import { identityExtras } from './0011-identity-extras.ts';
import { classificationLevels } from './0012-classification-levels.ts';
import { inlineCommentsLikesTasks } from './0013-inline-comments-likes-tasks.ts';
import { contentTypes } from './0014-content-types.ts';
import { spaceLabelsAndSettings } from './0015-space-labels-and-settings.ts';
import { webhooksAndBackupJobs } from './0016-webhooks-and-backup-jobs.ts';
import { cloudContentExtras } from './0017-cloud-content-extras.ts';
import { appearance } from './0018-appearance.ts';
import { spaceRoles } from './0019-space-roles.ts';
import { leases } from './0020-leases.ts';
import { webSessions } from './0021-web-sessions.ts';
import { attachmentBrowsing } from './0022-attachment-browsing.ts';
import { listOrderIndexes } from './0023-list-order-indexes.ts';

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
    '0010-site-identity': siteIdentity(dialect),
    '0011-identity-extras': identityExtras(dialect),
    '0012-classification-levels': classificationLevels(),
    '0013-inline-comments-likes-tasks': inlineCommentsLikesTasks(dialect),
    '0014-content-types': contentTypes(),
    '0015-space-labels-and-settings': spaceLabelsAndSettings(dialect),
    '0016-webhooks-and-backup-jobs': webhooksAndBackupJobs(dialect),
    '0017-cloud-content-extras': cloudContentExtras(dialect),
    '0018-appearance': appearance(),
    '0019-space-roles': spaceRoles(dialect),
    '0020-leases': leases(),
    '0021-web-sessions': webSessions(),
    '0022-attachment-browsing': attachmentBrowsing(),
    '0023-list-order-indexes': listOrderIndexes(),
  };
}
