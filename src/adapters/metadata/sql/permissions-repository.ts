import { type Kysely, type SqlBool, sql } from 'kysely';
import {
  type GlobalOperation,
  globalOperations,
  operationKeyOf,
  type PermissionSubject,
  type Restriction,
  type SpaceOperation,
  spaceOperations,
  unlicensedOperations,
} from '../../../domain/permissions.ts';
import type { GrantedPermission, PermissionsRepository } from '../../../ports/metadata-store.ts';
import { maxTreeDepth } from './content-tree-repository.ts';
import { groupIdsHeldBy } from './group-closure.ts';
import type { Tables } from './tables.ts';

type SubjectColumns = { subject_type: string; subject_id: number | null };

function columnsOf(subject: PermissionSubject | Restriction['subject']): SubjectColumns {
  if (subject.kind === 'user') return { subject_type: 'user', subject_id: subject.userId };
  if (subject.kind === 'group') return { subject_type: 'group', subject_id: subject.groupId };
  return { subject_type: 'anonymous', subject_id: null };
}

function subjectOf(row: SubjectColumns): PermissionSubject {
  if (row.subject_type === 'user') return { kind: 'user', userId: Number(row.subject_id) };
  if (row.subject_type === 'group') return { kind: 'group', groupId: Number(row.subject_id) };
  return { kind: 'anonymous' };
}

function operationIn<T extends string>(known: readonly T[], row: { target_type: string; operation: string }) {
  const operation = `${row.target_type}:${row.operation}`;
  return known.find((candidate) => candidate === operation);
}

function toRestriction(row: {
  content_id: number;
  operation: string;
  subject_type: string;
  subject_id: number;
}): Restriction {
  return {
    contentId: Number(row.content_id),
    operation: row.operation === 'update' ? 'update' : 'read',
    subject:
      row.subject_type === 'group'
        ? { kind: 'group', groupId: Number(row.subject_id) }
        : { kind: 'user', userId: Number(row.subject_id) },
  };
}

/** The rows that grant `operations` to the subject. */
function grantRows(
  subject: PermissionSubject,
  operations: readonly (SpaceOperation | GlobalOperation)[],
  nowMs: number,
) {
  return operations.map((operation) => {
    const { targetType, operationKey } = operationKeyOf(operation);
    return { ...columnsOf(subject), target_type: targetType, operation: operationKey, created_at_ms: nowMs };
  });
}

/** The row granting one operation to the subject (anonymous rows have no subject id, as the unique index has it). */
function sameGrant(subject: PermissionSubject, operation: SpaceOperation | GlobalOperation) {
  const { subject_type, subject_id } = columnsOf(subject);
  const { targetType, operationKey } = operationKeyOf(operation);
  return sql<SqlBool>`subject_type = ${subject_type} AND coalesce(subject_id, 0) = ${subject_id ?? 0}
    AND target_type = ${targetType} AND operation = ${operationKey}`;
}

/** Grant rows as the domain knows them; a row of an operation it does not know is left out. */
function grantsOf<T extends string>(
  rows: readonly (SubjectColumns & { id: number; target_type: string; operation: string })[],
  known: readonly T[],
): GrantedPermission<T>[] {
  return rows.flatMap((row) => {
    const operation = operationIn(known, row);
    return operation ? [{ id: Number(row.id), subject: subjectOf(row), operation }] : [];
  });
}

