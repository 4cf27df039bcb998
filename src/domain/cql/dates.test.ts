import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../../test/support/domain-errors.ts';
import type { CqlFunctionCall, CqlLiteral } from './ast.ts';
import {
  addIncrement,
  dateBounds,
  evaluateDateFunction,
  parseDateLiteral,
  parseIncrement,
  resolveDateValue,
} from './dates.ts';

const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

// A Wednesday, so week boundaries differ from day and month ones.
const nowMs = utc('2024-05-15T10:20:30.456Z');
const at = (name: Parameters<typeof evaluateDateFunction>[0], increment?: string, now = nowMs) =>
  iso(evaluateDateFunction(name, increment, now));

const isBadRequest = (error: unknown) => isDomainError(error, 'invalid_request');

describe('CQL date literals', () => {
  it('read the two minute formats as that UTC minute', () => {
    for (const text of ['2024/01/15 10:30', '2024-01-15 10:30']) {
      assert.deepEqual(parseDateLiteral(text), {
        startMs: utc('2024-01-15T10:30:00Z'),
        endMs: utc('2024-01-15T10:31:00Z'),
      });
    }
  });

  it('read the two day formats as that whole UTC day', () => {
    for (const text of ['2024/01/15', '2024-01-15']) {
      assert.deepEqual(parseDateLiteral(text), {
        startMs: utc('2024-01-15T00:00:00Z'),
        endMs: utc('2024-01-16T00:00:00Z'),
      });
    }
  });

  it('accept one-digit months, days and hours', () => {
    assert.equal(parseDateLiteral('2024-1-5 7:05')?.startMs, utc('2024-01-05T07:05:00Z'));
  });

  it('know leap years and month lengths', () => {
    assert.equal(parseDateLiteral('2024-02-29')?.startMs, utc('2024-02-29T00:00:00Z'));
    assert.equal(parseDateLiteral('2023-02-29'), null);
    assert.equal(parseDateLiteral('2024-04-31'), null);
  });

  it('refuse anything outside the four formats', () => {
    for (const text of [
      '',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-15 24:00',
      '2024-01-15 10:60',
      '2024/01-15',
      '24-01-15',
      '2024-01-15T10:30',
      ' 2024-01-15',
      '2024-01-15 10:30:00',
      'yesterday',
    ]) {
      assert.equal(parseDateLiteral(text), null, text);
    }
  });
});

describe('CQL date increments', () => {
  it('read a sign, a whole number and a unit, the sign defaulting to +', () => {
    assert.deepEqual(parseIncrement('-4w'), { amount: -4, unit: 'w' });
    assert.deepEqual(parseIncrement('+1M'), { amount: 1, unit: 'M' });
    assert.deepEqual(parseIncrement('-90m'), { amount: -90, unit: 'm' });
    assert.deepEqual(parseIncrement('1d'), { amount: 1, unit: 'd' });
    assert.deepEqual(parseIncrement('2y'), { amount: 2, unit: 'y' });
    assert.deepEqual(parseIncrement('-12h'), { amount: -12, unit: 'h' });
  });

  it('refuse other units, other cases of the unit, fractions and missing parts', () => {
    for (const text of ['4', 'w', '-4W', '4D', '1.5d', '- 4w', '+-1d', '4 w', '', '4s', '99999y']) {
      assert.equal(parseIncrement(text), null, text);
    }
  });

  it('tell months (M) from minutes (m)', () => {
    assert.equal(iso(addIncrement(nowMs, { amount: 1, unit: 'M' })), '2024-06-15T10:20:30.456Z');
    assert.equal(iso(addIncrement(nowMs, { amount: 1, unit: 'm' })), '2024-05-15T10:21:30.456Z');
  });

  it('clamp to the last day of a shorter month, as calendars do', () => {
    assert.equal(
      iso(addIncrement(utc('2024-01-31T08:00:00Z'), { amount: 1, unit: 'M' })),
      '2024-02-29T08:00:00.000Z',
    );
    assert.equal(
      iso(addIncrement(utc('2024-02-29T00:00:00Z'), { amount: 1, unit: 'y' })),
      '2025-02-28T00:00:00.000Z',
    );
    assert.equal(
      iso(addIncrement(utc('2024-01-15T00:00:00Z'), { amount: -1, unit: 'M' })),
      '2023-12-15T00:00:00.000Z',
    );
  });
});

