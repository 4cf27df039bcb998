import path from 'node:path';
import type { Command } from 'commander';
import { BulkRun } from '../toolkit/bulk-run.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { UsageError } from '../toolkit/exit.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { manifestFormatVersion } from './manifest.ts';
import { takeBackup } from './take-backup.ts';

type BackupFlags = ConnectionFlags & SelectorFlags & { dryRun?: boolean };

const examples = `
The folder gets manifest.json (format version ${manifestFormatVersion}: the pages with their tree and
bodies; each attachment's facts, labels, properties, comments and every version with its comment and
SHA-256) and
blobs/sha256/<2 hex>/<sha256>, each distinct content stored once. Run it again into the same folder to
bring the backup up to date: only versions it does not hold are fetched, and attachments deleted on the
server keep their entries. The manifest is replaced atomically; a blob appears under its hash only once
complete and checked, so an interrupted run leaves a backup that is whole as of its last checkpoint.

Examples:
  tributary backup --space DOCS ./docs-backup
  tributary backup --page 123 --tree ./handbook-backup --concurrency 8
  tributary backup --cql 'label = "contracts"' ./contracts --dry-run
`;

export function registerBackupCommand(program: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(program, toolkit, {
    name: 'backup',
    description: 'Back up attachments with every version, labels, properties and their page tree',
    arguments: [
      ['<dir>', 'the backup folder (created if missing; updated incrementally if it holds a backup)'],
    ],
    options: [
      ['--dry-run', 'show what would be fetched; write nothing'],
      ['--json', 'print the outcome of every attachment as JSON'],
      addSelectorOptions,
    ],
    examples,
    run: (flags: BackupFlags, dir: string) => backupCommand(dir, flags, toolkit),
  });
}

async function backupCommand(dir: string, flags: BackupFlags, toolkit: ToolkitContext): Promise<number> {
  if (dir.trim() === '') throw new UsageError('Name the backup folder');
  const selector = selectorOf(flags);
  const connection = await resolveConnection(flags, toolkit);
  const root = path.resolve(dir);
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  await withClient(connection, (client) =>
    takeBackup({
      client,
      selector,
      dir: root,
      dryRun: flags.dryRun === true,
      concurrency: connection.concurrency,
      tally,
      progressOf,
      nowMs: toolkit.nowMs,
    }),
  );
  return run.summary('Backed up', `into ${root}`);
}
