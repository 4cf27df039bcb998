import type { Content } from '../../domain/content.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
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
  if (!property || !owned) {
    const name = 'key' in selector ? `key '${selector.key}'` : `id ${selector.id}`;
    throw notFound(`No property with ${name} found on content ${content.id}`, { contentId: content.id });
  }
  return property;
}

/** `version: {number}`: the new version, which must be the stored one plus one. */
export function versionNumberOf(raw: unknown): number {
  const number = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).number : undefined;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw badRequest('version.number is required: the current version number plus one', { field: 'version' });
  }
  return number;
}
