import { Type } from 'typebox';
import { PagedQuery, v1QueryOf } from './common.ts';

export { PagedQuery };

export const LongTaskParams = Type.Object({ id: Type.String() });
export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const ContentIdParams = Type.Object({ contentId: Type.String() });

/** Cloud's content analytics: views and viewers since `fromDate`. */
export const AnalyticsQuery = v1QueryOf('fromDate');
