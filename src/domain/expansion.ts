import { badRequest } from './errors.ts';

/**
 * Confluence's `expand=space,body.storage,children.page.version` as a tree. Unknown names are kept and
 * ignored by whoever reads the tree; paths deeper than Confluence allows are refused.
 */
export type ExpansionTree = ReadonlyMap<string, ExpansionTree>;

export const emptyExpansion: ExpansionTree = new Map();

// Confluence refuses more than eight levels ("max 8 sub-expansions", api-reference.md §1.8).
const maxDepth = 8;

export function parseExpansion(text: string | undefined): ExpansionTree {
  const root = new Map<string, Map<string, unknown>>();
  for (const path of (text ?? '').split(',')) {
    const names = path
      .trim()
      .split('.')
      .filter((name) => name.length > 0);
    if (names.length > maxDepth) {
      throw badRequest(`Cannot expand '${path.trim()}': expansions may be at most ${maxDepth} levels deep`);
    }
    let level = root;
    for (const name of names) {
      let next = level.get(name) as Map<string, Map<string, unknown>> | undefined;
      if (!next) {
        next = new Map();
        level.set(name, next);
      }
      level = next;
    }
  }
  return root as unknown as ExpansionTree;
}

export interface ExpansionLimits {
  /** Levels of one path, at most Confluence's eight. */
  maxDepth: number;
  /** Names in the whole tree. */
  maxNames: number;
}

/**
 * The site's own limits on what a client may ask to expand (TRIBUTARY_MAX_EXPAND_DEPTH and _NAMES):
 * every name can load rows, and `children` at each level multiplies them.
 */
export function requireExpansionWithin(text: string, limits: ExpansionLimits): void {
  const tree = parseExpansion(text);
  const walk = (level: ExpansionTree, depth: number): number => {
    let names = 0;
    for (const [name, below] of level) {
      if (depth > limits.maxDepth) {
        throw badRequest(
          `Cannot expand '${name}' at level ${depth}: this site allows expansions at most ${limits.maxDepth} levels deep`,
        );
      }
      names += 1 + walk(below, depth + 1);
    }
    return names;
  };
  const names = walk(tree, 1);
  if (names > limits.maxNames) {
    throw badRequest(
      `Cannot expand ${names} names in one request: this site allows at most ${limits.maxNames}`,
    );
  }
}

export function mergeExpansions(...trees: ExpansionTree[]): ExpansionTree {
  const merged = new Map<string, ExpansionTree>();
  for (const tree of trees) {
    for (const [name, subtree] of tree) {
      const existing = merged.get(name);
      merged.set(name, existing ? mergeExpansions(existing, subtree) : subtree);
    }
  }
  return merged;
}
