import type { Command } from 'commander';
import { systemPrincipal } from '../domain/principal.ts';
import { changeGroupNesting } from '../services/groups/change-group-nesting.ts';
import { changeMembership } from '../services/groups/change-membership.ts';
import { createGroup } from '../services/groups/create-group.ts';
import { listGroups } from '../services/groups/list-groups.ts';
import { type CliContext, printJsonOr, withSite } from './runtime.ts';

export function registerGroupCommands(program: Command, context: CliContext): void {
  const groups = program.command('groups').description('Manage groups and memberships');
  const { io } = context;

  groups
    .command('add <name>')
    .description('Create a group')
    .action(async (name: string, _options, command) => {
      const group = await withSite(context, command, (site) =>
        createGroup(site.services, systemPrincipal, name),
      );
      io.out(`Created group ${group.name}\n`);
    });

  groups
    .command('list')
    .description('List groups')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command) => {
      const slice = await withSite(context, command, (site) =>
        listGroups(site.services, systemPrincipal, { start: 0, limit: Number.MAX_SAFE_INTEGER }),
      );
      printJsonOr(io, options.json === true, slice.items, (group) => group.name);
    });

  for (const [action, member] of [
    ['add-member', true],
    ['remove-member', false],
  ] as const) {
    groups
      .command(`${action} <group> <username>`)
      .description(member ? 'Add a user to a group' : 'Remove a user from a group')
      .action(async (groupName: string, username: string, _options, command) => {
        await withSite(context, command, (site) =>
          changeMembership(site.services, systemPrincipal, { username, groupName, member }),
        );
        io.out(`${username} ${member ? 'added to' : 'removed from'} ${groupName}\n`);
      });
  }

  for (const [action, nested] of [
    ['add-group', true],
    ['remove-group', false],
  ] as const) {
    groups
      .command(`${action} <parent> <child>`)
      .description(
        nested
          ? 'Put a group inside another: its members then hold what the parent holds'
          : 'Take a group out of another',
      )
      .action(async (parentName: string, childName: string, _options, command) => {
        await withSite(context, command, (site) =>
          changeGroupNesting(site.services, systemPrincipal, { parentName, childName, nested }),
        );
        io.out(`${childName} ${nested ? 'added to' : 'removed from'} ${parentName}\n`);
      });
  }
}
