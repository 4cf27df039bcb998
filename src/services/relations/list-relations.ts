import type { ContentStatus } from '../../domain/content.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import { relationEntityTypeOf, relationNameOf } from '../../domain/relation.ts';
import type { ServiceDeps } from '../deps.ts';
import type { RelationView } from './change-relation.ts';
import { relationStatusesOf, requireRelationEntity, visibleRelationEntity } from './relation-entities.ts';

// Relations of one entity are few (a user's favourites); they are read whole so that those whose other
// end the caller may not see are left out before paging, and `size` stays true.
const mostRelationsRead = 10_000;

export interface RelationListing {
  name: string;
  /** The entity the path names, and the type of the entities at the other end. */
  fixed: { type: string; key: string; status?: string };
  otherType: string;
  otherStatus?: string;
  /** Which end of the relations the fixed entity is. */
  fixedEnd: 'source' | 'target';
}

export async function listRelations(
  deps: ServiceDeps,
  principal: Principal,
  listing: RelationListing,
  window: Window,
): Promise<Slice<RelationView>> {
  const name = relationNameOf(listing.name);
  const fixedType = relationEntityTypeOf(
    listing.fixed.type,
    listing.fixedEnd === 'source' ? 'sourceType' : 'targetType',
  );
  const otherType = relationEntityTypeOf(
    listing.otherType,
    listing.fixedEnd === 'source' ? 'targetType' : 'sourceType',
  );
  const fixedStatuses = relationStatusesOf(listing.fixed.status, 'status');
  const otherStatuses: readonly ContentStatus[] = relationStatusesOf(listing.otherStatus, 'status');
  const fixed = await requireRelationEntity(deps, principal, fixedType, listing.fixed.key, fixedStatuses);
  const everything = { start: 0, limit: mostRelationsRead };
  const stored =
    listing.fixedEnd === 'source'
      ? await deps.store.relations.listFrom(
          { name, sourceType: fixedType, sourceKey: fixed.key, targetType: otherType },
          everything,
        )
      : await deps.store.relations.listTo(
          { name, targetType: fixedType, targetKey: fixed.key, sourceType: otherType },
          everything,
        );
  const views: RelationView[] = [];
  for (const relation of stored.items) {
    const otherKey = listing.fixedEnd === 'source' ? relation.targetKey : relation.sourceKey;
    const other = await visibleRelationEntity(deps, principal, otherType, otherKey, otherStatuses);
    if (!other) continue;
    views.push(
      listing.fixedEnd === 'source'
        ? { relation, source: fixed, target: other }
        : { relation, source: other, target: fixed },
    );
  }
  return { items: views.slice(window.start, window.start + window.limit), total: views.length };
}
