import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { BulkRun } from '../toolkit/bulk-run.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { UsageError } from '../toolkit/exit.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { readManifest } from './manifest.ts';
import { replayBackup } from './replay-backup.ts';
import { RestoreStateFile, type RestoreTarget } from './restore-state.ts';

type RestoreFlags = ConnectionFlags & { parent?: string; state?: string; verify?: boolean; dryRun?: boolean };

const examples = `
Pages are created parents first, each under its nearest backed-up ancestor (pages with none go under
--parent, or at the space's top level), with their stored bodies. A title already taken in the target
space becomes "Title (restored)", then "Title (restored 2)", and so on. Each attachment is uploaded
version by version, oldest first, with each version's comment and minor-edit flag, under its current
name; then its labels, properties and comments are set, and the SHA-256 of every version on the target is compared
with the backup's (--no-verify skips this; on servers that do not state hashes it downloads each version).
An attachment whose name is already on the target page is reported and left alone.

Progress is recorded in a state file (default DIR/restore-state/<host>-<space>.json) after every step:
run the same command again after an interruption and it resumes without creating anything twice.

Examples:
  tributary restore ./docs-backup DOCS2 --url https://confluence.example.com --bearer "$PAT"
  tributary restore ./docs-backup ARCHIVE --parent 98765 --dry-run
`;

export function registerRestoreCommand(program: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(program, toolkit, {
    name: 'restore',
    description: 'Rebuild a backup (pages, attachments with every version, labels, properties) in a space',
    arguments: [
      ['<dir>', 'the backup folder'],
      ['<space>', 'the key of the space to restore into (it must exist)'],
    ],
    options: [
      ['--parent <id>', 'put the top restored pages under this page instead of the top level'],
      ['--state <file>', 'the state file that makes the restore resumable'],
      ['--no-verify', 'skip comparing SHA-256 on the target'],
      ['--dry-run', 'show what would be created; change nothing'],
      ['--json', 'print the outcome of every page and attachment as JSON'],
    ],
    examples,
    run: (flags: RestoreFlags, dir: string, space: string) => restoreCommand(dir, space, flags, toolkit),
  });
}

/** A state file name per target, so restoring one backup into two places keeps two records. */
export function defaultStateFile(dir: string, url: string, what: string): string {
  const host = new URL(url).host.replace(/[^\w.-]/g, '_');
  const digest = createHash('sha256').update(`${url}\n${what}`).digest('hex').slice(0, 8);
  return path.join(dir, 'restore-state', `${host}-${what.replace(/[^\w.-]/g, '_')}-${digest}.json`);
}

async function restoreCommand(
  dir: string,
  space: string,
  flags: RestoreFlags,
  toolkit: ToolkitContext,
): Promise<number> {
  const root = path.resolve(dir);
  if (space.trim() === '') throw new UsageError('Name the space to restore into');
  if (flags.parent !== undefined && !/^\d+$/.test(flags.parent)) {
    throw new UsageError(`--parent must be a page id, not '${flags.parent}'`);
  }
  const manifest = await readManifest(root);
  if (!manifest) throw new UsageError(`${root} holds no backup (no manifest.json)`);
  const connection = await resolveConnection(flags, toolkit);
  const target: RestoreTarget = {
    kind: 'space',
    spaceKey: space.trim(),
    ...(flags.parent !== undefined && { parentId: flags.parent }),
  };
  const dryRun = flags.dryRun === true;
  const state = await RestoreStateFile.open(
    flags.state ?? defaultStateFile(root, connection.url, target.spaceKey),
    { url: connection.url, placement: target },
    dryRun,
  );
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  await withClient(connection, (client) =>
    replayBackup({
      client,
      manifest,
      dir: root,
      target,
      state,
      dryRun,
      verify: flags.verify !== false,
      concurrency: connection.concurrency,
      tally,
      progressOf,
    }),
  );
  return run.summary('Restored', `into ${target.spaceKey}`);
}
