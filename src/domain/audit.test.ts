import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimatedMs, instantBefore, longestRetention, sinceUnits } from './audit.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('audit periods', () => {
  it('counts fixed units in milliseconds back from now', () => {
    const now = at('2025-06-15T12:00:00.000Z');
    assert.equal(iso(instantBefore(now, { number: 3, units: 'DAYS' })), '2025-06-12T12:00:00.000Z');
    assert.equal(iso(instantBefore(now, { number: 3, units: 'HALF_DAYS' })), '2025-06-14T00:00:00.000Z');
    assert.equal(iso(instantBefore(now, { number: 2, units: 'WEEKS' })), '2025-06-01T12:00:00.000Z');
    assert.equal(instantBefore(now, { number: 1500, units: 'MICROS' }), now - 1);
    assert.equal(instantBefore(now, { number: 999_999, units: 'NANOS' }), now);
  });

  it('counts months and years on the calendar, keeping the day when it exists and clamping it when not', () => {
    assert.equal(
      iso(instantBefore(at('2025-05-20T08:30:00.000Z'), { number: 3, units: 'MONTHS' })),
      '2025-02-20T08:30:00.000Z',
    );
    assert.equal(
      iso(instantBefore(at('2024-03-31T10:00:00.000Z'), { number: 1, units: 'MONTHS' })),
      '2024-02-29T10:00:00.000Z',
    );
    assert.equal(
      iso(instantBefore(at('2025-01-31T00:00:00.000Z'), { number: 2, units: 'MONTHS' })),
      '2024-11-30T00:00:00.000Z',
    );
    assert.equal(
      iso(instantBefore(at('2024-02-29T00:00:00.000Z'), { number: 1, units: 'YEARS' })),
      '2023-02-28T00:00:00.000Z',
    );
    assert.equal(
      iso(instantBefore(at('2025-06-15T00:00:00.000Z'), { number: 2, units: 'DECADES' })),
      '2005-06-15T00:00:00.000Z',
    );
  });

  it('reaches years before 100 without reading them as the 1900s', () => {
    assert.equal(
      iso(instantBefore(at('2025-06-15T00:00:00.000Z'), { number: 20, units: 'CENTURIES' })),
      '0025-06-15T00:00:00.000Z',
    );
  });

  it('has no bound when the period reaches past the earliest date', () => {
    const now = at('2025-06-15T00:00:00.000Z');
    assert.equal(instantBefore(now, { number: 1, units: 'FOREVER' }), undefined);
    assert.equal(instantBefore(now, { number: 1, units: 'ERAS' }), undefined);
    assert.equal(instantBefore(now, { number: 1_000_000, units: 'MILLENNIA' }), undefined);
    assert.equal(instantBefore(now, { number: Number.MAX_SAFE_INTEGER, units: 'DAYS' }), undefined);
  });

  it('compares periods of different units by their estimated length, a year at most for retention', () => {
    const longest = estimatedMs(longestRetention);
    assert.ok(estimatedMs({ number: 12, units: 'MONTHS' }) <= longest);
    assert.ok(estimatedMs({ number: 52, units: 'WEEKS' }) <= longest);
    assert.ok(estimatedMs({ number: 365, units: 'DAYS' }) <= longest);
    assert.ok(estimatedMs({ number: 366, units: 'DAYS' }) > longest);
    assert.ok(estimatedMs({ number: 1, units: 'FOREVER' }) > longest);
  });

  it('offers /audit/since the units up to centuries', () => {
    assert.equal(sinceUnits.at(-1), 'CENTURIES');
    assert.ok(!sinceUnits.includes('FOREVER'));
  });
});
