import type { Kysely } from 'kysely';
import type { InlineAnchor, ResolutionStatus } from '../../../domain/inline-comment.ts';
import type { InlineCommentsRepository } from '../../../ports/comment-like-task-store.ts';
import type { Tables } from './tables.ts';

type Row = Tables['inline_comments'];

const toAnchor = (row: Row): InlineAnchor => ({
  commentId: Number(row.content_id),
  markerRef: row.marker_ref,
  originalSelection: row.original_selection,
  resolutionStatus: row.resolution_status as ResolutionStatus,
  resolutionModifierId: row.resolution_modifier_id === null ? null : Number(row.resolution_modifier_id),
  resolutionModifiedAtMs:
    row.resolution_modified_at_ms === null ? null : Number(row.resolution_modified_at_ms),
});

export function sqlInlineCommentsRepository(db: Kysely<Tables>): InlineCommentsRepository {
  return {
    async insert(anchor) {
      await db
        .insertInto('inline_comments')
        .values({
          content_id: anchor.commentId,
          marker_ref: anchor.markerRef,
          original_selection: anchor.originalSelection,
          resolution_status: anchor.resolutionStatus,
          resolution_modifier_id: anchor.resolutionModifierId,
          resolution_modified_at_ms: anchor.resolutionModifiedAtMs,
        })
        .execute();
    },
    async find(commentId) {
      const row = await db
        .selectFrom('inline_comments')
        .selectAll()
        .where('content_id', '=', commentId)
        .executeTakeFirst();
      return row && toAnchor(row);
    },
    async findMany(commentIds) {
      const found = new Map<number, InlineAnchor>();
      if (commentIds.length === 0) return found;
      const rows = await db
        .selectFrom('inline_comments')
        .selectAll()
        .where('content_id', 'in', [...commentIds])
        .execute();
      for (const row of rows) found.set(Number(row.content_id), toAnchor(row));
      return found;
    },
    async setResolution(commentId, status, modifierId, modifiedAtMs) {
      await db
        .updateTable('inline_comments')
        .set({
          resolution_status: status,
          resolution_modifier_id: modifierId,
          resolution_modified_at_ms: modifiedAtMs,
        })
        .where('content_id', '=', commentId)
        .execute();
    },
  };
}
