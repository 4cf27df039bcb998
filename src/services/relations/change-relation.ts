import { forbidden, notFound } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import {
  type Relation,
  type RelationKey,
  relationEntityTypeOf,
  relationNameOf,
} from '../../domain/relation.ts';
import type { ServiceDeps } from '../deps.ts';
import { canAdministerSpace } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { type RelationEntity, relationStatusesOf, requireRelationEntity } from './relation-entities.ts';

/** A relation as a path names it, before its ends are found. */
export interface RelationPath {
  name: string;
  sourceType: string;
  sourceKey: string;
  targetType: string;
  targetKey: string;
  sourceStatus?: string;
  targetStatus?: string;
}

export interface RelationView {
  relation: Relation;
  source: RelationEntity;
  target: RelationEntity;
}

/** Both ends of the path, found and visible; the key the relation is stored under. */
export async function resolveRelationPath(
  deps: ServiceDeps,
  principal: Principal,
  path: RelationPath,
): Promise<{ key: RelationKey; source: RelationEntity; target: RelationEntity }> {
  const name = relationNameOf(path.name);
  const sourceType = relationEntityTypeOf(path.sourceType, 'sourceType');
  const targetType = relationEntityTypeOf(path.targetType, 'targetType');
  const sourceStatuses = relationStatusesOf(path.sourceStatus, 'sourceStatus');
  const targetStatuses = relationStatusesOf(path.targetStatus, 'targetStatus');
  const source = await requireRelationEntity(deps, principal, sourceType, path.sourceKey, sourceStatuses);
  const target = await requireRelationEntity(deps, principal, targetType, path.targetKey, targetStatuses);
  if (name === 'favourite' && (sourceType !== 'user' || targetType === 'user')) {
    throw forbidden("A 'favourite' goes from a user to content or a space");
  }
  return {
    key: { name, sourceType, sourceKey: source.key, targetType, targetKey: target.key },
    source,
    target,
  };
}

/**
 * A relation from a user is that user's own: only they, or an administrator, make or break it. For a
 * favourite, a space administrator of the favourite space or content may break it too (Cloud v1 spec).
 */
async function requireMayChange(
  deps: ServiceDeps,
  principal: Principal,
  key: RelationKey,
  target: RelationEntity,
  removing: boolean,
) {
  requireWriter(principal);
  if (key.sourceType !== 'user' || isAdministrator(principal)) return;
  if (principal.kind === 'user' && principal.user.accountId === key.sourceKey) return;
  if (removing && key.name === 'favourite') {
    const spaceId =
      target.type === 'space' ? target.space.id : target.type === 'content' ? target.content.spaceId : null;
    const space = spaceId === null ? undefined : await deps.store.spaces.findById(spaceId);
    if (space && (await canAdministerSpace(deps, principal, space))) return;
  }
  throw forbidden("Only the user, or an administrator, may change another user's relations");
}

/** `PUT /relation/...`: makes the relation (once; making it again changes nothing). */
export async function createRelation(
  deps: ServiceDeps,
  principal: Principal,
  path: RelationPath,
): Promise<RelationView> {
  const { key, source, target } = await resolveRelationPath(deps, principal, path);
  await requireMayChange(deps, principal, key, target, false);
  const creatorId = principal.kind === 'user' ? principal.user.id : null;
  const relation = await deps.store.transaction(async (repositories) => {
    await repositories.relations.add(key, creatorId, deps.clock.nowMs());
    return repositories.relations.find(key);
  });
  if (!relation) throw notFound('The relation was removed meanwhile');
  return { relation, source, target };
}

/** `DELETE /relation/...`: breaks the relation; one that does not exist is a 404. */
export async function deleteRelation(deps: ServiceDeps, principal: Principal, path: RelationPath) {
  const { key, target } = await resolveRelationPath(deps, principal, path);
  await requireMayChange(deps, principal, key, target, true);
  const removed = await deps.store.transaction((repositories) => repositories.relations.remove(key));
  if (!removed) throw notFound(`No '${key.name}' relation between these entities`);
}

/** `GET /relation/.../to/{targetType}/{targetKey}`: the relation, or 404 when there is none. */
export async function getRelation(
  deps: ServiceDeps,
  principal: Principal,
  path: RelationPath,
): Promise<RelationView> {
  const { key, source, target } = await resolveRelationPath(deps, principal, path);
  const relation = await deps.store.relations.find(key);
  if (!relation) throw notFound(`No '${key.name}' relation between these entities`);
  return { relation, source, target };
}
