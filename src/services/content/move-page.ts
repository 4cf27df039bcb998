import type { Content } from '../../domain/content.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate, requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireUniqueTitle } from './unique-title.ts';

export const movePositions = ['before', 'after', 'append'] as const;
export type MovePosition = (typeof movePositions)[number];

/**
 * `PUT /content/{pageId}/move/{position}/{targetId}`: `append` makes the page the target's last child;
 * `before` and `after` put it beside the target, under the target's parent (or at the top of the
 * target's space). Its descendants come along, into another space too. Siblings are renumbered so that
 * child listings keep the order asked for.
 */
export async function movePage(
  deps: ServiceDeps,
  principal: Principal,
  pageId: number,
  rawPosition: string,
  targetId: number,
): Promise<Content> {
  requireWriter(principal);
  const position = movePositions.find((candidate) => candidate === rawPosition);
  if (!position)
    throw badRequest(`position must be one of ${movePositions.join(', ')}`, { field: 'position' });
  const page = await requireVisibleContent(deps, principal, pageId, ['current']);
  const target = await requireVisibleContent(deps, principal, targetId, ['current']);
  if (page.type !== 'page' || target.type !== 'page') {
    throw badRequest('Only pages can be moved, and only relative to pages');
  }
  if (page.id === target.id) throw badRequest('A page cannot be moved relative to itself');
  if (target.spaceId === null) throw badRequest('The target page is in no space');
  await requireRight(deps, principal, page, 'update');
  if (target.spaceId !== page.spaceId) await requireCreate(deps, principal, target.spaceId, page);
  const parentId = position === 'append' ? target.id : target.parentId;
  const spaceId = target.spaceId;

  return deps.store.transaction(async (repositories) => {
    const latest = await repositories.content.findById(page.id);
    const latestTarget = await repositories.content.findById(target.id);
    if (latest?.status !== 'current' || latestTarget?.status !== 'current') {
      throw conflict('The page or the target changed meanwhile; read them again');
    }
    if (parentId !== null) {
      const lineage = [...(await repositories.content.ancestors(parentId)), { id: parentId }];
      if (lineage.some((ancestor) => ancestor.id === page.id)) {
        throw badRequest('A page cannot be moved under itself or one of its descendants');
      }
    }
    const nowMs = deps.clock.nowMs();
    if (spaceId !== page.spaceId) {
      const space = await repositories.spaces.findById(spaceId);
      await requireUniqueTitle(repositories.content, {
        type: 'page',
        spaceId,
        title: page.title,
        spaceKey: space?.key ?? '',
      });
      await repositories.content.setPlace(page.id, { spaceId }, nowMs);
      await repositories.content.moveTreeToSpace(page.id, spaceId);
    }
    await repositories.content.setPlace(page.id, { parentId }, nowMs);
    await placeAmongSiblings(repositories, page.id, { parentId, spaceId }, position, target.id);
    const moved = await repositories.content.findById(page.id);
    if (!moved) throw conflict(`Page ${page.id} was removed meanwhile`);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: 'Page moved',
      content: moved,
      changes: [
        { name: 'Parent', before: page.parentId, after: moved.parentId },
        { name: 'Space', before: page.spaceId, after: moved.spaceId },
      ],
    });
    return moved;
  });
}

/** Numbers the pages under one parent (or at the top of a space) with the moved page where it was put. */
async function placeAmongSiblings(
  repositories: MetadataRepositories,
  pageId: number,
  place: { parentId: number | null; spaceId: number },
  position: 'before' | 'after' | 'append',
  targetId: number,
) {
  const siblings = await repositories.content.list(
    {
      types: ['page'],
      parentId: place.parentId,
      ...(place.parentId === null && { spaceIds: [place.spaceId] }),
    },
    { start: 0, limit: Number.MAX_SAFE_INTEGER },
  );
  const order = siblings.items.map((sibling) => sibling.id).filter((id) => id !== pageId);
  const at = position === 'append' ? order.length : order.indexOf(targetId) + (position === 'after' ? 1 : 0);
  order.splice(at, 0, pageId);
  await repositories.content.setSiblingOrder(order);
}
