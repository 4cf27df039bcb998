import { homedir } from 'node:os';
import { Command, CommanderError } from 'commander';
import type { Config } from '../config/config.ts';
import { ConfigError, type ConfigFlags, loadConfig } from '../config/load-config.ts';
import { type SettingKey, settings } from '../config/settings.ts';
import { DomainError } from '../domain/errors.ts';
import { registerAppCommands } from './apps-commands.ts';
import { registerAttachmentCommands } from './attachments/register.ts';
import { registerBackupCommands } from './backup/register.ts';
import { registerGroupCommands } from './groups-commands.ts';
import { registerMigrateSiteCommand } from './migrate-site-command.ts';
import type { CliRuntime } from './runtime.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerTokenCommands } from './tokens-commands.ts';
import { ToolkitExit } from './toolkit/exit.ts';
import type { CliIo, ToolkitContext } from './toolkit/toolkit-context.ts';
import { registerUserCommands } from './users-commands.ts';

/** Exit codes: 0 done, 1 the request failed (not found, conflict…), 2 bad usage or configuration. */
export async function runCli(
  argv: string[],
  runtime: CliRuntime,
  io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
): Promise<number> {
  // The pinned AWS SDK supports Node 20; its notice about later SDK versions is noise on every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const program = new Command('tributary')
    .description('A Confluence-compatible server built around attachments, and its command-line tools.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();
  for (const setting of settings) {
    const flag = setting.flag.replace(/^--/, '');
    program.option(`--${flag} <value>`, `${setting.description} [env ${setting.env}]`);
  }
  const configOf = (command: Command, overrides: ConfigFlags = {}, defaults: ConfigFlags = {}): Config =>
    loadConfig({ ...environmentOf(defaults), ...process.env }, { ...flagsOf(command), ...overrides });
  const context = { runtime, io, configOf };
  registerServeCommand(program, context);
  registerUserCommands(program, context);
  registerGroupCommands(program, context);
  registerTokenCommands(program, context);
  registerAppCommands(program, context);
  const toolkit: ToolkitContext = {
    io,
    env: process.env,
    progressStream: process.stderr,
    stdin: process.stdin,
    homeDir: homedir(),
    nowMs: Date.now,
  };
  registerAttachmentCommands(program, toolkit);
  registerBackupCommands(program, toolkit);
  registerMigrateSiteCommand(program, context, process.stderr);

  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ToolkitExit) return error.exitCode;
    if (error instanceof ConfigError) {
      io.err(`tributary: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      io.err(`tributary: ${error.message}\n`);
      return error.code === 'invalid_request' ? 2 : 1;
    }
    throw error;
  }
}

/** Settings as the variables that would set them, to stand under the real environment. */
function environmentOf(flags: ConfigFlags): Record<string, string> {
  return Object.fromEntries(
    settings.flatMap((setting) => {
      const value = flags[setting.key];
      return value === undefined ? [] : [[setting.env, value]];
    }),
  );
}

/** Commander camel-cases `--base-url` to `baseUrl`; map each back to its setting key. */
function flagsOf(command: Command): ConfigFlags {
  const options = command.optsWithGlobals<Record<string, unknown>>();
  const flags: ConfigFlags = {};
  for (const setting of settings) {
    const camel = setting.flag
      .replace(/^--/, '')
      .replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const value = options[camel];
    if (typeof value === 'string') flags[setting.key as SettingKey] = value;
  }
  return flags;
}
