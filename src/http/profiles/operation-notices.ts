import { operationKey } from '../common/operation-key.ts';
import { cloudV1Replacements, type Replacement } from './cloud-v1-replacements.ts';
import { cloudV1DeprecatedOperations, cloudV1RemovedOperations } from './spec-tables.ts';

/** What Cloud says of a v1 operation a client called: removed (410 in the `cloud` profile) or deprecated. */
export interface OperationNotice {
  readonly kind: 'removed' | 'deprecated';
  /** The operation as the Cloud v1 document writes it, e.g. `GET /wiki/rest/api/content/{id}`. */
  readonly operation: string;
  /** The operation to call instead, where Atlassian names one. */
  readonly replacement?: Replacement;
  /** Where the verdict comes from (docs/profiles.md). */
  readonly source: string;
}

const removedSource =
  'in the Cloud v1 document of 2021-11, not in that of 2026-07 (test/spec/confluence-cloud-v1.*.swagger.v3.json)';
const deprecatedSource = 'deprecated: true in the Cloud v1 document of 2026-07';

const notices = new Map<string, OperationNotice>();
for (const [operations, kind, source] of [
  [cloudV1RemovedOperations, 'removed', removedSource],
  [cloudV1DeprecatedOperations, 'deprecated', deprecatedSource],
] as const) {
  for (const operation of operations) {
    const [method = '', template = ''] = operation.split(' ');
    const replacement = cloudV1Replacements[operation];
    notices.set(operationKey(method, template), {
      kind,
      operation,
      source,
      ...(replacement && { replacement }),
    });
  }
}

// Route patterns are few (a few hundred): each is worked out once and then found by one map lookup.
const byRoute = new Map<string, OperationNotice | null>();
const maxRoutesRemembered = 10_000;

/**
 * The notice for a request, from its method and the router's matched pattern (`request.routeOptions.url`,
 * e.g. `/wiki/rest/api/content/:id`, under the context path), or undefined for an operation Cloud still
 * lists. Cheap enough for every request. Only Cloud's paths (under `/wiki`) have notices: the same
 * operation on Data Center's `/rest/api` is current there.
 */
export function cloudOperationNotice(
  method: string,
  routeUrl: string,
  contextPath = '',
): OperationNotice | undefined {
  const cacheKey = `${method} ${routeUrl}`;
  const known = byRoute.get(cacheKey);
  if (known !== undefined) return known ?? undefined;
  const template = routeUrl.startsWith(contextPath) ? routeUrl.slice(contextPath.length) : routeUrl;
  // A HEAD is the GET without its body, and was removed with it.
  const found = notices.get(operationKey(method === 'HEAD' ? 'GET' : method, template)) ?? null;
  if (byRoute.size < maxRoutesRemembered) byRoute.set(cacheKey, found);
  return found ?? undefined;
}
