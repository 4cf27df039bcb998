import type { CqlOperator } from './ast.ts';
import { type DateFunctionName, dateFunctionNames } from './dates.ts';

/**
 * The fields and functions CQL knows (reference/cql.md §2 and §3) plus Tributary's documented attachment
 * extensions. The validator checks queries against these tables; the SQL compiler reads them to know each
 * field's type. `user`, `user.fullname` and `user.accountid` are a table apart: Cloud accepts them only on
 * `/rest/api/search/user`, and refuses them on the other searches.
 */

/**
 * How a field's values are compared. `text`: full-text (`~`) and, for `title`/`filename`, exact `=`;
 * `string`: exact, case-insensitive names (labels, keys, macros); `type`: one of a fixed vocabulary;
 * `space`: a space key; `user`: a user key, account id or username; `content`: a content id, `123` or
 * `att123`; `date`: a date literal or date function; `number`: a whole number.
 */
export type CqlFieldType = 'text' | 'string' | 'type' | 'space' | 'user' | 'content' | 'date' | 'number';

export const cqlFunctionNames = [
  'currentUser',
  ...dateFunctionNames,
  'currentSpace',
  'favouriteSpaces',
  'recentlyViewedContent',
  'recentlyViewedSpaces',
] as const;
export type CqlFunctionName = (typeof cqlFunctionNames)[number];

export interface CqlFieldDefinition {
  /** Canonical and lower-case, as clauses carry it after validation. */
  readonly name: string;
  readonly type: CqlFieldType;
  readonly operators: readonly CqlOperator[];
  readonly functions: readonly CqlFunctionName[];
  /** cql.md: `created`, `lastmodified`, `title` and `id` sort; multi-valued fields such as `label` do not. */
  readonly sortable: boolean;
  /** Not in Atlassian's reference: Tributary's attachment fields, documented as extensions. */
  readonly extension: boolean;
}

export interface CqlFunctionDefinition {
  readonly name: CqlFunctionName;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** What each argument must be: a date increment (`"-4w"`) or a whole number (a limit or offset). */
  readonly argument: 'increment' | 'whole-number' | 'none';
  /** Yields several values, so only IN / NOT IN may use it (cql.md §3). */
  readonly returnsList: boolean;
}

const equality: readonly CqlOperator[] = ['=', '!=', 'in', 'not in'];
const fullText: readonly CqlOperator[] = ['~', '!~'];
const exactOrFullText: readonly CqlOperator[] = ['=', '!=', '~', '!~', 'in', 'not in'];
const comparable: readonly CqlOperator[] = ['=', '!=', '>', '>=', '<', '<='];

const dateFunctions: readonly DateFunctionName[] = dateFunctionNames;
const recentContent: readonly CqlFunctionName[] = ['recentlyViewedContent'];

function field(
  name: string,
  type: CqlFieldType,
  operators: readonly CqlOperator[],
  options: { functions?: readonly CqlFunctionName[]; sortable?: boolean; extension?: boolean } = {},
): CqlFieldDefinition {
  return {
    name,
    type,
    operators,
    functions: options.functions ?? [],
    sortable: options.sortable ?? false,
    extension: options.extension ?? false,
  };
}

const definitions: readonly CqlFieldDefinition[] = [
  field('type', 'type', equality),
  field('space', 'space', equality, {
    functions: ['currentSpace', 'favouriteSpaces', 'recentlyViewedSpaces'],
  }),
  // `space.key` means the same as `space` but takes no functions (cql.md §2).
  field('space.key', 'string', equality),
  field('space.title', 'text', fullText),
  field('space.type', 'type', equality),
  field('space.category', 'string', equality),
  field('title', 'text', exactOrFullText, { sortable: true }),
  // cql.md: `=`/`!=` are not allowed on `text`.
  field('text', 'text', fullText),
  field('label', 'string', equality),
  field('created', 'date', comparable, { functions: dateFunctions, sortable: true }),
  field('lastmodified', 'date', comparable, { functions: dateFunctions, sortable: true }),
  field('creator', 'user', equality, { functions: ['currentUser'] }),
  field('contributor', 'user', equality, { functions: ['currentUser'] }),
  field('mention', 'user', equality, { functions: ['currentUser'] }),
  field('watcher', 'user', equality, { functions: ['currentUser'] }),
  field('favourite', 'user', equality, { functions: ['currentUser'] }),
  field('ancestor', 'content', equality, { functions: recentContent }),
  // DC documents only `=` for parent; Cloud's wider set is a superset, so both kinds of client work.
  field('parent', 'content', equality, { functions: recentContent }),
  field('container', 'content', equality),
  field('id', 'content', equality, { functions: recentContent, sortable: true }),
  field('macro', 'string', equality),
  // cql.md types it TEXT, but its operators are exact ones: a status lozenge is matched by its name.
  field('pagestatus', 'string', equality),
  field('mediatype', 'string', equality, { extension: true }),
  field('filename', 'text', exactOrFullText, { sortable: true, extension: true }),
  field('filesize', 'number', comparable, { sortable: true, extension: true }),
];

