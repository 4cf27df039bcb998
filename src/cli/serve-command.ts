import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { settings } from '../config/settings.ts';
import type { CliContext, RunningServer } from './runtime.ts';
import { settingOption } from './setting-option.ts';

interface ServeOptions {
  ephemeral?: boolean;
}

export function registerServeCommand(program: Command, context: CliContext): void {
  const command = program
    .command('serve')
    .description('Start the server (settings come from flags, then TRIBUTARY_* variables, then defaults)')
    .option(
      '--ephemeral',
      'For a test run (docs/testing.md): a new data folder, removed at exit; test mode unless TRIBUTARY_TEST_MODE says otherwise; once listening, one JSON line on standard output with the URL and the admin credentials, and everything else on standard error',
    );
  for (const setting of settings) {
    if (setting.serveOnly) command.option(...settingOption(setting));
  }
  command.action(async (options: ServeOptions, invoked: Command) => {
    if (options.ephemeral) await serveEphemeral(context, invoked);
    else await serve(context, invoked);
  });
}

async function serve(context: CliContext, command: Command) {
  const server = await context.runtime.startServer(context.configOf(command));
  const { io } = context;
  io.out(`Tributary is running at ${server.url}\n`);
  io.out(`Sign in with a browser at ${server.url}/ or call the REST APIs under it.\n`);
  const admin = server.site.initialisation.createdAdmin;
  if (admin) {
    io.out(`Created the administrator: username ${admin.username}, password ${admin.password}\n`);
    if (admin.generated)
      io.out('This password is shown only once; change it with `tributary users passwd`.\n');
  }
  await untilSignalled(server);
}

/**
 * A site that lives as long as the process: its folder goes at exit, whether by signal, by a failed
 * start, or (synchronously, as a last resort) by any other way out of the process. The one line on
 * standard output is the interface test runners parse (issue 23): keep its shape.
 */
async function serveEphemeral(context: CliContext, command: Command) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-ephemeral-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeDataDir);
  // A signal before the server is up would end the process without 'exit': leave nothing behind.
  const stopStarting = (signal: NodeJS.Signals) => {
    removeDataDir();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', stopStarting);
  process.once('SIGTERM', stopStarting);
  try {
    const config = context.configOf(command, { dataDir }, { testMode: 'true' });
    const server = await context.runtime.startServer(config, { ephemeral: true });
    process.removeListener('SIGINT', stopStarting);
    process.removeListener('SIGTERM', stopStarting);
    const admin = server.site.initialisation.createdAdmin;
    const line = {
      url: server.url,
      user: admin?.username ?? 'admin',
      password: admin?.password ?? config.adminPassword,
      token: server.adminToken,
      dataDir,
    };
    context.io.out(`${JSON.stringify(line)}\n`);
    context.io.err(`Tributary is running at ${server.url} on a temporary site in ${dataDir}\n`);
    await untilSignalled(server);
  } finally {
    removeDataDir();
    process.removeListener('exit', removeDataDir);
  }
}

function untilSignalled(server: RunningServer) {
  return new Promise<void>((resolve) => {
    const stop = () => {
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
