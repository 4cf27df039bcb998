import type { Command } from 'commander';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { registerBackupCommand } from './backup-command.ts';
import { registerMigrateCommand } from './migrate-command.ts';
import { registerRestoreCommand } from './restore-command.ts';

/**
 * `tributary backup`, `restore` and `migrate`: top-level, as the issue names them. `attachments restore`
 * (from the trash) is a different command under `attachments`.
 */
export function registerBackupCommands(program: Command, toolkit: ToolkitContext): void {
  registerBackupCommand(program, toolkit);
  registerRestoreCommand(program, toolkit);
  registerMigrateCommand(program, toolkit);
}
