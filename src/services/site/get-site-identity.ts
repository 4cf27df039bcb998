import type { SiteIdentity } from '../../domain/site.ts';
import type { ServiceDeps } from '../deps.ts';

/** Cloud `GET /settings/systemInfo`: any caller who may use the site may read which site it is. */
export function getSiteIdentity(deps: ServiceDeps): Promise<SiteIdentity> {
  return deps.store.site.identity();
}
