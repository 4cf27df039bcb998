import type { Group } from '../../../domain/user.ts';
import type { Surface } from '../../common/surface.ts';

export function presentV1Group(group: Group, surface: Surface) {
  return {
    type: 'group',
    name: group.name,
    ...(surface.cloud && { id: String(group.id) }),
    _links: { self: `${surface.base}/rest/api/group/${encodeURIComponent(group.name)}` },
  };
}