describe('CQL date functions', () => {
  it('give now, moved by an increment', () => {
    assert.equal(at('now'), '2024-05-15T10:20:30.456Z');
    assert.equal(at('now', '-4w'), '2024-04-17T10:20:30.456Z');
    assert.equal(at('now', '+1M'), '2024-06-15T10:20:30.456Z');
    assert.equal(at('now', '-90m'), '2024-05-15T08:50:30.456Z');
    assert.equal(at('now', '1d'), '2024-05-16T10:20:30.456Z');
    assert.equal(at('now', '-1y'), '2023-05-15T10:20:30.456Z');
  });

  it('give the start and end of the current day', () => {
    assert.equal(at('startOfDay'), '2024-05-15T00:00:00.000Z');
    assert.equal(at('startOfDay', '-7d'), '2024-05-08T00:00:00.000Z');
    assert.equal(at('endOfDay'), '2024-05-15T23:59:59.999Z');
    assert.equal(at('endOfDay', '+1d'), '2024-05-16T23:59:59.999Z');
  });

  it('start the week on Monday and end it on Sunday', () => {
    assert.equal(at('startOfWeek'), '2024-05-13T00:00:00.000Z');
    assert.equal(at('endOfWeek'), '2024-05-19T23:59:59.999Z');
    assert.equal(at('endOfWeek', '-1w'), '2024-05-12T23:59:59.999Z');
    assert.equal(at('startOfWeek', undefined, utc('2024-05-19T23:00:00Z')), '2024-05-13T00:00:00.000Z');
    assert.equal(at('startOfWeek', undefined, utc('2024-05-13T00:00:00Z')), '2024-05-13T00:00:00.000Z');
  });

  it('move the start of the month by the increment, so +14d is the 15th', () => {
    assert.equal(at('startOfMonth'), '2024-05-01T00:00:00.000Z');
    assert.equal(at('startOfMonth', '+14d'), '2024-05-15T00:00:00.000Z');
    assert.equal(at('startOfMonth', '-1M'), '2024-04-01T00:00:00.000Z');
  });

  it('move the end of the month by whole months, so +1M is the end of next month', () => {
    assert.equal(at('endOfMonth'), '2024-05-31T23:59:59.999Z');
    assert.equal(at('endOfMonth', '+1M'), '2024-06-30T23:59:59.999Z');
    assert.equal(at('endOfMonth', '-3M'), '2024-02-29T23:59:59.999Z');
  });

  it('give the start and end of the year', () => {
    assert.equal(at('startOfYear'), '2024-01-01T00:00:00.000Z');
    assert.equal(at('endOfYear'), '2024-12-31T23:59:59.999Z');
    assert.equal(at('endOfYear', '-1y'), '2023-12-31T23:59:59.999Z');
  });

  it('refuse an invalid increment with a 400', () => {
    assert.throws(() => evaluateDateFunction('now', '-4x', nowMs), isBadRequest);
    assert.throws(() => evaluateDateFunction('startOfMonth', 'soon', nowMs), isBadRequest);
  });
});

describe('CQL date comparisons', () => {
  const literal = (text: string): CqlLiteral => ({ kind: 'literal', text, quoted: true, column: 1 });
  const call = (name: string, ...args: string[]): CqlFunctionCall => ({
    kind: 'function',
    name,
    args: args.map(literal),
    column: 1,
  });
  const day = resolveDateValue(literal('2024-01-15'), nowMs);
  const jan15 = utc('2024-01-15T00:00:00Z');
  const jan16 = utc('2024-01-16T00:00:00Z');

  it('treat = on a day as the whole day, and != as everything else', () => {
    assert.deepEqual(dateBounds('=', day), { fromMs: jan15, untilMs: jan16, negated: false });
    assert.deepEqual(dateBounds('!=', day), { fromMs: jan15, untilMs: jan16, negated: true });
  });

  it('put > after the day and <= through its end', () => {
    assert.deepEqual(dateBounds('>', day), { fromMs: jan16, untilMs: null, negated: false });
    assert.deepEqual(dateBounds('>=', day), { fromMs: jan15, untilMs: null, negated: false });
    assert.deepEqual(dateBounds('<', day), { fromMs: null, untilMs: jan15, negated: false });
    assert.deepEqual(dateBounds('<=', day), { fromMs: null, untilMs: jan16, negated: false });
  });

  it('treat a function as the single millisecond it names', () => {
    const range = resolveDateValue(call('now', '-1d'), nowMs);
    assert.deepEqual(range, { startMs: nowMs - 86_400_000, endMs: nowMs - 86_400_000 + 1 });
    assert.deepEqual(dateBounds('>', range), { fromMs: range.endMs, untilMs: null, negated: false });
  });

  it('refuse values and operators that are not dates', () => {
    assert.throws(() => resolveDateValue(literal('soon'), nowMs), isBadRequest);
    assert.throws(() => resolveDateValue(call('currentUser'), nowMs), isBadRequest);
    assert.throws(() => dateBounds('~', day), isBadRequest);
  });
});
