import type { Command } from 'commander';
import type { Attachment } from '../../client/index.ts';
import { BulkRun } from '../toolkit/bulk-run.ts';
import { confirmOrRefuse } from '../toolkit/confirm.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand, yesOption } from '../toolkit/define-command.ts';
import { UsageError } from '../toolkit/exit.ts';
import { parseDuration, parseWhen } from '../toolkit/parse-values.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { actOnEach, countAndBytes, describePlan, gatherAttachments, planEach } from './bulk-plan.ts';
import { addFilterOptions, attachmentFilterOf, type FilterFlags } from './filters.ts';

type DeleteFlags = ConnectionFlags &
  SelectorFlags &
  FilterFlags & {
    before?: string;
    olderThan?: string;
    purge?: boolean;
    yes?: boolean;
    dryRun?: boolean;
  };

const examples = `
--before and --older-than compare the time the current version was uploaded (Cloud's version.createdAt,
as Atlassian's "delete attachments older than a date" script does). The command first lists what will
go (count, bytes and a sample), then asks; when stdin is not a terminal it does not ask and needs --yes.
Attachments go to the trash, from where 'attachments restore' brings them back; --purge then removes
them from the trash for good (Confluence purges only what is already in the trash).

Exit codes: 0 done (or nothing matched), 1 something failed or the question was answered no, 2 bad usage.

Examples:
  tributary attachments delete --page 13008897 --before 2024-01-15T12:57:55.347Z --dry-run
  tributary attachments delete --space DOCS --older-than 90d --media-type 'image/*'
  tributary attachments delete --page 123 --tree --older-than 1y --purge --yes --json
  tributary attachments delete --cql 'space = DOCS and title ~ "draft"' --name '*.tmp' --yes
`;

export function registerDeleteCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'delete',
    description:
      'Move the chosen attachments to the trash (and with --purge, out of it): shows, asks, then acts',
    options: [
      ['--before <when>', 'current version uploaded before: 2024-01-15, 2024-01-15T12:00:00Z or an age'],
      ['--older-than <age>', 'current version uploaded longer ago than this: 90d, 12h, 2w, 1y'],
      ['--purge', 'also purge them from the trash (for good: no restore after this)'],
      yesOption,
      ['--dry-run', 'show what would be deleted; change nothing'],
      ['--json', 'print the outcome of every attachment as JSON'],
      addSelectorOptions,
      addFilterOptions,
    ],
    examples,
    run: (flags: DeleteFlags) => deleteCommand(flags, toolkit),
  });
}

/** The ls filters that narrow a selection; deleting needs at least one criterion. */
const filterKeys: ReadonlyArray<keyof FilterFlags> = [
  'name',
  'mediaType',
  'minSize',
  'maxSize',
  'createdBefore',
  'createdAfter',
  'modifiedBefore',
  'modifiedAfter',
];

async function deleteCommand(flags: DeleteFlags, toolkit: ToolkitContext): Promise<number> {
  const selector = selectorOf(flags);
  const nowMs = toolkit.nowMs();
  if (flags.before !== undefined && flags.olderThan !== undefined)
    throw new UsageError('Give one of --before and --older-than');
  const cutoffMs =
    flags.before !== undefined
      ? parseWhen(flags.before, '--before', nowMs)
      : flags.olderThan !== undefined
        ? nowMs - parseDuration(flags.olderThan, '--older-than')
        : undefined;
  if (cutoffMs === undefined && !filterKeys.some((key) => flags[key] !== undefined)) {
    throw new UsageError(
      "Say which attachments to delete: --before, --older-than or a filter such as --name (--name '*' means all)",
    );
  }
  const matches = attachmentFilterOf(flags, nowMs);
  const keep = (attachment: Attachment) =>
    matches(attachment) && (cutoffMs === undefined || attachment.modifiedAtMs < cutoffMs);
  const connection = await resolveConnection(flags, toolkit);
  const purge = flags.purge === true;
  const dryRun = flags.dryRun === true;
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  const verb = purge ? 'Trashed and purged' : 'Trashed';

  const proceeded = await withClient(connection, async (client) => {
    const doomed = await gatherAttachments(client, selector, ['current'], keep, progressOf('Listing'));
    const bytes = doomed.reduce((sum, attachment) => sum + attachment.sizeBytes, 0);
    const what = `${countAndBytes(doomed.length, bytes)} to the trash${purge ? ' and purge them from it' : ''}`;
    if (doomed.length === 0) return true;
    describePlan(toolkit, `${dryRun ? 'Would move' : 'Will move'} ${what}:`, doomed);
    if (dryRun) {
      planEach(doomed, tally, purge ? 'would trash and purge' : 'would trash');
      return true;
    }
    if (!(await confirmOrRefuse(toolkit, `Move ${what}?`, flags.yes === true))) return false;
    await actOnEach(
      doomed,
      connection.concurrency,
      tally,
      progressOf('Deleting'),
      async (attachment, reached) => {
        await client.trash(attachment);
        if (!purge) return 'trashed';
        reached('trashed, not purged');
        await client.purge(attachment);
        return 'trashed and purged';
      },
    );
    return true;
  });
  return run.summaryOfConfirmed(proceeded, verb);
}
