import type { Command } from 'commander';
import { systemPrincipal } from '../domain/principal.ts';
import { addApp } from '../services/apps/add-app.ts';
import { changeAppRules } from '../services/apps/change-app-rules.ts';
import { listAppRules } from '../services/apps/list-app-rules.ts';
import { listApps } from '../services/apps/list-apps.ts';
import { removeApp } from '../services/apps/remove-app.ts';
import { type CliContext, printJsonOr, withSite } from './runtime.ts';

const keysOf = (spaces: readonly { key: string }[]) => spaces.map((space) => space.key).join(', ');

export function registerAppCommands(program: Command, context: CliContext): void {
  const apps = program
    .command('apps')
    .description(
      "Apps and their access rules: an app's token acts as its user, except in spaces the app is blocked from",
    );
  const { io } = context;

  apps
    .command('add <name>')
    .description("Add an app and print its token, once; the token acts as the user, within the app's rules")
    .requiredOption('--user <username>', 'the user the token acts as')
    .action(async (name: string, options: { user: string }, command) => {
      const added = await withSite(context, command, (site) =>
        addApp(site.services, systemPrincipal, { name, username: options.user }),
      );
      io.out(`${added.secret}\n`);
    });

  apps
    .command('list')
    .description('List the apps, their working tokens and how many spaces each is blocked from')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command) => {
      const found = await withSite(context, command, (site) => listApps(site.services, systemPrincipal));
      const rows = found.map(({ app, usableTokens, blockedSpaceCount }) => ({
        id: app.id,
        name: app.name,
        createdAt: new Date(app.createdAtMs).toISOString(),
        usableTokens,
        blockedSpaceCount,
      }));
      printJsonOr(io, options.json === true, rows, (row) =>
        [
          row.name,
          `created ${row.createdAt}`,
          `${row.usableTokens} token${row.usableTokens === 1 ? '' : 's'}`,
          `blocked from ${row.blockedSpaceCount} space${row.blockedSpaceCount === 1 ? '' : 's'}`,
        ].join('\t'),
      );
    });

  apps
    .command('rules [app]')
    .description('Show the spaces each app (or the one named) is blocked from')
    .option('--json', 'print JSON')
    .action(async (appName: string | undefined, options: { json?: boolean }, command) => {
      const found = await withSite(context, command, (site) =>
        listAppRules(site.services, systemPrincipal, appName),
      );
      const rows = found.map(({ app, blockedSpaces }) => ({ app: app.name, blockedSpaces }));
      printJsonOr(io, options.json === true, rows, (row) =>
        [row.app, row.blockedSpaces.length === 0 ? '-' : keysOf(row.blockedSpaces)].join('\t'),
      );
    });

  apps
    .command('block <app> <spaceKeys...>')
    .description(
      "Block an app from spaces: their content is out of the app's reach, the spaces themselves not",
    )
    .action(async (appName: string, spaceKeys: string[], _options, command) => {
      const rules = await withSite(context, command, (site) =>
        changeAppRules(site.services, systemPrincipal, { appName, spaceKeys, blocked: true }),
      );
      io.out(`App ${rules.app.name} is blocked from ${keysOf(rules.blockedSpaces)}\n`);
    });

  apps
    .command('unblock <app> <spaceKeys...>')
    .description('Lift the blocks of an app in spaces')
    .action(async (appName: string, spaceKeys: string[], _options, command) => {
      const rules = await withSite(context, command, (site) =>
        changeAppRules(site.services, systemPrincipal, { appName, spaceKeys, blocked: false }),
      );
      const still = rules.blockedSpaces.length === 0 ? 'no space' : keysOf(rules.blockedSpaces);
      io.out(`App ${rules.app.name} is blocked from ${still}\n`);
    });

  apps
    .command('remove <app>')
    .description('Remove an app with its rules, revoking its tokens')
    .action(async (appName: string, _options, command) => {
      const removed = await withSite(context, command, (site) =>
        removeApp(site.services, systemPrincipal, appName),
      );
      const tokens = `${removed.revokedTokens} token${removed.revokedTokens === 1 ? '' : 's'}`;
      io.out(`App ${removed.app.name} removed; ${tokens} revoked\n`);
    });
}
