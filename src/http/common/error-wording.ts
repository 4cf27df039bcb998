import type { ErrorCode, ErrorParams } from '../../domain/errors.ts';

/** How one surface words the codes whose text its clients show or match; others keep the domain's. */
export type Wording = { readonly [Code in ErrorCode]?: (params: ErrorParams[Code]) => string };
