import type { CqlExpression } from './ast.ts';

/** What a `/rest/api/search` hit can be (cql.md §2: `type in (space, user)` on Data Center and Cloud). */
export type SearchEntity = 'content' | 'space' | 'user';

/**
 * The entities beside content that a query asks for by name: `type = space`, `type IN (page, user)`.
 * Spaces and users are found only when named so, as Confluence does; a query that names neither (`title ~
 * x`) searches content alone.
 */
export function entitiesNamedBy(expression: CqlExpression): SearchEntity[] {
  const named = new Set<SearchEntity>(['content']);
  const visit = (node: CqlExpression, negated: boolean): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        for (const operand of node.operands) visit(operand, negated);
        return;
      case 'not':
        visit(node.operand, !negated);
        return;
      case 'clause': {
        const positive = node.operator === '=' || node.operator === 'in';
        if (node.field !== 'type' || positive === negated) return;
        const values = node.value.kind === 'list' ? node.value.items : [node.value];
        for (const value of values) {
          const type = value.kind === 'literal' ? value.text.toLowerCase() : '';
          if (type === 'space' || type === 'user') named.add(type);
        }
      }
    }
  };
  visit(expression, false);
  return [...named];
}
