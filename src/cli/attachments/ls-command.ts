import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { UsageError } from '../toolkit/exit.ts';
import { formatBytes, printable, renderTable, shortTimeOf } from '../toolkit/format.ts';
import { createProgress } from '../toolkit/progress.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { attachmentColumns, attachmentRecord } from './attachment-json.ts';
import { gatherAttachments } from './bulk-plan.ts';
import { addFilterOptions, attachmentFilterOf, type FilterFlags, statusesOf } from './filters.ts';

type LsFlags = ConnectionFlags & SelectorFlags & FilterFlags & { csv?: boolean };

const examples = `
Examples:
  tributary attachments ls --url http://127.0.0.1:8090 --user admin --token T --page 123
  tributary attachments ls --space DOCS --name '*.png' --min-size 1MiB --json
  tributary attachments ls --page 123 --tree --modified-before 2024-01-01 --csv > old.csv
  tributary attachments ls --cql 'type = attachment and space = DOCS' --status trashed
`;

export function registerLsCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'ls',
    description: 'List attachments: a table, --json or --csv',
    options: [
      ['--json', 'print a JSON array'],
      ['--csv', 'print CSV with a header row'],
      addSelectorOptions,
      (command) => addFilterOptions(command, { status: true }),
    ],
    examples,
    run: (flags: LsFlags) => listCommand(flags, toolkit),
  });
}

async function listCommand(flags: LsFlags, toolkit: ToolkitContext): Promise<number> {
  if (flags.json && flags.csv) throw new UsageError('Choose one of --json and --csv');
  const selector = selectorOf(flags);
  const statuses = statusesOf(flags);
  const keep = attachmentFilterOf(flags, toolkit.nowMs());
  const connection = await resolveConnection(flags, toolkit);
  const progress = createProgress('Listing', {
    enabled: !flags.json && !flags.csv,
    stream: toolkit.progressStream,
    nowMs: toolkit.nowMs,
  });
  const found = await withClient(connection, (client) =>
    gatherAttachments(client, selector, statuses, keep, progress),
  );
  const { io } = toolkit;
  if (flags.json) {
    io.out(`${JSON.stringify(found.map(attachmentRecord), null, 2)}\n`);
  } else if (flags.csv) {
    io.out(
      stringify(found.map(attachmentRecord), {
        header: true,
        // Named, so the header is printed even when nothing was found.
        columns: attachmentColumns,
        cast: { boolean: (value) => String(value) },
      }),
    );
  } else {
    const rows = found.map((attachment) => [
      attachment.id,
      attachment.containerId,
      formatBytes(attachment.sizeBytes),
      shortTimeOf(attachment.modifiedAtMs),
      String(attachment.versionNumber),
      attachment.status,
      attachment.mediaType,
      printable(attachment.title),
    ]);
    io.out(renderTable(['ID', 'PAGE', 'SIZE', 'MODIFIED', 'VERSION', 'STATUS', 'MEDIA TYPE', 'NAME'], rows));
    const totalBytes = found.reduce((sum, attachment) => sum + attachment.sizeBytes, 0);
    io.out(`${found.length} attachment${found.length === 1 ? '' : 's'}, ${formatBytes(totalBytes)}\n`);
  }
  return 0;
}
