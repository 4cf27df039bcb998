import type { Space } from '../../../domain/content.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';

export type SpaceDescriptionFormat = 'plain' | 'view';

export interface V2SpaceOptions {
  /** The creator's account id (`authorId`); left out when the creator is unknown or deleted. */
  authorAccountId?: string | undefined;
  /** `description-format`: the description is shown only in the format asked for. */
  descriptionFormat?: SpaceDescriptionFormat | undefined;
  includeIcon?: boolean;
  /** A single space (`GET /spaces/{id}`) names the site's base in its `_links`. */
  root?: boolean;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `SpaceBulk` / `SpaceSingle` of the v2 spec: ids are strings here, unlike v1's numeric space id. */
export function presentV2Space(space: Space, surface: Surface, options: V2SpaceOptions = {}) {
  const format = options.descriptionFormat;
  return {
    id: String(space.id),
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    ...(options.authorAccountId !== undefined && {
      authorId: options.authorAccountId,
      spaceOwnerId: options.authorAccountId,
    }),
    createdAt: isoOf(space.createdAtMs),
    ...(space.homepageId !== null && { homepageId: String(space.homepageId) }),
    ...(format && {
      description: {
        [format]: {
          representation: format,
          value: format === 'plain' ? space.description : escapeHtml(space.description),
        },
      },
    }),
    ...(options.includeIcon && { icon: { path: `${surface.context}/images/logo/default-space-logo.svg` } }),
    _links: { webui: `/spaces/${space.key}`, ...(options.root && { base: surface.base }) },
  };
}

/** `DataPolicySpace`: a space and whether its content is blocked for the calling app. */
export function presentV2DataPolicySpace(space: Space, anyContentBlocked: boolean) {
  return {
    id: String(space.id),
    key: space.key,
    name: space.name,
    description: { plain: { representation: 'plain', value: space.description } },
    dataPolicy: { anyContentBlocked },
    _links: { webui: `/spaces/${space.key}` },
  };
}
