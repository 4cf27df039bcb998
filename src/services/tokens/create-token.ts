import { badRequest, forbidden } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { ApiToken } from '../../domain/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { generateTokenSecret, hashTokenSecret } from '../auth/api-token-secret.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from '../users/find-user.ts';

export interface CreateTokenInput {
  username: string;
  name: string;
  expiresInDays?: number | undefined;
}

export interface CreatedToken {
  token: ApiToken;
  /** The only time the secret exists outside its owner's hands. */
  secret: string;
}

/** Users create tokens for themselves; administrators for anyone. */
export async function createToken(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateTokenInput,
): Promise<CreatedToken> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 255) throw badRequest('Token name must be 1-255 characters');
  const days = input.expiresInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    throw badRequest('Token expiry must be a whole number of days from 1 to 3650');
  }
  return deps.store.transaction(async (repositories) => {
    const owner = await requireUserByUsername(repositories.users, input.username);
    const ownToken = principal.kind === 'user' && principal.user.id === owner.id;
    if (!ownToken && !isAdministrator(principal)) throw forbidden('You may only create tokens for yourself');
    const secret = generateTokenSecret();
    const nowMs = deps.clock.nowMs();
    const token = await repositories.tokens.insert({
      userId: owner.id,
      name,
      tokenSha256: hashTokenSecret(secret),
      createdAtMs: nowMs,
      expiresAtMs: days === undefined ? null : nowMs + days * 86_400_000,
    });
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Security',
      summary: 'API token created',
      objectType: 'token',
      objectId: String(token.id),
      objectName: name,
      changes: [
        { name: 'Name', before: '', after: name },
        {
          name: 'Expires',
          before: '',
          after: token.expiresAtMs === null ? 'never' : new Date(token.expiresAtMs).toISOString(),
        },
      ],
      associated: [{ type: 'user', name: owner.displayName, id: owner.username }],
    });
    return { token, secret };
  });
}
