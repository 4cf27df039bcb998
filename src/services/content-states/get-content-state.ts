import type { VersionState } from '../../domain/content-state.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ServiceDeps } from '../deps.ts';
import { type ReadableStateStatus, requireStateContent } from './content-state-target.ts';

/** The state of the content's current version (or its draft's, or its archived one's); none when unset. */
export async function getContentState(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  status: ReadableStateStatus,
): Promise<VersionState | undefined> {
  const content = await requireStateContent(deps, principal, id, [status]);
  return deps.store.contentStates.ofVersion(content.id, content.version.number);
}
