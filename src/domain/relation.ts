import { badRequest } from './errors.ts';

/** What a relation joins: Cloud's `RelationData` entity types. */
export const relationEntityTypes = ['user', 'content', 'space'] as const;
export type RelationEntityType = (typeof relationEntityTypes)[number];

/**
 * A named, directed relation between two entities (`favourite` from a user to a content item or a space).
 * Keys are as the wire names them: a user's account id, a content id, a space key.
 */
export interface RelationKey {
  name: string;
  sourceType: RelationEntityType;
  sourceKey: string;
  targetType: RelationEntityType;
  targetKey: string;
}

export interface Relation extends RelationKey {
  creatorId: number | null;
  createdAtMs: number;
}

export function relationEntityTypeOf(raw: string, field: string): RelationEntityType {
  const found = relationEntityTypes.find((type) => type === raw);
  if (!found) throw badRequest(`${field} must be one of ${relationEntityTypes.join(', ')}`, { field });
  return found;
}

/** Relation names are plain words (`favourite`, `touched`): letters, digits, `-` and `_`, up to 255. */
export function relationNameOf(raw: string): string {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(raw)) {
    throw badRequest('A relation name is 1 to 255 letters, digits, - or _', { field: 'relationName' });
  }
  return raw;
}
