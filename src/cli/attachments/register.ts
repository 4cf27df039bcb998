import type { Command } from 'commander';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { registerCheckReferencesCommand } from './check-references-command.ts';
import { registerDeleteCommand } from './delete-command.ts';
import { registerDownloadCommand } from './download-command.ts';
import { registerLsCommand } from './ls-command.ts';
import { registerPruneVersionsCommand } from './prune-versions-command.ts';
import { registerStatsCommand } from './stats-command.ts';
import { registerPurgeTrashCommand, registerRestoreCommand } from './trash-commands.ts';
import { registerUploadCommand } from './upload-command.ts';

const overview = `
Works against Confluence Cloud, Confluence Data Center (with or without the Extender plugin) and
Tributary; the flavour is asked of the server (or given with --flavour).

Sign in with Basic, --user and --token (Cloud: email and API token; Data Center: username and password;
Tributary: either), or with --bearer (a Data Center personal access token, or a Tributary token). Each
setting may come from its flag, from TRIBUTARY_URL, TRIBUTARY_USER, TRIBUTARY_TOKEN, TRIBUTARY_BEARER,
or from a profile file (see docs/toolkit.md). Secrets are never printed.

Exit codes: 0 done, 1 something failed (the summary says what), 2 bad usage.
`;

/** `tributary attachments <command>`: the bulk toolkit, a client of any Confluence (src/client/). */
export function registerAttachmentCommands(program: Command, toolkit: ToolkitContext): void {
  const attachments = program
    .command('attachments')
    .description('Bulk attachment work against Confluence Cloud, Data Center or Tributary over HTTP')
    .addHelpText('after', overview);
  registerLsCommand(attachments, toolkit);
  registerUploadCommand(attachments, toolkit);
  registerDownloadCommand(attachments, toolkit);
  registerDeleteCommand(attachments, toolkit);
  registerPurgeTrashCommand(attachments, toolkit);
  registerRestoreCommand(attachments, toolkit);
  registerPruneVersionsCommand(attachments, toolkit);
  registerStatsCommand(attachments, toolkit);
  registerCheckReferencesCommand(attachments, toolkit);
}
