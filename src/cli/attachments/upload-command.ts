import type { Command } from 'commander';
import { lookup } from 'mime-types';
import { type Attachment, type ConfluenceClient, sha256OfFile } from '../../client/index.ts';
import { BulkRun } from '../toolkit/bulk-run.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { isOperationalError, UsageError } from '../toolkit/exit.ts';
import type { Progress } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { messageOf, type Tally } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { collectLocalFiles, type LocalFile } from './local-files.ts';

type OnExists = 'version' | 'skip' | 'fail';

type UploadFlags = ConnectionFlags & {
  page?: string;
  onExists?: string;
  comment?: string;
  minorEdit?: boolean;
  dryRun?: boolean;
};

const examples = `
Each file becomes an attachment named after it; folders are walked (hidden files skipped). When the page
already has an attachment of that name, --on-exists decides: version (default) adds a new version unless
the bytes are identical (SHA-256 compared; Tributary states it, other servers are read when sizes match),
skip leaves it, fail reports it.

Examples:
  tributary attachments upload --page 123 report.pdf diagrams/
  tributary attachments upload --page 123 --comment 'nightly build' --minor-edit dist/*.zip
  tributary attachments upload --page 123 --on-exists skip --dry-run ./scans
`;

export function registerUploadCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'upload',
    description: 'Upload files and folders to a page, concurrently; unchanged files are skipped',
    arguments: [['<paths...>', 'files and folders to upload']],
    options: [
      (command) => command.requiredOption('--page <id>', 'the page (or blog post) to attach them to'),
      ['--on-exists <mode>', 'when the name exists: version, skip or fail', 'version'],
      ['--comment <text>', 'the comment of each new attachment or version'],
      ['--minor-edit', 'mark the uploads as minor edits (no notifications)'],
      ['--dry-run', 'show what would be uploaded; change nothing'],
      ['--json', 'print the outcome of every file as JSON'],
    ],
    examples,
    run: (flags: UploadFlags, paths: string[]) => uploadCommand(paths, flags, toolkit),
  });
}

function onExistsOf(text: string | undefined): OnExists {
  if (text === 'version' || text === 'skip' || text === 'fail') return text;
  throw new UsageError(`--on-exists must be version, skip or fail, not '${text}'`);
}

async function uploadCommand(paths: string[], flags: UploadFlags, toolkit: ToolkitContext): Promise<number> {
  const pageId = flags.page ?? '';
  if (!/^\d+$/.test(pageId)) throw new UsageError(`--page must be a page id, not '${pageId}'`);
  const onExists = onExistsOf(flags.onExists);
  const files = await collectLocalFiles(paths);
  const connection = await resolveConnection(flags, toolkit);
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  await withClient(connection, async (client) => {
    const existing = new Map<string, Attachment>();
    for await (const attachment of client.listAttachments({ kind: 'page', pageId, tree: false })) {
      existing.set(attachment.title.normalize('NFC'), attachment);
    }
    const progress = progressOf(flags.dryRun ? 'Checking' : 'Uploading');
    progress.start({ items: files.length, bytes: files.reduce((sum, file) => sum + file.sizeBytes, 0) });
    try {
      await runPool(files, connection.concurrency, async (file) => {
        await uploadOne(client, {
          pageId,
          file,
          existing: existing.get(file.name),
          onExists,
          flags,
          tally,
          progress,
        });
        progress.item();
      });
    } finally {
      progress.stop();
    }
  });
  return run.summary('Uploaded', `to page ${pageId}`);
}

interface UploadJob {
  pageId: string;
  file: LocalFile;
  existing: Attachment | undefined;
  onExists: OnExists;
  flags: UploadFlags;
  tally: Tally;
  progress: Progress;
}

/** Same size and same SHA-256 as the attachment's current version. */
async function isIdentical(
  client: ConfluenceClient,
  file: LocalFile,
  attachment: Attachment,
): Promise<boolean> {
  if (file.sizeBytes !== attachment.sizeBytes) return false;
  const [local, remote] = await Promise.all([sha256OfFile(file.path), client.sha256Of(attachment)]);
  return local === remote;
}

async function uploadOne(client: ConfluenceClient, job: UploadJob): Promise<void> {
  const { file, existing, tally, progress, flags } = job;
  const subject = file.path;
  const skip = (detail: string) => {
    progress.bytes(file.sizeBytes);
    tally.add({
      outcome: 'skipped',
      subject,
      detail,
      bytes: 0,
      fields: { name: file.name, id: existing?.id },
    });
  };
  try {
    if (existing && job.onExists === 'fail') {
      tally.add({
        outcome: 'failed',
        subject,
        detail: `page ${job.pageId} already has an attachment named '${file.name}' (${existing.id})`,
        bytes: 0,
        fields: { name: file.name, id: existing.id },
      });
      return;
    }
    if (existing && job.onExists === 'skip') return skip('exists');
    if (existing && (await isIdentical(client, file, existing))) return skip('identical');
    const action = existing ? 'new version' : 'new attachment';
    if (flags.dryRun) {
      progress.bytes(file.sizeBytes);
      tally.add({
        outcome: 'done',
        subject,
        detail: action,
        bytes: file.sizeBytes,
        fields: { name: file.name },
      });
      return;
    }
    const uploaded = await client.upload({
      containerId: job.pageId,
      filePath: file.path,
      sizeBytes: file.sizeBytes,
      name: file.name,
      mediaType: lookup(file.name) || 'application/octet-stream',
      comment: flags.comment,
      minorEdit: flags.minorEdit === true,
      newVersionOf: existing?.id,
      onBytes: (bytes) => progress.bytes(bytes),
    });
    tally.add({
      outcome: 'done',
      subject,
      detail: action,
      bytes: file.sizeBytes,
      fields: { name: file.name, id: uploaded.id, version: uploaded.versionNumber },
    });
  } catch (error) {
    if (!isOperationalError(error) && !(error instanceof TypeError)) throw error;
    tally.add({
      outcome: 'failed',
      subject,
      detail: messageOf(error),
      bytes: 0,
      fields: { name: file.name },
    });
  }
}
