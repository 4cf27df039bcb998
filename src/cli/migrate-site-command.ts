import type { Command } from 'commander';
import { ConfigError } from '../config/load-config.ts';
import { isDomainError } from '../domain/errors.ts';
import { type MigrateSiteSummary, migrateSite } from '../services/site/migrate-site.ts';
import type { CliContext, SiteLocations } from './runtime.ts';
import { runToolkitAction, UsageError } from './toolkit/exit.ts';
import { formatBytes, renderTable } from './toolkit/format.ts';
import { phasesFor } from './toolkit/progress.ts';

interface MigrateSiteOptions {
  toDatabase: string;
  toBlobStore: string;
  intoNonEmpty?: boolean;
  concurrency: string;
  json?: boolean;
}

/** `tributary migrate-site`: copies the configured site into another database and blob store. */
export function registerMigrateSiteCommand(
  program: Command,
  context: CliContext,
  progressStream: NodeJS.WriteStream | undefined,
): void {
  program
    .command('migrate-site')
    .description(
      'Copy this site (its database and blobs, as `serve` finds them) into another database and blob store, ' +
        'resumably, then verify row counts and every blob. Stop the server first.',
    )
    .requiredOption('--to-database <url>', 'the target database: postgres://… or sqlite:<path>')
    .requiredOption('--to-blob-store <url>', 'the target blob store: s3://bucket[/prefix] or file:<folder>')
    .option('--into-non-empty', "replace a target that holds another site's data (its rows are deleted)")
    .option('--concurrency <n>', 'blobs copied and verified at a time', '4')
    .option('--json', 'print the summary as JSON and draw no progress')
    .action(async (options: MigrateSiteOptions, command: Command) => {
      const { io } = context;
      await runToolkitAction(io, async () => {
        const config = context.configOf(command);
        const target = targetOf(context, command, options);
        if (JSON.stringify(target.database) === JSON.stringify(config.database))
          throw new UsageError('--to-database names the site being copied');
        if (JSON.stringify(target.blobStore) === JSON.stringify(config.blobStore))
          throw new UsageError('--to-blob-store names the site being copied');
        const concurrency = Number(options.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
          throw new UsageError('--concurrency must be an integer from 1 to 64');
        const deps = await context.runtime.openSiteMigration(config, {
          database: target.database,
          blobStore: target.blobStore,
        });
        let summary: MigrateSiteSummary;
        try {
          summary = await migrateSite(deps, {
            intoNonEmpty: options.intoNonEmpty === true,
            concurrency,
            phase: phasesFor(progressStream, options.json),
          });
        } catch (error) {
          // A target that holds another site is a usage problem (exit 2), not a failed copy.
          if (isDomainError(error, 'invalid_request')) throw new UsageError(error.message);
          throw error;
        } finally {
          await deps.copier.close();
        }
        io.out(options.json ? `${JSON.stringify(summary, null, 2)}\n` : describe(summary));
        return summary.verified ? 0 : 1;
      });
    });
}

function describe(summary: MigrateSiteSummary): string {
  const lines: string[] = [];
  const { blobs } = summary;
  lines.push(
    {
      copied: `Copied ${summary.rowsCopied} rows.`,
      resumed: `Resumed an interrupted copy: ${summary.rowsCopied} more rows.`,
      verified: 'The target holds a complete copy of this site already; verified it again.',
    }[summary.outcome],
  );
  lines.push(
    `Blobs: ${blobs.total} (${blobs.copied} copied, ${formatBytes(blobs.bytesCopied)}; ${blobs.present} already there).`,
  );
  const differing = summary.tables.filter((table) => table.sourceRows !== table.targetRows);
  if (differing.length > 0)
    lines.push(
      'Tables whose row counts differ:',
      renderTable(
        ['table', 'source', 'target'],
        differing.map((table) => [table.table, String(table.sourceRows), String(table.targetRows)]),
      ).trimEnd(),
    );
  for (const problem of summary.blobProblems) lines.push(`Blob ${problem.sha256}: ${problem.problem}`);
  lines.push(
    summary.verified
      ? `Verified: ${summary.tables.length} tables with equal row counts, ${blobs.total} blobs (${formatBytes(blobs.bytesVerified)}) re-read with the right SHA-256.`
      : 'Verification failed: the target is not a faithful copy (see above). Run again to resume.',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The site to move to, read as the settings read the site's own URLs (S3 endpoint, region and pool size
 * come from the same settings); a URL they would refuse is a usage error naming the option.
 */
function targetOf(context: CliContext, command: Command, options: MigrateSiteOptions): SiteLocations {
  try {
    const { database, blobStore } = context.configOf(command, {
      databaseUrl: options.toDatabase,
      blobStoreUrl: options.toBlobStore,
    });
    return { database, blobStore };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    if (error.setting.key === 'databaseUrl')
      throw new UsageError(`--to-database ${options.toDatabase} is not a database URL`);
    if (error.setting.key === 'blobStoreUrl')
      throw new UsageError(`--to-blob-store ${options.toBlobStore} is not a blob store URL`);
    throw error;
  }
}
