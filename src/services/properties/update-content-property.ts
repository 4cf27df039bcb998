import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import {
  checkPropertyKey,
  checkPropertyValue,
  propertyVersionNotesOf,
  propertyVersionNumberOf,
} from '../../domain/property.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import {
  type ContentProperty,
  type PropertySelector,
  requireContentProperty,
  missingContentProperty as requireContentPropertyError,
} from './content-property.ts';
import { reviseProperty } from './property-writes.ts';

export interface ContentPropertyUpdateInput {
  /** When sent it must be the property's own key (keys cannot be renamed). */
  key?: unknown;
  value: unknown;
  /** `{ number }`: the current version plus one. */
  version: unknown;
}

/**
 * `PUT /rest/api/content/{id}/property/{key}` and v2's `PUT …/properties/{property-id}`: the new version
 * must be the current one plus one, else 409. On v1, version 1 of a key that does not exist creates it,
 * as both v1 specs document; v2 addresses an existing property by id, so it never creates.
 */
export async function updateContentProperty(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  selector: PropertySelector,
  input: ContentPropertyUpdateInput,
): Promise<ContentProperty> {
  const authorId = requireWriter(principal);
  if ('key' in selector) checkPropertyKey(selector.key);
  const versionNumber = propertyVersionNumberOf(input.version);
  const notes = propertyVersionNotesOf(input.version);
  const value = checkPropertyValue(input.value);
  const content = await requireContentOfType(deps, principal, target);
  await requireRight(deps, principal, content, 'update');

  return deps.store.transaction(async (repositories) => {
    const owner = { contentId: content.id };
    const nowMs = deps.clock.nowMs();
    const existing =
      'key' in selector
        ? await repositories.properties.find(owner, selector.key)
        : await requireContentProperty(repositories.properties, content, selector);
    const key = existing?.key ?? ('key' in selector ? selector.key : '');
    if (input.key !== undefined && input.key !== key) {
      throw badRequest(
        `The property key in the body (${String(input.key)}) differs from the property's (${key})`,
        {
          field: 'key',
        },
      );
    }
    const property = await reviseProperty(
      repositories.properties,
      owner,
      existing,
      { key, value, versionNumber, notes, authorId, updatedAtMs: nowMs },
      () => requireContentPropertyError(content, selector),
    );
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: existing ? 'Content property updated' : 'Content property created',
      content,
      changes: [
        { name: `Property ${key}`, before: existing?.value, after: property.value },
        { name: `Property ${key} version`, before: existing?.versionNumber, after: property.versionNumber },
      ],
    });
    return { content, property };
  });
}
