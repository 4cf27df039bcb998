import type { Kysely } from 'kysely';
import type { BodyConversion, BodyConversionsRepository } from '../../../ports/body-conversion-store.ts';
import type { Tables } from './tables.ts';

export function sqlBodyConversionsRepository(db: Kysely<Tables>): BodyConversionsRepository {
  return {
    async keep(conversion, nowMs) {
      await db.deleteFrom('body_conversions').where('expires_at_ms', '<=', nowMs).execute();
      await db
        .insertInto('body_conversions')
        .values({
          id: conversion.id,
          owner_key: conversion.ownerKey,
          outcome_json: JSON.stringify(conversion.outcome),
          expires_at_ms: conversion.expiresAtMs,
        })
        .execute();
    },
    async find(id, nowMs) {
      const row = await db
        .selectFrom('body_conversions')
        .selectAll()
        .where('id', '=', id)
        .where('expires_at_ms', '>', nowMs)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          ownerKey: row.owner_key,
          outcome: JSON.parse(row.outcome_json) as BodyConversion['outcome'],
          expiresAtMs: Number(row.expires_at_ms),
        }
      );
    },
  };
}
