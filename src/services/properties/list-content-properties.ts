import type { Content } from '../../domain/content.ts';
import type { KeysetSlice, KeysetWindow, Slice, Window } from '../../domain/paging.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property } from '../../domain/property.ts';
import type { PropertyFilter, PropertySort } from '../../ports/task-and-property-store.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';

/** `GET /rest/api/content/{id}/property`: by key, offset paging, optionally only some keys. */
export async function listContentProperties(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  filter: PropertyFilter,
  window: Window,
): Promise<{ content: Content; properties: Slice<Property> }> {
  const content = await requireContentOfType(deps, principal, target);
  return { content, properties: await deps.store.properties.list({ contentId: content.id }, filter, window) };
}

/** `GET /wiki/api/v2/pages/{page-id}/properties` and the blog post one: keyset paging. */
export async function listContentPropertiesByKeyset(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  filter: PropertyFilter,
  window: KeysetWindow<PropertySort>,
): Promise<KeysetSlice<Property>> {
  const content = await requireContentOfType(deps, principal, target);
  return deps.store.properties.listKeyset({ contentId: content.id }, filter, window);
}