/** Every field by canonical name. */
export const cqlFields: ReadonlyMap<string, CqlFieldDefinition> = new Map(
  definitions.map((definition) => [definition.name, definition]),
);

/** The fields only the user search (`/rest/api/search/user`) takes, beside `type` (cql.md §2). */
export const cqlUserSearchFields: ReadonlyMap<string, CqlFieldDefinition> = new Map(
  [
    field('user', 'user', exactOrFullText, { functions: ['currentUser'] }),
    field('user.fullname', 'text', fullText),
    field('user.accountid', 'user', equality, { functions: ['currentUser'] }),
    field('user.userkey', 'user', equality, { functions: ['currentUser'] }),
  ].map((definition) => [definition.name, definition]),
);

/** Which searches a query is for: `user` adds the user-search fields to the common ones. */
export type CqlScope = 'site' | 'user';

/** Other names for a field, lower-case → canonical (cql.md §2; `lastModified` only differs in case). */
export const cqlFieldAliases: ReadonlyMap<string, string> = new Map([
  ['content', 'id'],
  ['favorite', 'favourite'],
  // Clients send `siteSearch ~ "…"` as "search like the UI" (cql.md §2 [obs]).
  ['sitesearch', 'text'],
]);

/** A field by any of its names, case-insensitively. */
export function lookupCqlField(name: string, scope: CqlScope = 'site'): CqlFieldDefinition | undefined {
  const lower = name.toLowerCase();
  const found = cqlFields.get(cqlFieldAliases.get(lower) ?? lower);
  return found ?? (scope === 'user' ? cqlUserSearchFields.get(lower) : undefined);
}

const functionDefinitions: readonly CqlFunctionDefinition[] = [
  { name: 'currentUser', minArgs: 0, maxArgs: 0, argument: 'none', returnsList: false },
  ...dateFunctionNames.map(
    (name): CqlFunctionDefinition => ({
      name,
      minArgs: 0,
      maxArgs: 1,
      argument: 'increment',
      returnsList: false,
    }),
  ),
  // Needs `cqlcontext.spaceKey`, which only the search service has.
  { name: 'currentSpace', minArgs: 0, maxArgs: 0, argument: 'none', returnsList: false },
  { name: 'favouriteSpaces', minArgs: 0, maxArgs: 0, argument: 'none', returnsList: true },
  // cql.md: `recentlyViewedContent(limit[, offset])`, `recentlyViewedSpaces(limit)`.
  { name: 'recentlyViewedContent', minArgs: 1, maxArgs: 2, argument: 'whole-number', returnsList: true },
  { name: 'recentlyViewedSpaces', minArgs: 1, maxArgs: 1, argument: 'whole-number', returnsList: true },
];

export const cqlFunctions: ReadonlyMap<CqlFunctionName, CqlFunctionDefinition> = new Map(
  functionDefinitions.map((definition) => [definition.name, definition]),
);

const functionsByLowerName: ReadonlyMap<string, CqlFunctionDefinition> = new Map([
  ...functionDefinitions.map((definition): [string, CqlFunctionDefinition] => [
    definition.name.toLowerCase(),
    definition,
  ]),
]);

// The American spelling, as the `favorite` field has it.
const functionAliases: ReadonlyMap<string, string> = new Map([['favoritespaces', 'favouritespaces']]);

/** A function by name, case-insensitively (`currentuser()` is `currentUser()`). */
export function lookupCqlFunction(name: string): CqlFunctionDefinition | undefined {
  const lower = name.toLowerCase();
  return functionsByLowerName.get(functionAliases.get(lower) ?? lower);
}
