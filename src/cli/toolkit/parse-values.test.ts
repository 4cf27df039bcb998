import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from './exit.ts';
import { parseCount, parseSize, parseWhen } from './parse-values.ts';

describe('flag values', () => {
  it('reads sizes in bytes, decimal and binary units', () => {
    assert.equal(parseSize('2048', '--min-size'), 2048);
    assert.equal(parseSize('10KB', '--min-size'), 10_000);
    assert.equal(parseSize('1.5MiB', '--min-size'), 1_572_864);
    assert.equal(parseSize('2 gib', '--min-size'), 2 * 1024 ** 3);
    assert.throws(() => parseSize('big', '--min-size'), UsageError);
    assert.throws(() => parseSize('10XB', '--min-size'), /--min-size must be a size/);
  });

  it('reads dates, date-times with a zone, and ages counted back from now', () => {
    const nowMs = Date.parse('2026-03-01T00:00:00Z');
    assert.equal(parseWhen('2024-01-15', '--before', nowMs), Date.parse('2024-01-15T00:00:00Z'));
    assert.equal(
      parseWhen('2024-01-15T12:57:55.347Z', '--before', nowMs),
      Date.parse('2024-01-15T12:57:55.347Z'),
    );
    assert.equal(parseWhen('2024-01-15T12:00+02:00', '--before', nowMs), Date.parse('2024-01-15T10:00:00Z'));
    assert.equal(parseWhen('90d', '--before', nowMs), nowMs - 90 * 86_400_000);
    assert.equal(parseWhen('2w', '--before', nowMs), nowMs - 14 * 86_400_000);
    assert.throws(() => parseWhen('2024-01-15T12:00', '--before', nowMs), /with its zone/);
    assert.throws(() => parseWhen('last week', '--before', nowMs), UsageError);
    assert.throws(() => parseWhen('2024-13-45', '--before', nowMs), UsageError);
    // Days a month does not have, which JavaScript's own parser rolls into the next month.
    for (const day of ['2024-02-30', '2023-02-29', '2024-04-31T10:00Z']) {
      assert.throws(() => parseWhen(day, '--before', nowMs), UsageError, day);
    }
    assert.equal(parseWhen('2024-02-29', '--before', nowMs), Date.parse('2024-02-29T00:00:00Z'));
  });

  it('reads counts within bounds', () => {
    assert.equal(parseCount('8', '--concurrency', 1, 64), 8);
    assert.throws(() => parseCount('0', '--concurrency', 1, 64), /from 1 to 64/);
    assert.throws(() => parseCount('4x', '--concurrency', 1, 64), UsageError);
  });
});
