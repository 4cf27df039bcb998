import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { settings } from '../src/config/settings.ts';

/** The rows of every Markdown table in a file, cells trimmed (the formatter pads them). */
function tableRows(file: string): string[][] {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
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
});
