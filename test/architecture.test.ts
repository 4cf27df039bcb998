/**
 * STYLE.md rule 1 (dependencies point inward) and rule 6 (no `process.env` outside config/), checked over
 * the import statements of every production source file. Tests beside the code (`*.test.ts`) are left out:
 * like main.ts they wire real adapters, which is what lets them use a real database.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');

interface SourceFile {
  /** Relative to the repository root, with forward slashes: `src/services/users/create-user.ts`. */
  file: string;
  text: string;
  imports: Import[];
}

interface Import {
  specifier: string;
  /** For a relative import, the imported file relative to the repository root; otherwise undefined. */
  target: string | undefined;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

function sourceFiles(): SourceFile[] {
  return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => path.join(srcDir, name))
    .sort()
    .map((absolute) => {
      const text = readFileSync(absolute, 'utf8');
      return { file: toPosix(path.relative(root, absolute)), text, imports: importsOf(absolute, text) };
    });
}

// `import x from '…'`, `import type { X } from '…'`, `export { x } from '…'`, `import '…'` and `import('…')`.
const importPattern =
  /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(absolute: string, text: string): Import[] {
  return [...text.matchAll(importPattern)].map((match) => {
    const specifier = match[1] ?? match[2] ?? match[3] ?? '';
    const target = specifier.startsWith('.')
      ? toPosix(path.relative(root, path.resolve(path.dirname(absolute), specifier)))
      : undefined;
    return { specifier, target };
  });
}

const within = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);
const isBuiltin = (entry: Import) => entry.specifier.startsWith('node:');

const files = sourceFiles();

/** Every import of a file under `folder` that `allowed` refuses, as `file → specifier` lines. */
function violations(folder: string, allowed: (entry: Import, file: string) => boolean): string[] {
  return files
    .filter((source) => within(source.file, folder))
    .flatMap((source) =>
      source.imports
        .filter((entry) => !allowed(entry, source.file))
        .map((entry) => `${source.file} imports '${entry.specifier}'`),
    );
}

const importsOnlyFrom =
  (...folders: string[]) =>
  (entry: Import) =>
    isBuiltin(entry) ||
    (entry.target !== undefined && folders.some((folder) => within(entry.target ?? '', folder)));

function assertNone(found: string[], rule: string): void {
  assert.deepEqual(found, [], `${rule}:\n  ${found.join('\n  ')}`);
}

/**
 * The groups of nodes that reach each other through `edges` (strongly connected components of more than
 * one node), each sorted; Tarjan's algorithm.
 */
