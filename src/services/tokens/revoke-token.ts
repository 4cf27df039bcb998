import { forbidden, notFound } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';

export async function revokeToken(deps: ServiceDeps, principal: Principal, tokenId: number): Promise<void> {
  await deps.store.transaction(async (repositories) => {
    const token = await repositories.tokens.findById(tokenId);
    if (!token) throw notFound(`No API token found with id: ${tokenId}`);
    const own = principal.kind === 'user' && principal.user.id === token.userId;
    if (!own && !isAdministrator(principal)) throw forbidden('You may only revoke your own tokens');
    await repositories.tokens.revoke(token.id, deps.clock.nowMs());
    const owner = await repositories.users.findById(token.userId);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Security',
      summary: 'API token revoked',
      objectType: 'token',
      objectId: String(token.id),
      objectName: token.name,
      changes: [
        { name: 'Status', before: token.revokedAtMs === null ? 'active' : 'revoked', after: 'revoked' },
      ],
      associated: owner ? [{ type: 'user', name: owner.displayName, id: owner.username }] : [],
    });
  });
}
