import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { findStorageMacro, type MacroInstance } from '../../domain/storage-macros.ts';
import type { ServiceDeps } from '../deps.ts';
import { getVersion } from './content-versions.ts';

/**
 * `GET /content/{id}/history/{version}/macro/id/{macroId}` (and `…/hash/{hash}`): the macro as that version
 * of the content stored it. As the specs ask, missing content, content the caller may not view, and no
 * such macro in that version all answer 404.
 */
export async function getMacro(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  versionNumber: number,
  idOrHash: string,
): Promise<MacroInstance> {
  const { version } = await getVersion(deps, principal, id, versionNumber);
  const storage = version.body?.representation === 'storage' ? version.body.value : '';
  const macro = findStorageMacro(storage, idOrHash);
  if (!macro) {
    throw notFound(`No macro '${idOrHash}' in version ${versionNumber} of content ${id}`, {
      contentId: id,
      version: versionNumber,
    });
  }
  return macro;
}
