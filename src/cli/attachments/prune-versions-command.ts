import type { Command } from 'commander';
import type { Attachment, ConfluenceClient } from '../../client/index.ts';
import { BulkRun } from '../toolkit/bulk-run.ts';
import { confirmOrRefuse } from '../toolkit/confirm.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand, yesOption } from '../toolkit/define-command.ts';
import { isOperationalError, UsageError } from '../toolkit/exit.ts';
import { formatBytes, printable, shortTimeOf } from '../toolkit/format.ts';
import { parseCount, parseDuration } from '../toolkit/parse-values.ts';
import type { Progress } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import { messageOf, type Tally } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { countAndBytes, gatherAttachments, subjectOf } from './bulk-plan.ts';
import { addFilterOptions, attachmentFilterOf, type FilterFlags } from './filters.ts';

type PruneFlags = ConnectionFlags &
  SelectorFlags &
  FilterFlags & { keep?: string; olderThan?: string; yes?: boolean; dryRun?: boolean };

const examples = `
The current version is never deleted. --keep N keeps the N newest versions (the current one counts);
--older-than deletes historical versions uploaded longer ago than that; with both, a version goes only
when both say so. Versions are deleted through the Extender plugin on Data Center when it is there, the
Data Center attachment version delete without it, and v1 DELETE /content/{id}/version/{n} on Cloud and
Tributary (space administrators only, as in Confluence). The bytes reported are the deleted versions'
sizes; a server that shares identical bytes between versions may free less.

Examples:
  tributary attachments prune-versions --page 123 --keep 3 --dry-run
  tributary attachments prune-versions --space DOCS --older-than 1y --yes
  tributary attachments prune-versions --space DOCS --keep 1 --min-size 10MiB --json --yes
`;

export function registerPruneVersionsCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'prune-versions',
    description:
      'Delete historical versions of attachments (never the current one), reporting the bytes freed',
    options: [
      ['--keep <n>', 'keep this many newest versions, the current one included'],
      ['--older-than <age>', 'delete historical versions uploaded longer ago than this: 90d, 1y'],
      yesOption,
      ['--dry-run', 'show which versions would be deleted; change nothing'],
      ['--json', 'print the outcome of every version as JSON'],
      addSelectorOptions,
      addFilterOptions,
    ],
    examples,
    run: (flags: PruneFlags) => pruneCommand(flags, toolkit),
  });
}

/** One historical version chosen for deletion. */
interface DoomedVersion {
  attachment: Attachment;
  number: number;
  sizeBytes: number;
  createdAtMs: number;
}

