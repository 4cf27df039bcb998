import type { User } from '../../../domain/user.ts';
import type { RelationView } from '../../../services/relations/change-relation.ts';
import type { Surface } from '../../common/surface.ts';
import { friendlyWhen, isoOf } from '../../common/time.ts';
import { presentV1User } from './user.ts';

export interface RelationExpansions {
  relationData: boolean;
  /** The rendered ends, when `expand` asks for them. */
  source?: unknown;
  target?: unknown;
  /** Who made the relation, for `relationData`. */
  creator?: User | undefined;
}

/** The path a relation is read back at. */
const pathOf = ({ relation }: RelationView) =>
  `/rest/api/relation/${encodeURIComponent(relation.name)}/from/${relation.sourceType}/${encodeURIComponent(relation.sourceKey)}/to/${relation.targetType}/${encodeURIComponent(relation.targetKey)}`;

/** `Relation`: its name always; `relationData`, `source` and `target` when expanded. */
export function presentV1Relation(
  view: RelationView,
  surface: Surface,
  expanded: RelationExpansions,
  nowMs: number,
) {
  const { relation } = view;
  const expandable = {
    ...(!expanded.relationData && { relationData: '' }),
    ...(expanded.source === undefined && { source: '' }),
    ...(expanded.target === undefined && { target: '' }),
  };
  return {
    name: relation.name,
    ...(expanded.relationData && {
      relationData: {
        ...(expanded.creator && { createdBy: presentV1User(expanded.creator, surface) }),
        createdDate: isoOf(relation.createdAtMs),
        friendlyCreatedDate: friendlyWhen(relation.createdAtMs, nowMs),
      },
    }),
    ...(expanded.source !== undefined && { source: expanded.source }),
    ...(expanded.target !== undefined && { target: expanded.target }),
    _expandable: expandable,
    _links: { self: `${surface.base}${pathOf(view)}` },
  };
}
