/**
 * What the commands that change many attachments share: gather the selection, show what will change
 * (count, bytes, a sample), ask, then do each item through the pool with a progress bar and a tally.
 */
import type { Attachment, ConfluenceClient, ListableStatus, Selector } from '../../client/index.ts';
import { isOperationalError } from '../toolkit/exit.ts';
import { formatBytes, printable, shortTimeOf } from '../toolkit/format.ts';
import type { Progress } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { messageOf, type Tally } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';

/** How many attachments the plan names before "and N more". */
export const sampleSize = 10;

/** Every attachment the selector covers with these statuses that passes `keep`, with a listing counter. */
export async function gatherAttachments(
  client: ConfluenceClient,
  selector: Selector,
  statuses: readonly ListableStatus[],
  keep: (attachment: Attachment) => boolean,
  progress: Progress,
): Promise<Attachment[]> {
  const found: Attachment[] = [];
  progress.start();
  try {
    for await (const attachment of client.listAttachments(selector, { statuses })) {
      if (keep(attachment)) {
        found.push(attachment);
        progress.item();
      }
    }
  } finally {
    progress.stop();
  }
  return found;
}

/** `12 attachments (3.4 MiB)`. */
export function countAndBytes(count: number, bytes: number, noun = 'attachment'): string {
  return `${count} ${noun}${count === 1 ? '' : 's'} (${formatBytes(bytes)})`;
}

/** The plan in text, on stderr so that --json output stays one document: a headline and a sample. */
export function describePlan(toolkit: ToolkitContext, headline: string, attachments: readonly Attachment[]) {
  const { io } = toolkit;
  io.err(`${headline}\n`);
  for (const attachment of attachments.slice(0, sampleSize)) {
    io.err(
      `  ${attachment.id}  ${attachment.containerId}/${printable(attachment.title)}  ${formatBytes(attachment.sizeBytes)}  modified ${shortTimeOf(attachment.modifiedAtMs)}\n`,
    );
  }
  if (attachments.length > sampleSize) io.err(`  … and ${attachments.length - sampleSize} more\n`);
}

export const subjectOf = (attachment: Pick<Attachment, 'containerId' | 'title'>) =>
  `${attachment.containerId}/${attachment.title}`;

export const attachmentFields = (attachment: Attachment) => ({
  id: attachment.id,
  containerId: attachment.containerId,
  title: attachment.title,
  sizeBytes: attachment.sizeBytes,
});

/**
 * Runs `act` on each attachment through the pool; an operational failure is that item's outcome, and
 * the others go on. `act` answers the detail recorded for a done item, and calls `reached` after each
 * step that changed something.
 */
export async function actOnEach(
  attachments: readonly Attachment[],
  concurrency: number,
  tally: Tally,
  progress: Progress,
  act: (attachment: Attachment, reached: (step: string) => void) => Promise<string>,
): Promise<void> {
  progress.start({ items: attachments.length, bytes: 0 });
  try {
    await runPool(attachments, concurrency, async (attachment) => {
      const fields = attachmentFields(attachment);
      // A two-step action that fails at its second step says so: "trashed, not purged: …".
      let step = '';
      try {
        const detail = await act(attachment, (name) => {
          step = name;
        });
        tally.add({
          outcome: 'done',
          subject: subjectOf(attachment),
          detail,
          bytes: attachment.sizeBytes,
          fields,
        });
      } catch (error) {
        if (!isOperationalError(error)) throw error;
        const detail = step === '' ? messageOf(error) : `${step}: ${messageOf(error)}`;
        tally.add({ outcome: 'failed', subject: subjectOf(attachment), detail, bytes: 0, fields });
      }
      progress.item();
    });
  } finally {
    progress.stop();
  }
}

/** In a dry run every item is recorded as what would be done, so the summary and --json show the plan. */
export function planEach(attachments: readonly Attachment[], tally: Tally, detail: string): void {
  for (const attachment of attachments) {
    tally.add({
      outcome: 'done',
      subject: subjectOf(attachment),
      detail,
      bytes: attachment.sizeBytes,
      fields: attachmentFields(attachment),
    });
  }
}
