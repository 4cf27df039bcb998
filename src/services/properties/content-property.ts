import type { Content } from '../../domain/content.ts';
import { notFound } from '../../domain/errors.ts';
import type { Property } from '../../domain/property.ts';
import type { PropertiesRepository } from '../../ports/task-and-property-store.ts';

/** A property with the content it belongs to (presenters link to both). */
export interface ContentProperty {
  content: Content;
  property: Property;
}

/** v1 addresses a property by key; v2 by id. */
export type PropertySelector = { key: string } | { id: number };

export async function requireContentProperty(
  properties: PropertiesRepository,
  content: Content,
  selector: PropertySelector,
): Promise<Property> {
  const property =
    'key' in selector
      ? await properties.find({ contentId: content.id }, selector.key)
      : await properties.findById(selector.id);
  const owned = property && 'contentId' in property.owner && property.owner.contentId === content.id;
  if (!property || !owned) throw missingContentProperty(content, selector);
  return property;
}

export function missingContentProperty(content: Content, selector: PropertySelector) {
  const name = 'key' in selector ? `key '${selector.key}'` : `id ${selector.id}`;
  return notFound(`No property with ${name} found on content ${content.id}`, { contentId: content.id });
}
