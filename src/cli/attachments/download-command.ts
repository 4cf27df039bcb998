import path from 'node:path';
import type { Command } from 'commander';
import { type Attachment, type ConfluenceClient, isDownloaded, syncDirectory } from '../../client/index.ts';
import { BulkRun } from '../toolkit/bulk-run.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { isOperationalError, UsageError } from '../toolkit/exit.ts';
import type { Progress } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import { messageOf, type Tally } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { addFilterOptions, attachmentFilterOf, type FilterFlags } from './filters.ts';
import { allocateNames, safeFileName } from './safe-names.ts';

type DownloadFlags = ConnectionFlags &
  SelectorFlags &
  FilterFlags & { allVersions?: boolean; dryRun?: boolean };

/** Historical versions go beside the current files, one folder per attachment. */
export const versionsFolder = '_versions';

const examples = `
Files land in one folder per page, named by the page id: DIR/<pageId>/<file name>. With --all-versions
the older versions go to DIR/<pageId>/${versionsFolder}/<file name>/v<N>-<name then>. Names are made safe
for every file system (no path separators, control characters or reserved names; clashes get the
attachment id). Each file is written as <name>.part, checked against the attachment's size, synced,
given the version's time as its modification time, then renamed: a re-run skips files with the size
and time of the version to fetch, and resumes .part files (on Tributary, which lets it check the whole
file against the SHA-256 it states; elsewhere a current file's .part may be another version's, and is
fetched anew).

Examples:
  tributary attachments download --page 123 ./backup
  tributary attachments download --space DOCS --media-type 'image/*' ./images --concurrency 8
  tributary attachments download --page 123 --tree --all-versions ./history
`;

export function registerDownloadCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'download',
    description: 'Download every current attachment (or every version) into a folder, resumably',
    arguments: [['<dir>', 'the folder to download into (created if missing)']],
    options: [
      ['--all-versions', 'also every older version of each attachment'],
      ['--dry-run', 'show what would be downloaded; write nothing'],
      ['--json', 'print the outcome of every file as JSON'],
      addSelectorOptions,
      addFilterOptions,
    ],
    examples,
    run: (flags: DownloadFlags, dir: string) => downloadCommand(dir, flags, toolkit),
  });
}

/** One file to fetch: a version of an attachment and where it goes. */
interface DownloadJob {
  attachment: Attachment;
  /** undefined: the current version. */
  versionNumber: number | undefined;
  sizeBytes: number;
  /** When the version was made: the file's modification time, by which a re-run knows it. */
  createdAtMs: number;
  path: string;
  subject: string;
}

async function downloadCommand(dir: string, flags: DownloadFlags, toolkit: ToolkitContext): Promise<number> {
  if (dir.trim() === '') throw new UsageError('Name the folder to download into');
  const selector = selectorOf(flags);
  const keep = attachmentFilterOf(flags, toolkit.nowMs());
  const connection = await resolveConnection(flags, toolkit);
  const root = path.resolve(dir);
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;

  await withClient(connection, async (client) => {
    const listing = progressOf('Listing');
    const attachments: Attachment[] = [];
    listing.start();
    try {
      for await (const attachment of client.listAttachments(selector)) {
        if (keep(attachment)) {
          attachments.push(attachment);
          listing.item();
        }
      }
    } finally {
      listing.stop();
    }
    const jobs = currentJobs(attachments, root);
    if (flags.allVersions) {
      jobs.push(
        ...(await historicalJobs(client, jobs, connection.concurrency, tally, progressOf('Versions'))),
      );
    }
    const progress = progressOf(flags.dryRun ? 'Checking' : 'Downloading');
    progress.start({ items: jobs.length, bytes: jobs.reduce((sum, job) => sum + job.sizeBytes, 0) });
    try {
      // Twice as many files in hand as requests in flight: while one file is synced, renamed and checked
      // on disk, the next request already holds its connection, so the server, not the disk, sets the pace.
      // The client's own limit still keeps requests at --concurrency.
      await runPool(jobs, connection.concurrency * 2, async (job) => {
        await (flags.dryRun ? planJob(job, tally) : runJob(client, job, tally, progress));
        progress.item();
      });
    } finally {
      progress.stop();
    }
    // Each file was synced before its rename; one sync per folder makes the renames durable too.
    if (!flags.dryRun) {
      for (const folder of new Set(jobs.map((job) => path.dirname(job.path)))) await syncDirectory(folder);
    }
  });
  return run.summary('Downloaded', `into ${root}`);
}

