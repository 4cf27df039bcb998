import type { Kysely, Selectable } from 'kysely';
import type { WebSession } from '../../../domain/web-session.ts';
import type { WebSessionsRepository } from '../../../ports/metadata-store.ts';
import { reusableQuery } from './reusable-query.ts';
import type { Tables, WebSessionsTable } from './tables.ts';

function toWebSession(row: Selectable<WebSessionsTable>): WebSession {
  return {
    id: row.id,
    userId: Number(row.user_id),
    createdAtMs: Number(row.created_at_ms),
    lastSeenAtMs: Number(row.last_seen_at_ms),
    expiresAtMs: Number(row.expires_at_ms),
    revokedAtMs: row.revoked_at_ms === null ? null : Number(row.revoked_at_ms),
    userAgent: row.user_agent,
    remoteAddress: row.remote_address,
  };
}

// Every page and every fetch of a signed-in browser asks for its session.
const usableSession = reusableQuery((db) =>
  db
    .selectFrom('web_sessions')
    .selectAll()
    .where('secret_sha256', '=', '')
    .where('revoked_at_ms', 'is', null)
    .where('expires_at_ms', '>', 0),
);

export function sqlWebSessionsRepository(db: Kysely<Tables>): WebSessionsRepository {
  return {
    async insert(session) {
      await db
        .insertInto('web_sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          secret_sha256: session.secretSha256,
          created_at_ms: session.createdAtMs,
          last_seen_at_ms: session.lastSeenAtMs,
          expires_at_ms: session.expiresAtMs,
          revoked_at_ms: null,
          user_agent: session.userAgent,
          remote_address: session.remoteAddress,
        })
        .execute();
    },
    async findUsable(secretSha256, nowMs) {
      const row = await usableSession(db, secretSha256, nowMs);
      return row && toWebSession(row);
    },
    async touch(id, lastSeenAtMs, expiresAtMs) {
      await db
        .updateTable('web_sessions')
        .set({ last_seen_at_ms: lastSeenAtMs, expires_at_ms: expiresAtMs })
        .where('id', '=', id)
        .execute();
    },
    async listUsableOfUser(userId, nowMs) {
      const rows = await db
        .selectFrom('web_sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at_ms', 'is', null)
        .where('expires_at_ms', '>', nowMs)
        .orderBy('last_seen_at_ms', 'desc')
        .execute();
      return rows.map(toWebSession);
    },
    async revoke(id, atMs) {
      await db
        .updateTable('web_sessions')
        .set({ revoked_at_ms: atMs })
        .where('id', '=', id)
        .where('revoked_at_ms', 'is', null)
        .execute();
    },
    async revokeAllOfUser(userId, atMs) {
      const result = await db
        .updateTable('web_sessions')
        .set({ revoked_at_ms: atMs })
        .where('user_id', '=', userId)
        .where('revoked_at_ms', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
