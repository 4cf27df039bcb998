import { Type } from 'typebox';
import { v1QueryOf } from './common.ts';

const name = { relationName: Type.String(), sourceType: Type.String(), targetType: Type.String() };
export const RelationParams = Type.Object({ ...name, sourceKey: Type.String(), targetKey: Type.String() });
export const FromSourceParams = Type.Object({ ...name, sourceKey: Type.String() });
export const ToTargetParams = Type.Object({ ...name, targetKey: Type.String() });
export const RelationQuery = v1QueryOf(
  'start',
  'limit',
  'expand',
  'sourceStatus',
  'targetStatus',
  'sourceVersion',
  'targetVersion',
);