export function sqlPermissionsRepository(db: Kysely<Tables>): PermissionsRepository {
  /** Rows granted to this user (directly, through a group at any depth, or to everyone as anonymous). */
  const heldBy = (userId: number | null) =>
    sql<SqlBool>`(subject_type = 'anonymous'
      OR (subject_type = 'user' AND subject_id = ${userId})
      OR (subject_type = 'group' AND subject_id IN (${groupIdsHeldBy(userId)})))`;

  return {
    async spaceOperationsOf(spaceId, userId) {
      const rows = await db
        .selectFrom('space_permissions')
        .select(['target_type', 'operation'])
        .where('space_id', '=', spaceId)
        .where(heldBy(userId))
        .execute();
      return rows.map((row) => operationIn(spaceOperations, row)).filter((op) => op !== undefined);
    },

    async spacePermissions(spaceId) {
      const rows = await db
        .selectFrom('space_permissions')
        .selectAll()
        .where('space_id', '=', spaceId)
        .orderBy('subject_type')
        .orderBy('subject_id')
        .orderBy('target_type')
        .orderBy('operation')
        .execute();
      return grantsOf(rows, spaceOperations);
    },

    async grantSpace(spaceId, subject, operations, nowMs) {
      if (operations.length === 0) return;
      await db
        .insertInto('space_permissions')
        .values(grantRows(subject, operations, nowMs).map((row) => ({ ...row, space_id: spaceId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async revokeSpace(spaceId, subject, operations) {
      for (const operation of operations) {
        await db
          .deleteFrom('space_permissions')
          .where('space_id', '=', spaceId)
          .where(sameGrant(subject, operation))
          .execute();
      }
    },

    async globalOperationsOf(userId) {
      const rows = await db
        .selectFrom('global_permissions')
        .select(['target_type', 'operation'])
        .where(heldBy(userId))
        .execute();
      return rows.map((row) => operationIn(globalOperations, row)).filter((op) => op !== undefined);
    },

    async globalPermissions() {
      const rows = await db
        .selectFrom('global_permissions')
        .selectAll()
        .orderBy('subject_type')
        .orderBy('subject_id')
        .orderBy('target_type')
        .orderBy('operation')
        .execute();
      return grantsOf(rows, globalOperations);
    },

    async grantGlobal(subject, operations, nowMs) {
      if (operations.length === 0) return;
      await db
        .insertInto('global_permissions')
        .values(grantRows(subject, operations, nowMs))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async revokeGlobal(subject, operations) {
      for (const operation of operations) {
        await db.deleteFrom('global_permissions').where(sameGrant(subject, operation)).execute();
      }
    },

    async unlicensedOperations() {
      const rows = await db
        .selectFrom('unlicensed_permissions')
        .select(['target_type', 'operation'])
        .execute();
      const held = new Set(rows.map((row) => operationIn(unlicensedOperations, row)));
      return unlicensedOperations.filter((operation) => held.has(operation));
    },

    async grantUnlicensed(operations, nowMs) {
      if (operations.length === 0) return;
      await db
        .insertInto('unlicensed_permissions')
        .values(
          operations.map((operation) => {
            const { targetType, operationKey } = operationKeyOf(operation);
            return { target_type: targetType, operation: operationKey, created_at_ms: nowMs };
          }),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async revokeUnlicensed(operations) {
      for (const operation of operations) {
        const { targetType, operationKey } = operationKeyOf(operation);
        await db
          .deleteFrom('unlicensed_permissions')
          .where('target_type', '=', targetType)
          .where('operation', '=', operationKey)
          .execute();
      }
    },

    async restrictionsOf(contentId) {
      const rows = await db
        .selectFrom('restrictions')
        .selectAll()
        .where('content_id', '=', contentId)
        .orderBy('operation')
        .orderBy('subject_type')
        .orderBy('subject_id')
        .execute();
      return rows.map(toRestriction);
    },

    async restrictionsAbove(contentId, operation) {
      // The item, its parent pages and its container, up to the top of the tree however deep it is: a
      // restriction high above a deep page still applies to it.
      const { rows } = await sql<{
        content_id: number;
        operation: string;
        subject_type: string;
        subject_id: number;
      }>`WITH RECURSIVE chain(id, depth) AS (
          SELECT CAST(${contentId} AS bigint), 0
          UNION SELECT coalesce(c.parent_id, c.container_id), chain.depth + 1 FROM content c
            JOIN chain ON c.id = chain.id
            WHERE coalesce(c.parent_id, c.container_id) IS NOT NULL AND chain.depth < ${maxTreeDepth}
        )
        SELECT r.content_id, r.operation, r.subject_type, r.subject_id FROM restrictions r
        JOIN chain ON r.content_id = chain.id WHERE r.operation = ${operation}
        ORDER BY chain.depth, r.subject_type, r.subject_id`.execute(db);
      return rows.map(toRestriction);
    },

    async replaceRestrictions(contentId, operation, subjects) {
      await db
        .deleteFrom('restrictions')
        .where('content_id', '=', contentId)
        .where('operation', '=', operation)
        .execute();
      if (subjects.length === 0) return;
      await db
        .insertInto('restrictions')
        .values(
          subjects.map((subject) => ({
            content_id: contentId,
            operation,
            subject_type: subject.kind,
            subject_id: subject.kind === 'user' ? subject.userId : subject.groupId,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
  };
}
