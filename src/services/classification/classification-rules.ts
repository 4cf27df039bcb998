import type { ClassificationLevel } from '../../domain/classification.ts';
import type { Content, ContentStatus } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ClassificationsRepository } from '../../ports/classification-store.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';

/** A content's level is written for its current or its draft version, as the spec's bodies say. */
export const writableStatuses: readonly ContentStatus[] = ['current', 'draft'];

/** The level a write names: it must exist and be published (draft and archived levels are not applied). */
export const levelIdRule = 'id is required: the id of a classification level';
export const statusRuleOf = (allowed: readonly ContentStatus[]) =>
  `status must be one of ${allowed.join(', ')}`;

export async function requirePublishedLevel(
  classifications: ClassificationsRepository,
  rawId: unknown,
): Promise<ClassificationLevel> {
  if (typeof rawId !== 'string' || rawId === '') {
    throw badRequest(levelIdRule, { field: 'id' });
  }
  const level = await classifications.findLevel(rawId);
  if (!level) throw badRequest(`No classification level with id '${rawId}'`, { field: 'id' });
  if (level.status !== 'PUBLISHED') {
    throw badRequest(`Classification level '${level.name}' is ${level.status.toLowerCase()}, not published`, {
      field: 'id',
    });
  }
  return level;
}

/**
 * The content a classification call names, in the status it names (`current`, `draft`, or on reads
 * `archived`): content in another status is not the one meant, so it answers 404 like missing content.
 */
export async function requireClassifiedContent(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  rawStatus: unknown,
  allowed: readonly ContentStatus[],
): Promise<Content> {
  const status = allowed.find((candidate) => candidate === rawStatus);
  if (!status) throw badRequest(statusRuleOf(allowed), { field: 'status' });
  return requireContentOfType(deps, principal, target, [status]);
}

/** A level's name for the audit log; a level removed from the table since reads as its id. */
export async function levelNameOf(classifications: ClassificationsRepository, id: string | undefined) {
  if (id === undefined) return undefined;
  return (await classifications.findLevel(id))?.name ?? id;
}
