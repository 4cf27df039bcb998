import type { Command } from 'commander';
import { checkSite, type SiteCheckReport } from '../services/site/check-site.ts';
import { type CliContext, withLiveSite } from './runtime.ts';
import { runToolkitAction, UsageError } from './toolkit/exit.ts';
import { formatBytes, renderTable } from './toolkit/format.ts';
import { createProgress } from './toolkit/progress.ts';

interface FsckOptions {
  quick?: boolean;
  repair?: boolean;
  json?: boolean;
  graceMinutes: string;
  auditSample: string;
}

/** `tributary fsck`: checks (and with --repair mends) the site that `serve` would open; docs/fsck.md. */
export function registerFsckCommand(
  program: Command,
  context: CliContext,
  progressStream: NodeJS.WriteStream | undefined,
): void {
  program
    .command('fsck')
    .description(
      'Check that the metadata and the blobs of this site (as `serve` finds them) agree: bytes, orphans, ' +
        'references, the text index and the audit log. Safe while the server runs. Exit 0 consistent, 1 not.',
    )
    .option('--quick', 'compare blob sizes only; read no bytes')
    .option(
      '--repair',
      'remove old orphan blobs, rebuild the text index where it differs, quarantine bad bytes',
    )
    .option('--grace-minutes <n>', 'unreferenced blobs younger than this may be an upload under way', '60')
    .option('--audit-sample <n>', 'newest versions checked for their audit record', '1000')
    .option('--json', 'print the report as JSON and draw no progress')
    .action(async (options: FsckOptions, command: Command) => {
      const { io } = context;
      await runToolkitAction(io, async () => {
        const graceMinutes = Number(options.graceMinutes);
        if (!(options.graceMinutes.trim() !== '' && Number.isFinite(graceMinutes) && graceMinutes >= 0))
          throw new UsageError('--grace-minutes must be a number of minutes, 0 or more');
        const auditSample = Number(options.auditSample);
        if (!Number.isInteger(auditSample) || auditSample < 0)
          throw new UsageError('--audit-sample must be a whole number, 0 or more');
        const report = await withLiveSite(context, command, (site) =>
          checkSite(site.services, {
            quick: options.quick === true,
            repair: options.repair === true,
            graceMs: graceMinutes * 60_000,
            auditSample,
            phase(label) {
              const progress = createProgress(label, {
                enabled: options.json !== true,
                stream: progressStream,
                nowMs: Date.now,
              });
              progress.start();
              return progress;
            },
          }),
        );
        io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : describeSiteCheck(report));
        return (options.repair ? report.repairedAll : report.consistent) ? 0 : 1;
      });
    });
}

/** The report in words, as `fsck` prints it (and `site-restore` after it checks the restored site). */
export function describeSiteCheck(report: SiteCheckReport): string {
  const { checked } = report;
  const lines = [
    `Checked ${checked.attachmentVersions} attachment versions (${checked.blobsRead} blobs, ` +
      (report.quick ? 'sizes only' : `${formatBytes(checked.bytesHashed)} hashed`) +
      `), ${checked.storedBlobs} stored blobs, ${checked.contentItems} index rows, ` +
      `${checked.auditSampled} versions against the audit log.`,
  ];
  if (checked.youngUnreferencedBlobs > 0)
    lines.push(
      `Left alone ${checked.youngUnreferencedBlobs} unreferenced blobs younger than the grace period.`,
    );
  if (report.findings.length > 0) {
    lines.push(
      renderTable(
        ['problem', 'count', 'repaired'],
        report.findings.map((finding) => [finding.kind, String(finding.count), String(finding.repaired)]),
      ).trimEnd(),
    );
    for (const finding of report.findings)
      for (const example of finding.examples) lines.push(`  ${finding.kind}: ${example}`);
  }
  for (const repair of report.repairs)
    lines.push(
      `Repaired (${repair.kind}): ${repair.action} ${repair.subject}${repair.to ? ` → ${repair.to}` : ''}`,
    );
  lines.push(
    report.consistent
      ? 'Consistent: nothing to report.'
      : report.repairedAll && report.repairs.length > 0
        ? 'Repaired everything found; run again to confirm.'
        : 'Not consistent (see above).',
  );
  return `${lines.join('\n')}\n`;
}
