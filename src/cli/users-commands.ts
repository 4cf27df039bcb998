import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { systemPrincipal } from '../domain/principal.ts';
import { setPassword } from '../services/users/change-password.ts';
import { createUser } from '../services/users/create-user.ts';
import { listUsers } from '../services/users/list-users.ts';
import { setUserActive } from '../services/users/set-user-active.ts';
import { type CliContext, printJsonOr, withSite } from './runtime.ts';

export function registerUserCommands(program: Command, context: CliContext): void {
  const users = program.command('users').description('Manage users');
  const { io } = context;

  users
    .command('add <username>')
    .description('Create a user in confluence-users (a password is generated unless given)')
    .option('--name <displayName>', 'full name shown in Confluence')
    .option('--email <email>', 'email address (also a login, as on Cloud)')
    .option('--password <password>', 'password; omit to generate one')
    .action(
      async (username: string, options: { name?: string; email?: string; password?: string }, command) => {
        const password = options.password ?? randomBytes(12).toString('base64url');
        const user = await withSite(context, command, (site) =>
          createUser(site.services, systemPrincipal, {
            username,
            displayName: options.name ?? username,
            email: options.email,
            password,
          }),
        );
        io.out(`Created user ${user.username} (key ${user.userKey}, account ${user.accountId})\n`);
        if (!options.password) io.out(`Password: ${password}\n`);
      },
    );

  users
    .command('list')
    .description('List users')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command) => {
      const slice = await withSite(context, command, (site) =>
        listUsers(site.services, systemPrincipal, { start: 0, limit: Number.MAX_SAFE_INTEGER }),
      );
      printJsonOr(io, options.json === true, slice.items, (user) =>
        [user.username, user.displayName, user.email ?? '-', user.active ? 'active' : 'disabled'].join('\t'),
      );
    });

  users
    .command('passwd <username>')
    .description("Set a user's password (generated unless given)")
    .option('--password <password>', 'the new password; omit to generate one')
    .action(async (username: string, options: { password?: string }, command) => {
      const password = options.password ?? randomBytes(12).toString('base64url');
      await withSite(context, command, (site) =>
        setPassword(site.services, systemPrincipal, username, password),
      );
      io.out(
        options.password ? `Password of ${username} changed\n` : `New password of ${username}: ${password}\n`,
      );
    });

  for (const [action, active] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    users
      .command(`${action} <username>`)
      .description(
        active ? 'Let a disabled user sign in again' : 'Stop a user from signing in, keeping their content',
      )
      .action(async (username: string, _options, command) => {
        await withSite(context, command, (site) =>
          setUserActive(site.services, systemPrincipal, username, active),
        );
        io.out(`User ${username} ${active ? 'enabled' : 'disabled'}\n`);
      });
  }
}
