import type { ContentStatus } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';

/**
 * `status` as the state paths take it: one of `allowed`, `fallback` when absent. A repeated `status` names
 * no one version and is refused like an unknown one.
 */
export function stateStatusOf<S extends ContentStatus>(
  value: string | readonly string[] | undefined,
  allowed: readonly S[],
  fallback: S | undefined,
): S {
  const status = value === undefined ? fallback : allowed.find((candidate) => candidate === value);
  if (status === undefined)
    throw badRequest(`status must be one of ${allowed.join(', ')}`, { field: 'status' });
  return status;
}
