import type { Content, Space } from '../../domain/content.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Property, PropertyOwner } from '../../domain/property.ts';
import type { PropertiesRepository } from '../../ports/task-and-property-store.ts';
import type { AuditEntry } from '../audit/record-audit.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireSpaceAdmin, requireVisibleSpace, type SpaceRef } from '../permissions/space-access.ts';

/** Whose properties a request names: a content item (by id, of a type on v2) or a space (v1 by key, v2 by id). */
export type PropertyOwnerRef = { content: ContentTarget } | { space: SpaceRef };

/** The owner found and visible to the caller; presenters link to it. */
export type FoundOwner = { content: Content } | { space: Space };

/** A property with the content or space it belongs to. */
export interface OwnedProperty {
  owner: FoundOwner;
  property: Property;
}

/** v1 addresses a property by key; v2 by id. */
export type PropertySelector = { key: string } | { id: number };

/**
 * The owner, when the caller sees it (404 otherwise, as if it did not exist); to write, also the right to
 * change it: updating the content, or administering the space (Data Center's rule for space properties).
 */
export async function requirePropertyOwner(
  deps: ServiceDeps,
  principal: Principal,
  ref: PropertyOwnerRef,
  access: 'read' | 'write',
): Promise<FoundOwner> {
  if ('space' in ref) {
    const space =
      access === 'write'
        ? await requireSpaceAdmin(deps, principal, ref.space)
        : await requireVisibleSpace(deps, principal, ref.space);
    return { space };
  }
  const content = await requireContentOfType(deps, principal, ref.content);
  if (access === 'write') await requireRight(deps, principal, content, 'update');
  return { content };
}

/** The store's key for the owner's properties. */
export function storeOwnerOf(owner: FoundOwner): PropertyOwner {
  return 'space' in owner ? { spaceId: owner.space.id } : { contentId: owner.content.id };
}

/** A property of `owner`, by key or id; one of another owner is as missing as none. */
export async function requireOwnedProperty(
  properties: PropertiesRepository,
  owner: FoundOwner,
  selector: PropertySelector,
): Promise<Property> {
  const storeOwner = storeOwnerOf(owner);
  const property =
    'key' in selector
      ? await properties.find(storeOwner, selector.key)
      : await properties.findById(selector.id);
  if (!property || !sameOwner(property.owner, storeOwner)) throw missingProperty(owner, selector);
  return property;
}

function sameOwner(a: PropertyOwner, b: PropertyOwner): boolean {
  return 'spaceId' in a
    ? 'spaceId' in b && a.spaceId === b.spaceId
    : 'contentId' in b && a.contentId === b.contentId;
}

export function missingProperty(owner: FoundOwner, selector: PropertySelector) {
  const name = 'key' in selector ? `key '${selector.key}'` : `id ${selector.id}`;
  if ('space' in owner) {
    const { space } = owner;
    return notFound(`No property with ${name} found in space ${space.key}`, {
      spaceKey: space.key,
      ...selector,
    });
  }
  const { content } = owner;
  return notFound(`No property with ${name} found on content ${content.id}`, { contentId: content.id });
}

export function duplicateProperty(owner: FoundOwner, key: string) {
  const where = 'space' in owner ? `in space ${owner.space.key}` : `on content ${owner.content.id}`;
  return badRequest(`A property with key '${key}' already exists ${where}`, { key });
}

/** The audit record's category, summary (`Content property created`) and subject, for the owner. */
export function propertyAudit(
  owner: FoundOwner,
  verb: 'created' | 'updated' | 'deleted',
): Pick<AuditEntry, 'category' | 'summary' | 'space' | 'content'> {
  return 'space' in owner
    ? { category: 'Spaces', summary: `Space property ${verb}`, space: owner.space }
    : { category: 'Content', summary: `Content property ${verb}`, content: owner.content };
}
