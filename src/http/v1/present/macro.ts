import type { MacroInstance } from '../../../domain/storage-macros.ts';
import type { Surface } from '../../common/surface.ts';

/** A `MacroInstance` (both specs); Cloud's carries `_links`. */
export function presentV1Macro(macro: MacroInstance, surface: Surface, selfPath: string) {
  return {
    name: macro.name,
    body: macro.body,
    parameters: macro.parameters,
    ...(surface.cloud && {
      _links: { base: surface.base, context: surface.context, self: surface.base + selfPath },
    }),
  };
}
