import { Type } from 'typebox';
import { Maybe, OptionalBody } from './common.ts';

export const UserParams = Type.Object({ userId: Type.String() });
export const UserPropertyParams = Type.Object({ userId: Type.String(), key: Type.String() });

/** `{"value": {…}}`: the value a JSON object; its being empty is the use case's to refuse. */
export const UserPropertyBody = OptionalBody(
  Type.Object({ value: Maybe(Type.Record(Type.String(), Type.Unknown())) }),
);
