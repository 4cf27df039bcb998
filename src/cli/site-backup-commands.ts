import type { Command } from 'commander';
import { checkSite } from '../services/site/check-site.ts';
import { describeSiteCheck } from './fsck-command.ts';
import { restoreSiteBackup } from './restore-site-backup.ts';
import { type CliContext, type SiteBackupRuntime, withSite } from './runtime.ts';
import { takeSiteBackup } from './take-site-backup.ts';
import { runToolkitAction, UsageError } from './toolkit/exit.ts';
import { formatBytes } from './toolkit/format.ts';
import { phasesFor } from './toolkit/progress.ts';

interface SiteBackupCommandOptions {
  concurrency: string;
  json?: boolean;
}

/** `tributary site-backup DIR` and `tributary site-restore DIR`: the whole site, for disaster recovery. */
export function registerSiteBackupCommands(
  program: Command,
  context: CliContext,
  progressStream: NodeJS.WriteStream | undefined,
): void {
  const runtimeOf = (): SiteBackupRuntime => {
    const runtime = context.runtime.siteBackups;
    if (!runtime) throw new UsageError('site backups are not available in this build');
    return runtime;
  };

  program
    .command('site-backup')
    .description(
      'Back up the whole site (as `serve` finds it) into DIR while it serves: a snapshot of the database, ' +
        'then every blob it records (hard links where possible), with a manifest of SHA-256 checksums. ' +
        'Run again into the same DIR to copy only new blobs.',
    )
    .argument('<dir>', 'the backup folder (created if absent)')
    .option('--concurrency <n>', 'blobs copied and hashed at a time', '4')
    .option('--json', 'print the summary as JSON and draw no progress')
    .action(async (dir: string, options: SiteBackupCommandOptions, command: Command) => {
      const { io } = context;
      await runToolkitAction(io, async () => {
        const concurrency = concurrencyOf(options);
        const config = context.configOf(command);
        if (config.database.kind !== 'sqlite')
          throw new UsageError(
            'site-backup snapshots an embedded site (sqlite:); back up PostgreSQL with pg_dump and the bucket with its versioning or replication (docs/backup-restore-migrate.md)',
          );
        const runtime = runtimeOf();
        const source = await runtime.openSource(config);
        try {
          const summary = await takeSiteBackup(source, {
            dir,
            tributaryVersion: runtime.version,
            concurrency,
            nowMs: Date.now,
            phase: phasesFor(progressStream, options.json),
          });
          const { blobs } = summary;
          io.out(
            options.json
              ? `${JSON.stringify(summary, null, 2)}\n`
              : `Backed up the site into ${dir}: database ${summary.databaseFile} (${formatBytes(summary.databaseBytes)}), ` +
                  `${blobs.total} blobs (${formatBytes(blobs.bytes)}): ${blobs.linked} linked, ${blobs.copied} copied, ` +
                  `${blobs.alreadyThere} already in the backup` +
                  (summary.blobsDropped > 0 ? `; ${summary.blobsDropped} no longer used removed` : '') +
                  (summary.snapshots > 1
                    ? `; ${summary.snapshots} snapshots (blobs were purged meanwhile)`
                    : '') +
                  '.\n',
          );
          return 0;
        } finally {
          source.close();
        }
      });
    });

  program
    .command('site-restore')
    .description(
      'Restore a site backup from DIR into the configured site, which must be empty; every blob and the ' +
        'database are checked against their SHA-256 as they are copied, and a failed restore leaves nothing.',
    )
    .argument('<dir>', 'the backup folder written by site-backup')
    .option('--concurrency <n>', 'blobs copied and hashed at a time', '4')
    .option('--json', 'print the summary as JSON and draw no progress')
    .action(async (dir: string, options: SiteBackupCommandOptions, command: Command) => {
      const { io } = context;
      await runToolkitAction(io, async () => {
        const concurrency = concurrencyOf(options);
        const config = context.configOf(command);
        const summary = await restoreSiteBackup(runtimeOf(), config, {
          dir,
          concurrency,
          phase: phasesFor(progressStream, options.json),
        });
        // What fsck checks beyond the copy: rows that point at nothing, the text index, every version's
        // blob there at its size. Sizes only: every blob was hashed on its way in. What it finds came with
        // the backup (the copy is faithful to the snapshot, and a snapshot taken while a server writes may
        // hold index rows not yet written), so it is reported, and the restore still succeeds.
        const check = await withSite(context, command, (site) =>
          checkSite(site.services, { quick: true, graceMs: 60 * 60_000, auditSample: 0 }),
        );
        io.out(
          options.json
            ? `${JSON.stringify({ ...summary, check }, null, 2)}\n`
            : `Restored the site from ${dir}: database ${summary.databaseFile}, ${summary.blobs} blobs ` +
                `(${formatBytes(summary.blobBytes)}), every SHA-256 checked.\n${describeSiteCheck(check)}` +
                (check.consistent
                  ? 'Start it with tributary serve.\n'
                  : 'The backup held these as they are: start the site and run tributary fsck --repair.\n'),
        );
        return 0;
      });
    });
}

function concurrencyOf(options: SiteBackupCommandOptions): number {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency must be an integer from 1 to 64');
  return concurrency;
}
