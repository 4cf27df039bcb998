import type { Command } from 'commander';
import type { CliContext } from './runtime.ts';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Start the server (settings come from flags, then TRIBUTARY_* variables, then defaults)')
    .action(async (_options, command: Command) => {
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
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
