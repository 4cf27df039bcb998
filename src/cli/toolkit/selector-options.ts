import type { Command } from 'commander';
import type { Selector } from '../../client/index.ts';
import { UsageError } from './exit.ts';

export interface SelectorFlags {
  page?: string;
  space?: string;
  tree?: boolean;
  cql?: string;
}

export function addSelectorOptions(command: Command): Command {
  return command
    .option('--page <id>', "a page's (or blog post's) attachments")
    .option('--tree', 'with --page: also every page below it')
    .option('--space <key>', "every page's and blog post's attachments in a space")
    .option('--cql <query>', 'what a CQL query finds: attachments, or the attachments of pages it finds');
}

/** Exactly one of --page, --space, --cql. */
export function selectorOf(flags: SelectorFlags): Selector {
  const given = [flags.page, flags.space, flags.cql].filter((value) => value !== undefined);
  if (given.length !== 1)
    throw new UsageError('Choose the attachments with exactly one of --page, --space or --cql');
  if (flags.tree && flags.page === undefined) throw new UsageError('--tree goes with --page');
  if (flags.page !== undefined) {
    if (!/^(att)?\d+$/.test(flags.page))
      throw new UsageError(`--page must be a content id, not '${flags.page}'`);
    return { kind: 'page', pageId: flags.page, tree: flags.tree === true };
  }
  if (flags.space !== undefined) {
    if (flags.space.trim() === '') throw new UsageError('--space needs a space key');
    return { kind: 'space', spaceKey: flags.space.trim() };
  }
  if ((flags.cql ?? '').trim() === '') throw new UsageError('--cql needs a query');
  return { kind: 'cql', cql: flags.cql ?? '' };
}
