import type { FastifySchemaValidationError } from 'fastify';
import type { Static } from 'typebox';
import { badRequest } from '../../domain/errors.ts';
import {
  type ArchivePagesRequest,
  archivedPageRule,
  archivedPagesRule,
} from '../../services/content/archive-pages.ts';
import { refusedPathOf } from '../common/body-refusal.ts';
import type { ArchiveBody } from './schemas/content-tree.ts';

/** A refused archive body: the list as a whole, or one of its pages, as the use case words them. */
export function archiveBodyRefusal(errors: readonly FastifySchemaValidationError[]): Error {
  const path = refusedPathOf(errors);
  return badRequest(path.length > 1 ? archivedPageRule : archivedPagesRule, { field: 'pages' });
}

/** The pages a body names; none when it names no list (the use case refuses an empty one). */
export const archivePagesOf = (body: Static<typeof ArchiveBody>): ArchivePagesRequest => ({
  pageIds: (body?.pages ?? []).map((page) => Number(page.id)),
});
