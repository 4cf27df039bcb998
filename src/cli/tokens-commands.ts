import type { Command } from 'commander';
import { badRequest } from '../domain/errors.ts';
import { systemPrincipal } from '../domain/principal.ts';
import { createToken } from '../services/tokens/create-token.ts';
import { listTokens } from '../services/tokens/list-tokens.ts';
import { revokeToken } from '../services/tokens/revoke-token.ts';
import { type CliContext, printJsonOr, withSite } from './runtime.ts';

const isoOrDash = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

export function registerTokenCommands(program: Command, context: CliContext): void {
  const tokens = program
    .command('tokens')
    .description('API tokens: use as the password in Basic auth, or as `Authorization: Bearer <token>`');
  const { io } = context;

  tokens
    .command('create <username>')
    .description('Create a token for a user; it is printed once and stored only as a hash')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--expires-in-days <days>', 'expire the token after this many days')
    .action(async (username: string, options: { name: string; expiresInDays?: string }, command) => {
      const expiresInDays = options.expiresInDays === undefined ? undefined : Number(options.expiresInDays);
      const created = await withSite(context, command, (site) =>
        createToken(site.services, systemPrincipal, { username, name: options.name, expiresInDays }),
      );
      io.out(`${created.secret}\n`);
    });

  tokens
    .command('list <username>')
    .description("List a user's tokens (never their secrets)")
    .option('--json', 'print JSON')
    .action(async (username: string, options: { json?: boolean }, command) => {
      const found = await withSite(context, command, (site) =>
        listTokens(site.services, systemPrincipal, username),
      );
      printJsonOr(io, options.json === true, found, (token) =>
        [
          token.id,
          token.name,
          `created ${isoOrDash(token.createdAtMs)}`,
          `last used ${isoOrDash(token.lastUsedAtMs)}`,
          token.revokedAtMs === null ? 'active' : 'revoked',
        ].join('\t'),
      );
    });

  tokens
    .command('revoke <tokenId>')
    .description('Revoke a token by the id that `tokens list` shows')
    .action(async (tokenId: string, _options, command) => {
      if (!/^\d+$/.test(tokenId)) throw badRequest(`Token id must be a number, not '${tokenId}'`);
      await withSite(context, command, (site) =>
        revokeToken(site.services, systemPrincipal, Number(tokenId)),
      );
      io.out(`Token ${tokenId} revoked\n`);
    });
}
