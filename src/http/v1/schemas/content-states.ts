import { Type } from 'typebox';
import { Maybe, OptionalBody, v1QueryOf } from './common.ts';

export const SpaceKeyParams = Type.Object({ spaceKey: Type.String() });
export const ContentIdParams = Type.Object({ id: Type.String() });
export const StateContentQuery = v1QueryOf('start', 'limit', 'state-id', 'expand');
/** Which of the content's versions (`current`, `draft`) the state is of. */
export const StateQuery = v1QueryOf('status');
/** `ContentStateRestInput`: an existing state by `id`, or a custom one by `name` and `color`. */
export const StateBody = OptionalBody(
  Type.Object({
    id: Maybe(Type.Integer()),
    name: Maybe(Type.String()),
    color: Maybe(Type.String()),
  }),
);
