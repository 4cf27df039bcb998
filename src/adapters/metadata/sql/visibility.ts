import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Viewer } from '../../../domain/permissions.ts';

/**
 * The set form of the view rule in services/permissions (one rule, two shapes: the policy asks it of one
 * item, listings and CQL filter with it inside the SQL, so counts and pages only ever hold what the
 * viewer may see). Both fragments expect the content table aliased `c`.
 */

/** Grants to the viewer: theirs, their groups', and anonymous ones, which every user also holds. */
function grantedToViewer(viewer: Viewer, alias: string): RawBuilder<SqlBool> {
  const table = sql.ref(alias);
  const user =
    viewer.userId === null
      ? sql`false`
      : sql`(${table}.subject_type = 'user' AND ${table}.subject_id = ${viewer.userId})`;
  const groups =
    viewer.groupIds.length === 0
      ? sql`false`
      : sql`(${table}.subject_type = 'group' AND ${table}.subject_id IN (${sql.join(viewer.groupIds)}))`;
  return sql<SqlBool>`(${table}.subject_type = 'anonymous' OR ${user} OR ${groups})`;
}

/** Ids of the spaces the viewer may read, as a subquery. */
export function readableSpaceIds(viewer: Viewer): RawBuilder<unknown> {
  return sql`SELECT p.space_id FROM space_permissions p
    WHERE p.target_type = 'space' AND p.operation = 'read' AND ${grantedToViewer(viewer, 'p')}`;
}

/**
 * Content a read restriction hides from the viewer, and everything below it (child pages, and the
 * attachments and comments of any of them), as a subquery. Restrictions are rare, so this set is small.
 * One recursive step with OR: PostgreSQL allows a recursive query to name itself only once.
 */
export function hiddenContentIds(viewer: Viewer): RawBuilder<unknown> {
  return sql`WITH RECURSIVE hidden(id) AS (
      SELECT r.content_id FROM restrictions r WHERE r.operation = 'read'
      GROUP BY r.content_id
      HAVING max(CASE WHEN ${grantedToViewer(viewer, 'r')} THEN 1 ELSE 0 END) = 0
      UNION SELECT below.id FROM content below
        JOIN hidden h ON below.parent_id = h.id OR below.container_id = h.id
    ) SELECT id FROM hidden`;
}

/**
 * Content (`c`) the viewer may see; administrators see everything, except in spaces an app access rule
 * blocks the viewer's app from, whose content is hidden from everyone coming through that app.
 */
export function visibleContent(viewer: Viewer): RawBuilder<SqlBool> {
  const blocked = viewer.blockedSpaceIds ?? [];
  const unblocked =
    blocked.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`c.space_id NOT IN (${sql.join(blocked)})`;
  if (viewer.isAdministrator) return unblocked;
  return sql<SqlBool>`(c.space_id IN (${readableSpaceIds(viewer)}) AND c.id NOT IN (${hiddenContentIds(viewer)}) AND ${unblocked})`;
}

/** Spaces (`s` or the bare table) the viewer may see. */
export function visibleSpace(viewer: Viewer, idColumn: string): RawBuilder<SqlBool> {
  if (viewer.isAdministrator) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`${sql.ref(idColumn)} IN (${readableSpaceIds(viewer)})`;
}
