import { type RawBuilder, sql } from 'kysely';

/**
 * Groups inside groups (migration 0011): a member of a group is a member of every group that contains
 * it, at any depth. Everything that decides permissions (the policy's space and global grants, the SQL
 * view rule through `Viewer.groupIds`, the administrators check at sign-in) asks through these, so the
 * two shapes of the rule cannot disagree. `UNION`, not `UNION ALL`, ends the recursion on a cycle.
 */

/** Ids of the groups the user belongs to, directly or through a group inside them, as a subquery. */
export function groupIdsHeldBy(userId: number | null): RawBuilder<unknown> {
  return sql`WITH RECURSIVE held(id) AS (
      SELECT group_id FROM group_memberships WHERE user_id = ${userId}
      UNION SELECT n.parent_group_id FROM group_nestings n JOIN held ON n.child_group_id = held.id
    ) SELECT id FROM held`;
}

/** Ids of the groups containing the group, at any depth (not the group itself), as a subquery. */
export function ancestorGroupIds(groupId: number): RawBuilder<unknown> {
  return sql`WITH RECURSIVE up(id) AS (
      SELECT parent_group_id FROM group_nestings WHERE child_group_id = ${groupId}
      UNION SELECT n.parent_group_id FROM group_nestings n JOIN up ON n.child_group_id = up.id
    ) SELECT id FROM up`;
}
