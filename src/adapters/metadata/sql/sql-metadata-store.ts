import { type Kysely, Migrator, sql } from 'kysely';
import type { MetadataRepositories, MetadataStore } from '../../../ports/metadata-store.ts';
import { migrationsFor } from '../migrations/index.ts';
import { sqlAppearanceRepository } from './appearance-repository.ts';
import { sqlAppsRepository } from './apps-repository.ts';
import { sqlAuditRepository } from './audit-repository.ts';
import { sqlBackupJobsRepository } from './backup-jobs-repository.ts';
import { sqlBlobsRepository } from './blobs-repository.ts';
import { sqlBodyConversionsRepository } from './body-conversions-repository.ts';
import { sqlClassificationsRepository } from './classifications-repository.ts';
import { sqlContentRepository } from './content-repository.ts';
import { sqlContentStatesRepository } from './content-states-repository.ts';
import { sqlContentTasksRepository } from './content-tasks-repository.ts';
import { sqlContentViewsRepository } from './content-views-repository.ts';
import type { SqlDialect } from './dialect.ts';
import { type ExplainFailure, GroupCommit, type MakeDurable } from './group-commit.ts';
import { sqlGroupsRepository } from './groups-repository.ts';
import { sqlHousekeepingRepository } from './housekeeping-repository.ts';
import {
  sqlAdminKeysRepository,
  sqlAppPropertiesRepository,
  sqlUserPropertiesRepository,
} from './identity-extras-repositories.ts';
import { sqlInlineCommentsRepository } from './inline-comments-repository.ts';
import { sqlLabelsRepository } from './labels-repository.ts';
import { sqlBlobPinsRepository, sqlLeasesRepository } from './leases-repository.ts';
import { sqlLikesRepository } from './likes-repository.ts';
import { sqlLongTasksRepository } from './long-tasks-repository.ts';
import { sqlPermissionsRepository } from './permissions-repository.ts';
import { sqlPropertiesRepository } from './properties-repository.ts';
import { sqlRelationsRepository } from './relations-repository.ts';
import { type RunTransaction, serializableTransactions } from './serializable-transactions.ts';
import { sqlSiteCheckRepository } from './site-check-repository.ts';
import { sqlSiteRepository } from './site-repository.ts';
import { sqlSpaceRolesRepository } from './space-roles-repository.ts';
import { sqlSpacesRepository } from './spaces-repository.ts';
import type { Tables } from './tables.ts';
import { sqlTemplatesRepository } from './templates-repository.ts';
import { postgresTextIndex, sqliteTextIndex, type TextIndex } from './text-index.ts';
import { sqlTokensRepository } from './tokens-repository.ts';
import { sqlUsersRepository } from './users-repository.ts';
import { sqlWatchesRepository } from './watches-repository.ts';
import { sqlWebSessionsRepository } from './web-sessions-repository.ts';
import { sqlWebhooksRepository } from './webhooks-repository.ts';

/** How each dialect keeps its full-text index. */
export function textIndexFor(db: Kysely<Tables>, dialect: SqlDialect): TextIndex {
  return dialect === 'sqlite' ? sqliteTextIndex(db) : postgresTextIndex(db);
}

function repositories(db: Kysely<Tables>, dialect: SqlDialect): MetadataRepositories {
  const text = textIndexFor(db, dialect);
  return {
    users: sqlUsersRepository(db),
    groups: sqlGroupsRepository(db),
    tokens: sqlTokensRepository(db),
    webSessions: sqlWebSessionsRepository(db),
    apps: sqlAppsRepository(db),
    audit: sqlAuditRepository(db),
    blobs: sqlBlobsRepository(db),
    spaces: sqlSpacesRepository(db),
    content: sqlContentRepository(db, text, dialect),
    longTasks: sqlLongTasksRepository(db),
    properties: sqlPropertiesRepository(db),
    labels: sqlLabelsRepository(db, text),
    watches: sqlWatchesRepository(db),
    appearance: sqlAppearanceRepository(db),
    spaceRoles: sqlSpaceRolesRepository(db),
    permissions: sqlPermissionsRepository(db),
    webhooks: sqlWebhooksRepository(db),
    backupJobs: sqlBackupJobsRepository(db),
    classifications: sqlClassificationsRepository(db),
    site: sqlSiteRepository(db),
    userProperties: sqlUserPropertiesRepository(db),
    appProperties: sqlAppPropertiesRepository(db),
    adminKeys: sqlAdminKeysRepository(db),
    inlineComments: sqlInlineCommentsRepository(db),
    likes: sqlLikesRepository(db),
    contentTasks: sqlContentTasksRepository(db),
    contentStates: sqlContentStatesRepository(db),
    relations: sqlRelationsRepository(db),
    templates: sqlTemplatesRepository(db),
    contentViews: sqlContentViewsRepository(db),
    leases: sqlLeasesRepository(db),
    blobPins: sqlBlobPinsRepository(db),
    bodyConversions: sqlBodyConversionsRepository(db),
    housekeeping: sqlHousekeepingRepository(db),
    siteCheck: sqlSiteCheckRepository(db, dialect, text),
  };
}

const migratorFor = (db: Kysely<Tables>, dialect: SqlDialect) => {
  const migrations = migrationsFor(dialect);
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
};

/** Applies every pending migration; the names applied are returned for logging and tests. */
export async function migrateToLatest(db: Kysely<Tables>, dialect: SqlDialect): Promise<string[]> {
  const { error, results = [] } = await migratorFor(db, dialect).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * SQLite has one writer: its transactions are batched into group commits. PostgreSQL runs them side by
 * side, each serializable (see serializable-transactions.ts).
 */
export function sqlMetadataStore(
  db: Kysely<Tables>,
  dialect: SqlDialect,
  makeDurable?: MakeDurable,
  explainFailure?: ExplainFailure,
): MetadataStore {
  const commits = dialect === 'sqlite' ? new GroupCommit(db, makeDurable, explainFailure) : undefined;
  const run: RunTransaction = commits ? (work) => commits.run(work) : serializableTransactions(db);
  return {
    ...repositories(db, dialect),
    transaction: (work) => run((trx) => work(repositories(trx, dialect))),
    async check() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** A live site's database is used as it is: one that is missing or behind this version is not changed. */
export class SiteNotReadyError extends Error {
  constructor(problem: string) {
    super(`${problem}; start \`tributary serve\` of this version on the site first, which prepares it`);
    this.name = 'SiteNotReadyError';
  }
}

/** Throws SiteNotReadyError unless every migration is applied; reads only (makes no migration table). */
export async function requireMigrated(db: Kysely<Tables>, dialect: SqlDialect): Promise<void> {
  const pending = (await migratorFor(db, dialect).getMigrations())
    .filter((migration) => migration.executedAt === undefined)
    .map((migration) => migration.name);
  if (pending.length > 0)
    throw new SiteNotReadyError(
      `the database lacks ${pending.length} migrations of this version (from ${pending[0]})`,
    );
}
