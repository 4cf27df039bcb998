import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkPropertyKey, checkPropertyValue } from '../../domain/property.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type ContentTarget, requireContentOfType } from '../content/require-content-of-type.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import type { ContentProperty } from './content-property.ts';
import { insertNewProperty } from './property-writes.ts';

export interface NewContentPropertyInput {
  key: unknown;
  value: unknown;
}

/**
 * `POST /rest/api/content/{id}/property[/{key}]` and v2's `POST …/properties`: version 1 of a new
 * property. An existing key is a 400 and a value over the limit a 413, as both specs document.
 */
export async function createContentProperty(
  deps: ServiceDeps,
  principal: Principal,
  target: ContentTarget,
  input: NewContentPropertyInput,
): Promise<ContentProperty> {
  const authorId = requireWriter(principal);
  const key = checkPropertyKey(input.key);
  const value = checkPropertyValue(input.value);
  const content = await requireContentOfType(deps, principal, target);
  await requireRight(deps, principal, content, 'update');
  return deps.store.transaction(async (repositories) => {
    const owner = { contentId: content.id };
    const property = await insertNewProperty(
      repositories.properties,
      owner,
      { key, value, authorId, updatedAtMs: deps.clock.nowMs() },
      () => badRequest(`A property with key '${key}' already exists on content ${content.id}`, { key }),
    );
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: 'Content property created',
      content,
      changes: [{ name: `Property ${key}`, before: undefined, after: property.value }],
    });
    return { content, property };
  });
}
