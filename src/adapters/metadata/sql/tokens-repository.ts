import type { Kysely, Selectable } from 'kysely';
import type { ApiToken } from '../../../domain/user.ts';
import type { TokensRepository } from '../../../ports/metadata-store.ts';
import { reusableQuery } from './reusable-query.ts';
import type { ApiTokensTable, Tables } from './tables.ts';

const optionalMs = (value: number | null) => (value === null ? null : Number(value));

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    name: row.name,
    createdAtMs: Number(row.created_at_ms),
    expiresAtMs: optionalMs(row.expires_at_ms),
    lastUsedAtMs: optionalMs(row.last_used_at_ms),
    revokedAtMs: optionalMs(row.revoked_at_ms),
    appId: row.app_id === null ? null : Number(row.app_id),
  };
}

// Every Basic sign-in asks whether its secret is a token.
const usableToken = reusableQuery((db) =>
  db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_sha256', '=', '')
    .where('revoked_at_ms', 'is', null)
    .where((eb) => eb.or([eb('expires_at_ms', 'is', null), eb('expires_at_ms', '>', 0)])),
);

export function sqlTokensRepository(db: Kysely<Tables>): TokensRepository {
  return {
    async insert(token) {
      const row = await db
        .insertInto('api_tokens')
        .values({
          user_id: token.userId,
          name: token.name,
          token_sha256: token.tokenSha256,
          created_at_ms: token.createdAtMs,
          expires_at_ms: token.expiresAtMs,
          app_id: token.appId ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApiToken(row);
    },
    async findUsable(tokenSha256, nowMs) {
      const row = await usableToken(db, tokenSha256, nowMs);
      return row && toApiToken(row);
    },
    async findById(id) {
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toApiToken(row);
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map(toApiToken);
    },
    async markUsed(id, atMs) {
      await db.updateTable('api_tokens').set({ last_used_at_ms: atMs }).where('id', '=', id).execute();
    },
    async revoke(id, atMs) {
      await db
        .updateTable('api_tokens')
        .set({ revoked_at_ms: atMs })
        .where('id', '=', id)
        .where('revoked_at_ms', 'is', null)
        .execute();
    },
    async revokeAllOfApp(appId, atMs) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at_ms: atMs })
        .where('app_id', '=', appId)
        .where('revoked_at_ms', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async countUsableOfApp(appId, nowMs) {
      const row = await db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('app_id', '=', appId)
        .where('revoked_at_ms', 'is', null)
        .where((eb) => eb.or([eb('expires_at_ms', 'is', null), eb('expires_at_ms', '>', nowMs)]))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
