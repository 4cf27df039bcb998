import { Type } from 'typebox';
import { QueryValue } from '../common/schemas.ts';

/**
 * A form of the web interface: urlencoded fields, each once or repeated (a multi-select sends one per
 * row), plus the session's CSRF token. Routes read a single value with `singleField`.
 */
export const formOf = <Names extends string>(...names: readonly Names[]) =>
  Type.Object({
    csrf: QueryValue,
    ...(Object.fromEntries(names.map((name) => [name, QueryValue])) as Record<Names, typeof QueryValue>),
  });

/** A screen's query: the named parameters, others ignored. */
export { queryOf as screenQueryOf } from '../common/schemas.ts';
