import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toolkitSettings } from '../src/cli/toolkit/settings.ts';
import { settings } from '../src/config/settings.ts';
import { errorKinds } from '../src/domain/errors.ts';
import { statusOfKind } from '../src/http/common/error-status.ts';

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

describe('the documentation', () => {
  it('lists every setting in the README table with its flag, default and meaning', () => {
    const rows = tableRows('README.md');
    for (const setting of settings) {
      const expected = [
        `\`${setting.env}\``,
        `\`${setting.flag}\``,
        setting.defaultText,
        setting.description,
      ];
      assert.ok(
        rows.some((row) => JSON.stringify(row) === JSON.stringify(expected)),
        `README.md lacks the row: ${expected.join(' | ')}`,
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

  it('lists every error kind in docs/errors.md with its status and meaning', () => {
    const rows = tableRows('docs/errors.md');
    for (const [kind, meaning] of Object.entries(errorKinds)) {
      const row = rows.find((cells) => cells[0] === `\`${kind}\``);
      assert.ok(row, `docs/errors.md lacks ${kind}`);
      assert.equal(row[1], String(statusOfKind[kind as keyof typeof errorKinds]));
      assert.ok(
        row[3]?.startsWith(meaning.replace(/\.$/, '')),
        `${kind}: ${row[3]} does not say "${meaning}"`,
      );
    }
  });
});
