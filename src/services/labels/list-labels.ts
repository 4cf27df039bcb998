import type { Label } from '../../domain/label.ts';
import type { KeysetSlice, KeysetWindow } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { LabelSort } from '../../ports/label-store.ts';
import type { ServiceDeps } from '../deps.ts';

export interface LabelQuery {
  ids?: readonly number[];
  prefixes?: readonly string[];
}

/**
 * `GET /wiki/api/v2/labels`: the site's labels. A label is a bare name shared by all content, so listing
 * them shows nothing about content the caller cannot see.
 */
export async function listLabels(
  deps: ServiceDeps,
  _principal: Principal,
  query: LabelQuery,
  window: KeysetWindow<LabelSort>,
): Promise<KeysetSlice<Label>> {
  return deps.store.labels.list(query, window);
}
