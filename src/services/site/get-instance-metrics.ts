import type { ContentType } from '../../domain/content.ts';
import type { Principal } from '../../domain/principal.ts';
import type { InstanceMetrics } from '../../domain/site.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

const one = { start: 0, limit: 1 };

/** `GET /rest/api/instance-metrics`: counts of what the site holds now; administrators only. */
export async function getInstanceMetrics(deps: ServiceDeps, principal: Principal): Promise<InstanceMetrics> {
  requireAdministrator(principal);
  // Current items only: the trash, drafts and old versions are not the site's content.
  const current = async (type: ContentType) =>
    (await deps.store.content.list({ types: [type], statuses: ['current'], trashedWithContainer: true }, one))
      .total;
  const [pages, blogPosts, comments, attachments, spaces, users] = await Promise.all([
    current('page'),
    current('blogpost'),
    current('comment'),
    current('attachment'),
    deps.store.spaces.list({}, one).then((slice) => slice.total),
    deps.store.users.list(one, { activeOnly: true }).then((slice) => slice.total),
  ]);
  return { pages, blogPosts, comments, attachments, spaces, users };
}
