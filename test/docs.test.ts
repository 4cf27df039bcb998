import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toolkitSettings } from '../src/cli/toolkit/settings.ts';
import { settings } from '../src/config/settings.ts';

const cellsOf = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

/** The rows of every Markdown table in a file, cells trimmed (the formatter pads them). */
function tableRows(file: string): string[][] {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map(cellsOf);
}

/**
 * The rows (header and separator left out) of the first table under a heading with this title, in
 * README.md or any Markdown file under docs/: the README is split into docs/ over time, and the table
 * is found wherever it went.
 */
function tableUnderHeading(title: string): { file: string; rows: string[][] } | undefined {
  const docs = readdirSync(new URL('../docs/', import.meta.url), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name.split('\\').join('/')}`);
  for (const file of ['README.md', ...docs.sort()]) {
    const lines = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').split('\n');
    const heading = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '').trim() === title);
    if (heading === -1) continue;
    const rest = lines.slice(heading + 1);
    const end = rest.findIndex((line) => /^#+ /.test(line));
    const table = (end === -1 ? rest : rest.slice(0, end)).filter((line) => line.startsWith('|'));
    return { file, rows: table.slice(2).map(cellsOf) };
  }
  return undefined;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The README and every file in docs/, which link to one another by relative paths. */
const documents = [
  'README.md',
  ...readdirSync(new URL('../docs/', import.meta.url))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

describe('the documentation', () => {
  it('lists every setting in the docs/configuration.md table with its flag, default and meaning', () => {
    const rows = tableRows('docs/configuration.md');
    for (const setting of settings) {
      const expected = [
        `\`${setting.env}\``,
        `\`${setting.flag}\``,
        setting.defaultText,
        setting.description,
      ];
      assert.ok(
        rows.some((row) => JSON.stringify(row) === JSON.stringify(expected)),
        `docs/configuration.md lacks the row: ${expected.join(' | ')}`,
      );
    }
  });

  it('lists every toolkit environment variable under "Toolkit environment", in the order the code has them', () => {
    const found = tableUnderHeading('Toolkit environment');
    assert.ok(found, 'no Markdown file has a "Toolkit environment" heading');
    const expected = Object.values(toolkitSettings).map((setting) => [
      `\`${setting.env}\``,
      setting.flag ? `\`${setting.flag.name}\`` : '(none)',
      setting.defaultText,
      setting.description,
    ]);
    assert.deepEqual(found.rows, expected, `${found.file}: the toolkit environment table`);
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const document of documents) {
      const text = readFileSync(new URL(`../${document}`, import.meta.url), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (target === undefined || /^[a-z]+:/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const file = new URL(
          path === '' ? `../${document}` : path,
          new URL(`../${document}`, import.meta.url),
        );
        if (!existsSync(file)) {
          broken.push(`${document}: ${target}`);
        } else if (anchor !== undefined) {
          const headings = readFileSync(file, 'utf8')
            .split('\n')
            .filter((line) => line.startsWith('#'))
            .map((line) => anchorOf(line.replace(/^#+ /, '')));
          if (!headings.includes(anchor)) broken.push(`${document}: ${target}`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });
});
