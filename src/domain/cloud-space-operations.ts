import { badRequest } from './errors.ts';
import type { SpaceOperation } from './permissions.ts';

/** A space permission as Cloud v1 names it (`SpacePermissionV2.operation`). */
export interface CloudOperation {
  key: string;
  target: string;
}

// Cloud calls Delete Own `delete` on `space`, and restrictions `restrict_content`; it has no mail.
const cloudKeys: Partial<Record<SpaceOperation, CloudOperation>> = {
  'space:restrict': { key: 'restrict_content', target: 'space' },
  'space:delete_own': { key: 'delete', target: 'space' },
};

/** The Cloud form of a space operation; undefined for the one Cloud has no word for (`delete_mail`). */
export function cloudOperationOf(operation: SpaceOperation): CloudOperation | undefined {
  if (operation === 'space:delete_mail') return undefined;
  const named = cloudKeys[operation];
  if (named) return named;
  const [target = '', key = ''] = operation.split(':');
  return { key, target };
}

/** `{key, target}` from a Cloud request as a space operation, or a 400 naming what was sent. */
export function spaceOperationOfCloud(
  given: Partial<CloudOperation> = {},
  allowed: readonly SpaceOperation[],
): SpaceOperation {
  const found = allowed.find((operation) => {
    const cloud = cloudOperationOf(operation);
    return cloud !== undefined && cloud.key === given.key && cloud.target === given.target;
  });
  if (!found) {
    throw badRequest(
      `Unsupported space permission: key '${given.key ?? ''}', target '${given.target ?? ''}'`,
      { field: 'operation' },
    );
  }
  return found;
}
