import type { Principal } from '../../domain/principal.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ContentProperty, type PropertySelector, requireContentProperty } from './content-property.ts';

/** `GET /rest/api/content/{id}/property/{key}` and v2's `…/properties/{property-id}`. */
export async function getContentProperty(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  selector: PropertySelector,
): Promise<ContentProperty> {
  const content = await requireContentOfType(deps, principal, target);
  return { content, property: await requireContentProperty(deps.store.properties, content, selector) };
}