/** The current version of each attachment, at DIR/<pageId>/<safe name>. */
function currentJobs(attachments: Attachment[], root: string): DownloadJob[] {
  const byContainer = new Map<string, Attachment[]>();
  for (const attachment of attachments) {
    const group = byContainer.get(attachment.containerId);
    if (group) group.push(attachment);
    else byContainer.set(attachment.containerId, [attachment]);
  }
  const jobs: DownloadJob[] = [];
  for (const [containerId, group] of byContainer) {
    // Reserved whether or not older versions are fetched this time, so a name never depends on the flags.
    const names = allocateNames(group, [versionsFolder]);
    for (const attachment of group) {
      const name = names.get(attachment.id) ?? safeFileName(attachment.title);
      jobs.push({
        attachment,
        versionNumber: undefined,
        sizeBytes: attachment.sizeBytes,
        createdAtMs: attachment.modifiedAtMs,
        path: path.join(root, safeFileName(containerId), name),
        subject: `${containerId}/${attachment.title}`,
      });
    }
  }
  return jobs;
}

/** Every older version of each attachment; a version whose facts cannot be read fails on its own. */
async function historicalJobs(
  client: ConfluenceClient,
  current: DownloadJob[],
  concurrency: number,
  tally: Tally,
  progress: Progress,
): Promise<DownloadJob[]> {
  const jobs: DownloadJob[] = [];
  progress.start();
  try {
    await runPool(current, concurrency, async ({ attachment, path: currentPath }) => {
      const folder = path.join(path.dirname(currentPath), versionsFolder, path.basename(currentPath));
      try {
        for (const version of await client.listVersions(attachment)) {
          if (version.number >= attachment.versionNumber) continue;
          const then = await client.getAttachment(attachment.id, { versionNumber: version.number });
          jobs.push({
            attachment: { ...attachment, title: then.title },
            versionNumber: version.number,
            sizeBytes: then.sizeBytes,
            createdAtMs: version.createdAtMs,
            path: path.join(folder, `v${version.number}-${safeFileName(then.title)}`),
            subject: `${attachment.containerId}/${attachment.title} v${version.number}`,
          });
          progress.item();
        }
      } catch (error) {
        if (!isOperationalError(error)) throw error;
        tally.add({
          outcome: 'failed',
          subject: `${attachment.containerId}/${attachment.title} (versions)`,
          detail: messageOf(error),
          bytes: 0,
        });
      }
    });
  } finally {
    progress.stop();
  }
  return jobs;
}

const fieldsOf = (job: DownloadJob) => ({
  id: job.attachment.id,
  containerId: job.attachment.containerId,
  title: job.attachment.title,
  version: job.versionNumber ?? job.attachment.versionNumber,
  path: job.path,
});

async function runJob(client: ConfluenceClient, job: DownloadJob, tally: Tally, progress: Progress) {
  try {
    const result = await client.download(job.attachment, job.path, {
      versionNumber: job.versionNumber,
      expectedSizeBytes: job.sizeBytes,
      versionCreatedAtMs: job.createdAtMs,
      // An older version's file is named by its number; the current one's is the attachment's.
      versionedPath: job.versionNumber !== undefined,
      syncDirectory: false,
      onBytes: (bytes) => progress.bytes(bytes),
    });
    if (result.outcome === 'skipped') progress.bytes(job.sizeBytes);
    tally.add({
      outcome: result.outcome === 'skipped' ? 'skipped' : 'done',
      subject: job.subject,
      detail:
        result.outcome === 'skipped'
          ? 'complete on disk'
          : result.resumedFromBytes > 0
            ? 'resumed'
            : 'downloaded',
      bytes: result.outcome === 'skipped' ? 0 : result.sizeBytes,
      fields: fieldsOf(job),
    });
  } catch (error) {
    if (!isOperationalError(error)) throw error;
    tally.add({
      outcome: 'failed',
      subject: job.subject,
      detail: messageOf(error),
      bytes: 0,
      fields: fieldsOf(job),
    });
  }
}

async function planJob(job: DownloadJob, tally: Tally) {
  const complete = await isDownloaded(job.path, job.sizeBytes, job.createdAtMs);
  tally.add({
    outcome: complete ? 'skipped' : 'done',
    subject: job.subject,
    detail: complete ? 'complete on disk' : 'would download',
    bytes: complete ? 0 : job.sizeBytes,
    fields: fieldsOf(job),
  });
}
