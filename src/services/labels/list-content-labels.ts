import type { Content } from '../../domain/content.ts';
import type { Label } from '../../domain/label.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { LabelSort } from '../../ports/label-store.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';

export interface ContentLabelFilter {
  prefix?: string | undefined;
}

const filterOf = (filter: ContentLabelFilter) => (filter.prefix ? { prefixes: [filter.prefix] } : {});

/** `GET /rest/api/content/{id}/label`: by name, offset paging. */
export async function listContentLabels(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  filter: ContentLabelFilter,
  window: Window,
): Promise<{ content: Content; labels: Slice<Label> }> {
  const content = await requireContentOfType(deps, principal, target);
  return { content, labels: await deps.store.labels.listOnContent(content.id, filterOf(filter), window) };
}

/** `GET /wiki/api/v2/pages/{id}/labels` and the blog post one: keyset paging. */
export async function listContentLabelsByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  filter: ContentLabelFilter,
  window: KeysetWindow<LabelSort>,
): Promise<KeysetSlice<Label>> {
  const content = await requireContentOfType(deps, principal, target);
  return deps.store.labels.listOnContentKeyset(content.id, filterOf(filter), window);
}
