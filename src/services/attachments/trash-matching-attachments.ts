import type { Content } from '../../domain/content.ts';
import { badRequest, conflict, forbidden, isDomainError } from '../../domain/errors.ts';
import type { Keyset } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type {
  AttachmentBrowseFilter,
  AttachmentBrowseSort,
  AttachmentBrowseTotals,
} from '../../ports/content-store.ts';
import { liveStatuses, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { mayDeleteSomeAttachmentIn } from '../permissions/policy.ts';
import { trashAttachment } from './trash-attachment.ts';

/** The attachments screen's filter, without the container: what "all matching" means. */
export type MatchingFilter = Omit<AttachmentBrowseFilter, 'containerId'>;

export interface MatchingPreview extends AttachmentBrowseTotals {
  container: Content;
  /** The first few that would go, in the screen's order. */
  sample: Content[];
}

export interface MatchingTrashOutcome {
  container: Content;
  trashed: number;
  /** Attachments the caller may not trash (or that went meanwhile): left as they are. */
  refused: number;
}

export const sampleSize = 20;

const isFiltered = (filter: MatchingFilter) =>
  filter.name !== undefined ||
  filter.mediaType !== undefined ||
  filter.extension !== undefined ||
  filter.modifiedBeforeMs !== undefined;

/** The container the caller may view, and the store's filter: never "every attachment" by accident. */
async function scopeOf(deps: ServiceDeps, principal: Principal, pageId: number, filter: MatchingFilter) {
  if (!isFiltered(filter))
    throw badRequest('Filter the attachments first (by name, type or date): all matching needs a filter');
  const container = await requireContentOfType(
    deps,
    principal,
    { id: pageId, types: ['page', 'blogpost'] },
    liveStatuses,
  );
  return { container, filter: { ...filter, containerId: container.id } };
}

/** What "Move all matching to trash" would take: how many, their bytes, and a sample. Changes nothing. */
export async function previewMatchingAttachments(
  deps: ServiceDeps,
  principal: Principal,
  pageId: number,
  request: { filter: MatchingFilter; sort: AttachmentBrowseSort },
): Promise<MatchingPreview> {
  const scope = await scopeOf(deps, principal, pageId, request.filter);
  const [totals, slice] = await Promise.all([
    deps.store.content.totalAttachments(scope.filter),
    deps.store.content.browseAttachments(scope.filter, {
      sort: request.sort,
      after: undefined,
      limit: sampleSize,
      backwards: false,
    }),
  ]);
  return { container: scope.container, ...totals, sample: slice.items };
}

/**
 * Moves every attachment of a page matching the filter to the trash, each through the one trash of an
 * attachment (its permission checks, its audit record). Read in batches by keyset, so a job of 50,000
 * neither holds one long transaction nor the whole list in memory. When the count differs from the one
 * the preview showed, nothing is trashed: the caller shows the new preview instead.
 */
export async function trashMatchingAttachments(
  deps: ServiceDeps,
  principal: Principal,
  pageId: number,
  input: { filter: MatchingFilter; expectedCount: number; batchSize?: number },
): Promise<MatchingTrashOutcome> {
  const batchSize = input.batchSize ?? 200;
  const scope = await scopeOf(deps, principal, pageId, input.filter);
  const { spaceId } = scope.container;
  if (spaceId === null || !(await mayDeleteSomeAttachmentIn(deps, principal, spaceId))) {
    throw forbidden('You may not delete attachments in this space');
  }
  const now = await deps.store.content.countAttachments(scope.filter);
  if (now !== input.expectedCount)
    throw conflict(
      `The matching attachments changed since the preview (now ${now.toLocaleString('en')}); look again`,
    );
  const outcome: MatchingTrashOutcome = { container: scope.container, trashed: 0, refused: 0 };
  let after: Keyset | undefined;
  for (;;) {
    const slice = await deps.store.content.browseAttachments(scope.filter, {
      sort: { by: 'modified', direction: 'asc' },
      after,
      limit: batchSize,
      backwards: false,
    });
    for (const attachment of slice.items) {
      try {
        await trashAttachment(deps, principal, scope.container.id, attachment.id);
        outcome.trashed += 1;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcome.refused += 1;
      }
    }
    // Past the last one read: trashed ones no longer match, and a refused one is not tried again.
    if (!slice.more || !slice.last) return outcome;
    after = slice.last;
  }
}