function cyclesAmong(edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [from, to] of edges) {
    if (from === to) continue;
    next.set(from, (next.get(from) ?? new Set()).add(to));
    if (!next.has(to)) next.set(to, new Set());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (stack.includes(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member !== undefined) group.push(member);
      } while (member !== node && member !== undefined);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The folder-level import graph of src/cli, with src/main.ts as a node of its own. */
function cliFolderEdges(): Array<[string, string]> {
  const nodeOf = (file: string) =>
    file === 'src/main.ts' ? file : within(file, 'src/cli') ? path.posix.dirname(file) : undefined;
  return files.flatMap((source) => {
    const from = nodeOf(source.file);
    if (from === undefined) return [];
    return source.imports.flatMap((entry): Array<[string, string]> => {
      const to = entry.target === undefined ? undefined : nodeOf(entry.target);
      return to === undefined || to === from ? [] : [[from, to]];
    });
  });
}

describe('architecture (STYLE.md rule 1: dependencies point inward)', () => {
  it('finds the source files and their imports', () => {
    assert.ok(files.some((source) => source.file === 'src/main.ts'));
    const main = files.find((source) => source.file === 'src/main.ts');
    assert.ok(main?.imports.some((entry) => entry.target?.startsWith('src/adapters/')));
  });

  it('keeps src/domain free of imports from outside src/domain', () => {
    assertNone(
      violations('src/domain', importsOnlyFrom('src/domain')),
      'src/domain may import only src/domain and node: builtins',
    );
  });

  it('lets src/ports import only src/domain and src/ports', () => {
    assertNone(
      violations('src/ports', importsOnlyFrom('src/domain', 'src/ports')),
      'src/ports may import only src/domain, src/ports and node: builtins',
    );
  });

  it('lets src/services import only src/services, src/ports and src/domain, and no npm package', () => {
    assertNone(
      violations('src/services', importsOnlyFrom('src/services', 'src/ports', 'src/domain')),
      'src/services may import only src/services, src/ports, src/domain and node: builtins',
    );
  });

  it('keeps src/http and src/cli away from src/adapters', () => {
    const intoAdapters = (entry: Import) => !within(entry.target ?? '', 'src/adapters');
    assertNone(
      [...violations('src/http', intoAdapters), ...violations('src/cli', intoAdapters)],
      'src/http and src/cli must reach adapters only through ports wired by src/main.ts',
    );
  });

  it('lets only src/main.ts import src/adapters from outside src/adapters', () => {
    const found = violations('src', (entry, file) => {
      if (file === 'src/main.ts' || within(file, 'src/adapters')) return true;
      return !within(entry.target ?? '', 'src/adapters');
    });
    assertNone(found, 'only src/main.ts may import src/adapters');
  });

  it('keeps src/client standalone: node builtins, undici and src/domain types only', () => {
    const allowed = (entry: Import) =>
      isBuiltin(entry) ||
      entry.specifier === 'undici' ||
      (entry.target !== undefined &&
        (within(entry.target, 'src/client') || within(entry.target, 'src/domain')));
    assertNone(violations('src/client', allowed), 'src/client is a library of its own (issue 7)');
  });

  it('lets nothing in the server import src/client', () => {
    const intoClient = (entry: Import) => !within(entry.target ?? '', 'src/client');
    const found = [
      'src/services',
      'src/adapters',
      'src/http',
      'src/config',
      'src/ports',
      'src/domain',
    ].flatMap((folder) => violations(folder, intoClient));
    assertNone(found, 'the server does not depend on the client; only src/cli uses it');
  });

  it('reads process.env only in src/config and src/cli/program.ts (STYLE.md rule 6)', () => {
    // src/testing.ts runs in a client's test process, not the server: it hands that process's environment
    // on to the server it starts, and reads no setting itself.
    const passersOn = ['src/cli/program.ts', 'src/testing.ts'];
    const found = files
      .filter((source) => !within(source.file, 'src/config') && !passersOn.includes(source.file))
      .filter((source) => source.text.includes('process.env'))
      .map((source) => `${source.file} mentions process.env`);
    assertNone(found, 'configuration is parsed once in src/config and passed down');
  });

  it('keeps the folders of src/cli, and src/main.ts, free of import cycles (issue 18)', () => {
    const edges = cliFolderEdges();
    assert.ok(edges.some(([from, to]) => from === 'src/cli' && to === 'src/cli/toolkit'));
    const found = cyclesAmong(edges).map((group) => group.join(' ↔ '));
    assertNone(
      found,
      'shared toolkit machinery belongs in src/cli/toolkit; program.ts registers the commands',
    );
  });

  it('finds a cycle between folders and none in a chain', () => {
    assert.deepEqual(
      cyclesAmong([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
        ['d', 'd'],
      ]),
      [['a', 'b', 'c']],
    );
    assert.deepEqual(
      cyclesAmong([
        ['a', 'b'],
        ['b', 'c'],
      ]),
      [],
    );
  });

  it('recognises every form of import and resolves relative ones', () => {
    const sample = [
      "import { a } from './a.ts';",
      "import type { B } from '../ports/b.ts';",
      "export { c } from '../adapters/c.ts';",
      "import './side-effect.ts';",
      "const d = await import('kysely');",
      "import fs from 'node:fs';",
    ].join('\n');
    const found = importsOf(path.join(srcDir, 'services', 'x.ts'), sample);
    assert.deepEqual(found, [
      { specifier: './a.ts', target: 'src/services/a.ts' },
      { specifier: '../ports/b.ts', target: 'src/ports/b.ts' },
      { specifier: '../adapters/c.ts', target: 'src/adapters/c.ts' },
      { specifier: './side-effect.ts', target: 'src/services/side-effect.ts' },
      { specifier: 'kysely', target: undefined },
      { specifier: 'node:fs', target: undefined },
    ]);
    const allowed = importsOnlyFrom('src/services', 'src/ports', 'src/domain');
    assert.deepEqual(
      found.map((entry) => allowed(entry)),
      [true, true, false, true, false, true],
    );
  });
});
