import { homedir } from 'node:os';
import { Command, CommanderError } from 'commander';
import type { Config } from '../config/config.ts';
import { ConfigError, type ConfigFlags, loadConfig } from '../config/load-config.ts';
import { type SettingKey, settings } from '../config/settings.ts';
import { DomainError } from '../domain/errors.ts';
import type { CliContext, CliRuntime } from './runtime.ts';
import { settingOption } from './setting-option.ts';
import { ToolkitExit } from './toolkit/exit.ts';
import type { CliIo, ToolkitContext } from './toolkit/toolkit-context.ts';

type Registration = (program: Command, context: CliContext, toolkit: ToolkitContext) => Promise<void>;

/**
 * Each command group's module, imported only when its command runs (or for help and unknown commands):
 * `serve` need not load the HTTP client, the toolkit or the backup code (issue 21, start-up). The keys are
 * the top-level command names each group adds.
 */
const commandGroups: readonly [names: readonly string[], register: Registration][] = [
  [
    ['serve'],
    async (program, context) => (await import('./serve-command.ts')).registerServeCommand(program, context),
  ],
  [
    ['users'],
    async (program, context) => (await import('./users-commands.ts')).registerUserCommands(program, context),
  ],
  [
    ['groups'],
    async (program, context) =>
      (await import('./groups-commands.ts')).registerGroupCommands(program, context),
  ],
  [
    ['tokens'],
    async (program, context) =>
      (await import('./tokens-commands.ts')).registerTokenCommands(program, context),
  ],
  [
    ['apps'],
    async (program, context) => (await import('./apps-commands.ts')).registerAppCommands(program, context),
  ],
  [
    ['attachments'],
    async (program, _context, toolkit) =>
      (await import('./attachments/register.ts')).registerAttachmentCommands(program, toolkit),
  ],
  [
    ['backup', 'restore', 'migrate'],
    async (program, _context, toolkit) =>
      (await import('./backup/register.ts')).registerBackupCommands(program, toolkit),
  ],
  [
    ['journal'],
    async (program, _context, toolkit) =>
      (await import('./journal-command.ts')).registerJournalCommand(program, toolkit),
  ],
  [
    ['fixture'],
    async (program, _context, toolkit) =>
      (await import('./fixtures/register.ts')).registerFixtureCommands(program, toolkit),
  ],
  [
    ['migrate-site'],
    async (program, context) =>
      (await import('./migrate-site-command.ts')).registerMigrateSiteCommand(
        program,
        context,
        process.stderr,
      ),
  ],
  [
    ['fsck'],
    async (program, context) =>
      (await import('./fsck-command.ts')).registerFsckCommand(program, context, process.stderr),
  ],
  [
    ['site-backup', 'site-restore'],
    async (program, context) =>
      (await import('./site-backup-commands.ts')).registerSiteBackupCommands(
        program,
        context,
        process.stderr,
      ),
  ],
];

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
    if (!setting.serveOnly) program.option(...settingOption(setting));
  }
  const configOf = (command: Command, overrides: ConfigFlags = {}, defaults: ConfigFlags = {}): Config =>
    loadConfig({ ...environmentOf(defaults), ...process.env }, { ...flagsOf(command), ...overrides });
  const context = { runtime, io, configOf };
  const toolkit: ToolkitContext = {
    io,
    env: process.env,
    progressStream: process.stderr,
    stdin: process.stdin,
    homeDir: homedir(),
    nowMs: Date.now,
  };
  const named = commandNameOf(argv.slice(2));
  const groups = commandGroups.filter(([names]) => named !== undefined && names.includes(named));
  // Help, no command or an unknown one: every group, so that commander lists or suggests them all.
  for (const [, register] of groups.length > 0 ? groups : commandGroups) {
    await register(program, context, toolkit);
  }

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

/**
 * The first operand, skipping the global options before it (each setting's flag takes a value, given
 * as `--flag value` or `--flag=value`); undefined when there is none.
 */
function commandNameOf(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('-')) return arg;
    if (!arg.includes('=') && settings.some((setting) => setting.flag === arg)) index += 1;
  }
  return undefined;
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
