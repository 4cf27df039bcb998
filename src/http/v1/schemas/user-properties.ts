import { Type } from 'typebox';
import { v1QueryOf } from './common.ts';

export const UserParams = Type.Object({ userId: Type.String() });
export const UserPropertyParams = Type.Object({ userId: Type.String(), key: Type.String() });
export const PagedQuery = v1QueryOf('start', 'limit');
