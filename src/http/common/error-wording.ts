import type { ErrorCode, ErrorParams } from '../../domain/errors.ts';

/** How one surface words the codes whose text its clients show or match; others keep the domain's. */
export type Wording = { readonly [Code in ErrorCode]?: (params: ErrorParams[Code]) => string };

/** The surface's words for a code with these parameters; undefined where it keeps the domain's message. */
export function wordedBy<Code extends ErrorCode>(
  wording: Wording,
  code: Code,
  params: ErrorParams[Code],
): string | undefined {
  const word = wording[code] as ((params: ErrorParams[Code]) => string) | undefined;
  return word?.(params);
}
