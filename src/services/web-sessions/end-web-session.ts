import { forbidden, notFound } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import type { WebSession } from '../../domain/web-session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashTokenSecret } from '../auth/api-token-secret.ts';
import type { ServiceDeps } from '../deps.ts';

/** Sign-out: the session of this cookie ends at once, on every node. */
export async function endWebSession(deps: ServiceDeps, secret: string): Promise<void> {
  const nowMs = deps.clock.nowMs();
  const session = await deps.store.webSessions.findUsable(hashTokenSecret(secret), nowMs);
  if (session) await deps.store.webSessions.revoke(session.id, nowMs);
}

const mayManage = (principal: Principal, userId: number) =>
  isAdministrator(principal) || (principal.kind === 'user' && principal.user.id === userId);

/** The user's signed-in browsers; for the user or an administrator. */
export async function listWebSessions(
  deps: ServiceDeps,
  principal: Principal,
  userId: number,
): Promise<WebSession[]> {
  if (!mayManage(principal, userId)) throw forbidden('You may only see your own sessions');
  return deps.store.webSessions.listUsableOfUser(userId, deps.clock.nowMs());
}

/** Ends one session of the user (by its id), or all of them; the audit log records it. */
export async function revokeWebSessions(
  deps: ServiceDeps,
  principal: Principal,
  userId: number,
  sessionId?: string,
): Promise<number> {
  if (!mayManage(principal, userId)) throw forbidden('You may only end your own sessions');
  const nowMs = deps.clock.nowMs();
  return deps.store.transaction(async (repositories) => {
    const user = await repositories.users.findById(userId);
    if (!user) throw notFound(`No user ${userId}`);
    let ended = 1;
    if (sessionId === undefined) {
      ended = await repositories.webSessions.revokeAllOfUser(userId, nowMs);
    } else {
      const sessions = await repositories.webSessions.listUsableOfUser(userId, nowMs);
      if (!sessions.some((session) => session.id === sessionId)) throw notFound(`No session ${sessionId}`);
      await repositories.webSessions.revoke(sessionId, nowMs);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Security',
      summary: sessionId === undefined ? 'Web sessions ended' : 'Web session ended',
      objectType: 'user',
      objectId: user.username,
      objectName: user.displayName,
      changes: [{ name: 'Sessions ended', before: '', after: String(ended) }],
    });
    return ended;
  });
}
