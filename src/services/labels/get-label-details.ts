import type { Content, ContentType } from '../../domain/content.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import { type Label, labelOfQualifiedName } from '../../domain/label.ts';
import type { Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { viewerOf } from '../permissions/policy.ts';

// Cloud's LabeledContentType; Tributary has no page templates, so asking for them finds none.
const labelledTypes = ['page', 'blogpost', 'attachment', 'page_template'] as const;

/**
 * Cloud v1 `GET /label?name=`: the label and the current content carrying it that the caller may see
 * (`my:name` names a personal label; content shows its labels to whoever may see it, as elsewhere).
 */
export async function getLabelDetails(
  deps: ServiceDeps,
  principal: Principal,
  rawName: string | undefined,
  rawType: string | undefined,
  window: Window,
): Promise<{ label: Label; contents: Slice<Content> }> {
  if (rawName === undefined || rawName.trim() === '') throw badRequest('name is required', { field: 'name' });
  const type = labelledTypes.find((candidate) => candidate === rawType);
  if (rawType !== undefined && rawType !== '' && !type) {
    throw badRequest(`type must be one of ${labelledTypes.join(', ')}, not '${rawType}'`, { field: 'type' });
  }
  const { prefix, name } = labelOfQualifiedName(rawName);
  const label = await deps.store.labels.find(prefix, name);
  if (!label) throw notFound(`No label found with name ${rawName}`, { name: rawName });
  if (type === 'page_template') return { label, contents: { items: [], total: 0 } };
  const viewer = await viewerOf(deps, principal);
  const types: ContentType[] = type ? [type] : ['page', 'blogpost', 'attachment'];
  const contents = await deps.store.content.list(
    { labelId: label.id, viewer, statuses: ['current'], types },
    window,
  );
  return { label, contents };
}