async function pruneCommand(flags: PruneFlags, toolkit: ToolkitContext): Promise<number> {
  const selector = selectorOf(flags);
  const nowMs = toolkit.nowMs();
  if (flags.keep === undefined && flags.olderThan === undefined)
    throw new UsageError('Say which versions go: --keep N, --older-than AGE, or both');
  const keepCount = flags.keep === undefined ? undefined : parseCount(flags.keep, '--keep', 1, 1_000_000);
  const cutoffMs =
    flags.olderThan === undefined ? undefined : nowMs - parseDuration(flags.olderThan, '--older-than');
  const matches = attachmentFilterOf(flags, nowMs);
  const connection = await resolveConnection(flags, toolkit);
  const dryRun = flags.dryRun === true;
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  const { io } = toolkit;

  const proceeded = await withClient(connection, async (client) => {
    const attachments = await gatherAttachments(
      client,
      selector,
      ['current'],
      (attachment) => attachment.versionNumber > 1 && matches(attachment),
      progressOf('Listing'),
    );
    const doomed = await chooseVersions(
      client,
      attachments,
      { keepCount, cutoffMs },
      connection.concurrency,
      tally,
      progressOf('Versions'),
    );
    const count = [...doomed.values()].reduce((sum, versions) => sum + versions.length, 0);
    if (count === 0) return true;
    const bytes = [...doomed.values()].flat().reduce((sum, version) => sum + version.sizeBytes, 0);
    const what = `${countAndBytes(count, bytes, 'historical version')} of ${doomed.size} attachment${doomed.size === 1 ? '' : 's'}`;
    io.err(`${dryRun ? 'Would delete' : 'Will delete'} ${what}:\n`);
    const sample = [...doomed.values()].flat().slice(0, 10);
    for (const version of sample) {
      io.err(
        `  ${printable(subjectOf(version.attachment))} v${version.number}  ${formatBytes(version.sizeBytes)}  uploaded ${shortTimeOf(version.createdAtMs)}\n`,
      );
    }
    if (count > sample.length) io.err(`  … and ${count - sample.length} more\n`);
    if (dryRun) {
      for (const version of [...doomed.values()].flat()) record(tally, version, 'done', 'would delete');
      return true;
    }
    if (!(await confirmOrRefuse(toolkit, `Delete ${what}?`, flags.yes === true))) return false;
    const progress = progressOf('Pruning');
    progress.start({ items: count, bytes });
    try {
      await runPool(doomed.values(), connection.concurrency, async (versions) => {
        // Newest first, one at a time: correct whether or not the server renumbers the rest.
        for (const version of versions) {
          try {
            await client.deleteVersion(version.attachment, version.number);
            record(tally, version, 'done', 'deleted');
          } catch (error) {
            if (!isOperationalError(error)) throw error;
            record(tally, version, 'failed', messageOf(error));
          }
          progress.bytes(version.sizeBytes);
          progress.item();
        }
      });
    } finally {
      progress.stop();
    }
    return true;
  });
  // Only deletes that happened free anything.
  const freed = dryRun || tally.count('done') === 0 ? '' : '; those bytes are freed';
  return run.summaryOfConfirmed(proceeded, 'Deleted', `historical versions${freed}`);
}

function record(tally: Tally, version: DoomedVersion, outcome: 'done' | 'failed', detail: string) {
  tally.add({
    outcome,
    subject: `${subjectOf(version.attachment)} v${version.number}`,
    detail,
    bytes: outcome === 'done' ? version.sizeBytes : 0,
    fields: {
      id: version.attachment.id,
      containerId: version.attachment.containerId,
      title: version.attachment.title,
      version: version.number,
      sizeBytes: version.sizeBytes,
    },
  });
}

/** Each attachment's doomed versions, newest first; an attachment whose history cannot be read fails. */
async function chooseVersions(
  client: ConfluenceClient,
  attachments: Attachment[],
  rule: { keepCount: number | undefined; cutoffMs: number | undefined },
  concurrency: number,
  tally: Tally,
  progress: Progress,
): Promise<Map<string, DoomedVersion[]>> {
  const doomed = new Map<string, DoomedVersion[]>();
  progress.start({ items: attachments.length, bytes: 0 });
  try {
    await runPool(attachments, concurrency, async (attachment) => {
      try {
        const history = await client.listVersions(attachment);
        const chosen: DoomedVersion[] = [];
        for (const [rank, version] of history.entries()) {
          const historical = version.number < attachment.versionNumber;
          const beyondKeep = rule.keepCount === undefined || rank >= rule.keepCount;
          const oldEnough = rule.cutoffMs === undefined || version.createdAtMs < rule.cutoffMs;
          if (!historical || !beyondKeep || !oldEnough) continue;
          // Only the Extender lists sizes; elsewhere that version's own facts say.
          const sizeBytes =
            version.sizeBytes ??
            (await client.getAttachment(attachment.id, { versionNumber: version.number })).sizeBytes;
          chosen.push({ attachment, number: version.number, sizeBytes, createdAtMs: version.createdAtMs });
        }
        if (chosen.length > 0) doomed.set(attachment.id, chosen);
      } catch (error) {
        if (!isOperationalError(error)) throw error;
        tally.add({
          outcome: 'failed',
          subject: `${subjectOf(attachment)} (versions)`,
          detail: messageOf(error),
          bytes: 0,
          fields: { id: attachment.id },
        });
      }
      progress.item();
    });
  } finally {
    progress.stop();
  }
  return doomed;
}
