import type { Command } from 'commander';
import type { Attachment, ConfluenceClient } from '../../client/index.ts';
import { BulkRun } from '../toolkit/bulk-run.ts';
import { confirmOrRefuse } from '../toolkit/confirm.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand, yesOption } from '../toolkit/define-command.ts';
import { isOperationalError, UsageError } from '../toolkit/exit.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import { messageOf, type Tally } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import {
  actOnEach,
  countAndBytes,
  describePlan,
  gatherAttachments,
  planEach,
  subjectOf,
} from './bulk-plan.ts';
import { addFilterOptions, attachmentFilterOf, type FilterFlags } from './filters.ts';

type TrashFlags = ConnectionFlags & SelectorFlags & FilterFlags & { yes?: boolean; dryRun?: boolean };

const purgeExamples = `
Purging removes trashed attachments and every version of them for good. The command lists what is in
the trash under the selector (count, bytes and a sample), then asks; when stdin is not a terminal it
needs --yes. Only attachments already in the trash can be purged.

Examples:
  tributary attachments purge-trash --space DOCS --dry-run
  tributary attachments purge-trash --page 123 --tree --name '*.mov' --yes
`;

const restoreExamples = `
Give attachment ids (as 'attachments ls --status trashed' prints them), or a selector and filters to
restore every trashed attachment they cover. Restoring makes the attachment current again, as a new
version; a name now taken by a current attachment on the page makes that one fail.

Examples:
  tributary attachments restore att13074433 att13008914
  tributary attachments restore --page 123 --name '*.png' --dry-run
  tributary attachments restore --space DOCS --modified-after 2024-06-01 --json
`;

export function registerPurgeTrashCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'purge-trash',
    description: 'Purge trashed attachments for good: shows, asks, then acts',
    options: [
      yesOption,
      ['--dry-run', 'show what would be purged; change nothing'],
      ['--json', 'print the outcome of every attachment as JSON'],
      addSelectorOptions,
      addFilterOptions,
    ],
    examples: purgeExamples,
    run: (flags: TrashFlags) => purgeTrashCommand(flags, toolkit),
  });
}

export function registerRestoreCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'restore',
    description: 'Bring trashed attachments back, by id or by selector',
    arguments: [['[ids...]', 'attachment ids; or choose with --page, --space or --cql']],
    options: [
      ['--dry-run', 'show what would be restored; change nothing'],
      ['--json', 'print the outcome of every attachment as JSON'],
      addSelectorOptions,
      addFilterOptions,
    ],
    examples: restoreExamples,
    run: (flags: TrashFlags, ids: string[]) => restoreCommand(ids, flags, toolkit),
  });
}

async function purgeTrashCommand(flags: TrashFlags, toolkit: ToolkitContext): Promise<number> {
  const selector = selectorOf(flags);
  const keep = attachmentFilterOf(flags, toolkit.nowMs());
  const connection = await resolveConnection(flags, toolkit);
  const dryRun = flags.dryRun === true;
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  const proceeded = await withClient(connection, async (client) => {
    const doomed = await gatherAttachments(client, selector, ['trashed'], keep, progressOf('Listing'));
    if (doomed.length === 0) return true;
    const what = countAndBytes(
      doomed.length,
      doomed.reduce((sum, attachment) => sum + attachment.sizeBytes, 0),
      'trashed attachment',
    );
    describePlan(toolkit, `${dryRun ? 'Would purge' : 'Will purge'} ${what} for good:`, doomed);
    if (dryRun) {
      planEach(doomed, tally, 'would purge');
      return true;
    }
    if (!(await confirmOrRefuse(toolkit, `Purge ${what} for good?`, flags.yes === true))) return false;
    await actOnEach(doomed, connection.concurrency, tally, progressOf('Purging'), async (attachment) => {
      await client.purge(attachment);
      return 'purged';
    });
    return true;
  });
  return run.summaryOfConfirmed(proceeded, 'Purged');
}

async function restoreCommand(ids: string[], flags: TrashFlags, toolkit: ToolkitContext): Promise<number> {
  const bySelector = [flags.page, flags.space, flags.cql].some((value) => value !== undefined);
  if (ids.length > 0 && bySelector) throw new UsageError('Give attachment ids or a selector, not both');
  if (ids.length === 0 && !bySelector)
    throw new UsageError('Name the attachments to restore: ids, or --page, --space or --cql');
  const badId = ids.find((id) => !/^(att)?\d+$/.test(id));
  if (badId !== undefined) throw new UsageError(`'${badId}' is not an attachment id`);
  const selector = bySelector ? selectorOf(flags) : undefined;
  const keep = attachmentFilterOf(flags, toolkit.nowMs());
  const connection = await resolveConnection(flags, toolkit);
  const dryRun = flags.dryRun === true;
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  await withClient(connection, async (client) => {
    const trashed = selector
      ? await gatherAttachments(client, selector, ['trashed'], keep, progressOf('Listing'))
      : await trashedByIds(client, [...new Set(ids)], connection.concurrency, keep, tally);
    if (dryRun) {
      planEach(trashed, tally, 'would restore');
      return;
    }
    await actOnEach(trashed, connection.concurrency, tally, progressOf('Restoring'), async (attachment) => {
      const restored = await client.restore(attachment);
      return `restored as version ${restored.versionNumber}`;
    });
  });
  return run.summary('Restored');
}

/** Each id's attachment if it is in the trash; an id that is not is skipped, one that cannot be read fails. */
async function trashedByIds(
  client: ConfluenceClient,
  ids: string[],
  concurrency: number,
  keep: (attachment: Attachment) => boolean,
  tally: Tally,
): Promise<Attachment[]> {
  const found: Attachment[] = [];
  await runPool(ids, concurrency, async (id) => {
    try {
      const attachment = await client.getAttachment(id);
      if (attachment.status !== 'trashed') {
        tally.add({
          outcome: 'skipped',
          subject: subjectOf(attachment),
          detail: `not in the trash (${attachment.status})`,
          bytes: 0,
          fields: { id },
        });
      } else if (keep(attachment)) {
        found.push(attachment);
      }
    } catch (error) {
      if (!isOperationalError(error)) throw error;
      tally.add({ outcome: 'failed', subject: id, detail: messageOf(error), bytes: 0, fields: { id } });
    }
  });
  return found;
}
