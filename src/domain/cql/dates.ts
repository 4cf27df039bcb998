import { badRequest } from '../errors.ts';
import type { CqlFunctionCall, CqlLiteral, CqlOperator } from './ast.ts';

/**
 * The pure half of CQL's date semantics (reference/cql.md "Dates" and §3). cql.md interprets dates "in the
 * user's / server time zone"; Tributary's server zone for CQL is UTC, so every literal and period boundary
 * here is UTC. Weeks start on Monday (cql.md leaves Sunday/Monday to the implementer).
 */

/** Half-open: `startMs <= t < endMs`. A day literal covers the day, a minute literal the minute. */
export interface DateRange {
  readonly startMs: number;
  readonly endMs: number;
}

export const dateFunctionNames = [
  'now',
  'startOfDay',
  'startOfWeek',
  'startOfMonth',
  'startOfYear',
  'endOfDay',
  'endOfWeek',
  'endOfMonth',
  'endOfYear',
] as const;
export type DateFunctionName = (typeof dateFunctionNames)[number];

export const isDateFunctionName = (name: string): name is DateFunctionName =>
  (dateFunctionNames as readonly string[]).includes(name);

export const dateLiteralFormats = '"yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd" or "yyyy-MM-dd"';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

// The four formats of cql.md; the separator must be the same twice. One-digit months, days and hours
// (`2024-1-5`) are read too: nothing else could be meant by them.
const dateLiteral = /^([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})(?: ([0-9]{1,2}):([0-9]{2}))?$/;

/** One of the four literal formats as a UTC day or minute, or null if the text is not a valid date. */
export function parseDateLiteral(text: string): DateRange | null {
  const match = dateLiteral.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return null;
  const dayStartMs = utcMs(year, month - 1, day);
  if (match[5] === undefined) return { startMs: dayStartMs, endMs: dayStartMs + dayMs };
  const [hour, minute] = [Number(match[5]), Number(match[6])];
  if (hour > 23 || minute > 59) return null;
  const startMs = dayStartMs + hour * hourMs + minute * minuteMs;
  return { startMs, endMs: startMs + minuteMs };
}

const incrementUnits = ['y', 'M', 'w', 'd', 'h', 'm'] as const;
export type IncrementUnit = (typeof incrementUnits)[number];

/** A signed amount of one unit; `M` is months and `m` minutes (cql.md: "case matters for M/m"). */
export interface DateIncrement {
  readonly amount: number;
  readonly unit: IncrementUnit;
}

const increment = /^([+-]?)([0-9]{1,10})([yMwdhm])$/;

// About ten thousand years in each unit, so that no increment can move a date out of JavaScript's range.
const maxAmount: Readonly<Record<IncrementUnit, number>> = {
  y: 10_000,
  M: 120_000,
  w: 521_800,
  d: 3_652_500,
  h: 87_660_000,
  m: 5_259_600_000,
};

/** `(+|-)nn(y|M|w|d|h|m)`, sign optional (cql.md §3), or null if the text is not one. */
export function parseIncrement(text: string): DateIncrement | null {
  const match = increment.exec(text);
  const unit = incrementUnits.find((candidate) => candidate === match?.[3]);
  if (match === null || unit === undefined) return null;
  const size = Number(match[2]);
  if (size > maxAmount[unit]) return null;
  return { amount: match[1] === '-' ? -size : size, unit };
}

export const incrementHint =
  'expected an optional + or -, a whole number and one of y, M, w, d, h, m (e.g. "-4w")';

/** `ms` moved by the increment; months and years keep the day of month, clamped to the month's last day. */
export function addIncrement(ms: number, { amount, unit }: DateIncrement): number {
  switch (unit) {
    case 'y':
      return addMonths(ms, amount * 12);
    case 'M':
      return addMonths(ms, amount);
    case 'w':
      return ms + amount * 7 * dayMs;
    case 'd':
      return ms + amount * dayMs;
    case 'h':
      return ms + amount * hourMs;
    case 'm':
      return ms + amount * minuteMs;
  }
}

type Period = 'day' | 'week' | 'month' | 'year';

const boundaries: Readonly<
  Record<Exclude<DateFunctionName, 'now'>, { edge: 'start' | 'end'; period: Period }>
> = {
  startOfDay: { edge: 'start', period: 'day' },
  startOfWeek: { edge: 'start', period: 'week' },
  startOfMonth: { edge: 'start', period: 'month' },
  startOfYear: { edge: 'start', period: 'year' },
  endOfDay: { edge: 'end', period: 'day' },
  endOfWeek: { edge: 'end', period: 'week' },
  endOfMonth: { edge: 'end', period: 'month' },
  endOfYear: { edge: 'end', period: 'year' },
};

/**
 * The instant a date function names at `nowMs`. `startOfX(inc)` is the start of the current period
 * moved by `inc` (so `startOfMonth("+14d")` is the 15th); `endOfX(inc)` is the last millisecond before
 * the next period's start moved by `inc` (so `endOfMonth("+1M")` is the end of next month).
 */
export function evaluateDateFunction(
  name: DateFunctionName,
  incrementText: string | undefined,
  nowMs: number,
): number {
  const shift = (ms: number) => {
    if (incrementText === undefined) return ms;
    const parsed = parseIncrement(incrementText);
    if (parsed === null) {
      throw badRequest(`Invalid increment "${incrementText}" for ${name}(): ${incrementHint}`, {
        increment: incrementText,
      });
    }
    return addIncrement(ms, parsed);
  };
  if (name === 'now') return shift(nowMs);
  const { edge, period } = boundaries[name];
  const start = periodStart(period, nowMs);
  return edge === 'start' ? shift(start) : shift(nextPeriodStart(period, start)) - 1;
}

function periodStart(period: Period, nowMs: number): number {
  const date = new Date(nowMs);
  const dayStart = utcMs(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (period === 'day') return dayStart;
  // getUTCDay() is 0 for Sunday; Monday starts the week.
  if (period === 'week') return dayStart - ((date.getUTCDay() + 6) % 7) * dayMs;
  if (period === 'month') return utcMs(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return utcMs(date.getUTCFullYear(), 0, 1);
}

function nextPeriodStart(period: Period, startMs: number): number {
  if (period === 'day') return startMs + dayMs;
  if (period === 'week') return startMs + 7 * dayMs;
  return addMonths(startMs, period === 'month' ? 1 : 12);
}

/**
 * The range a date clause's value stands for: a literal's day or minute, or the single millisecond a
 * function names. Throws a 400 for anything else, so the SQL compiler can call it on validated values.
 */
export function resolveDateValue(value: CqlLiteral | CqlFunctionCall, nowMs: number): DateRange {
  if (value.kind === 'literal') {
    const range = parseDateLiteral(value.text);
    if (range === null) {
      throw badRequest(`Invalid date "${value.text}" at column ${value.column}: use ${dateLiteralFormats}`, {
        position: value.column,
      });
    }
    return range;
  }
  if (!isDateFunctionName(value.name)) {
    throw badRequest(`Function ${value.name}() is not a date at column ${value.column}`, {
      position: value.column,
    });
  }
  const instantMs = evaluateDateFunction(value.name, value.args[0]?.text, nowMs);
  return { startMs: instantMs, endMs: instantMs + 1 };
}

/**
 * What `date <operator> range` asks of a timestamp t: `fromMs <= t < untilMs` (a null bound is open), or
 * its opposite when `negated`. `= "2024-01-15"` means that whole day (cql.md "Dates"), so `> "2024-01-15"`
 * starts the next day and `<= "2024-01-15"` includes it.
 */
export function dateBounds(
  operator: CqlOperator,
  range: DateRange,
): { fromMs: number | null; untilMs: number | null; negated: boolean } {
  switch (operator) {
    case '=':
    case '!=':
      return { fromMs: range.startMs, untilMs: range.endMs, negated: operator === '!=' };
    case '>':
      return { fromMs: range.endMs, untilMs: null, negated: false };
    case '>=':
      return { fromMs: range.startMs, untilMs: null, negated: false };
    case '<':
      return { fromMs: null, untilMs: range.startMs, negated: false };
    case '<=':
      return { fromMs: null, untilMs: range.endMs, negated: false };
    default:
      throw badRequest(`Operator "${operator}" cannot compare dates`, { operator });
  }
}

function utcMs(year: number, monthIndex: number, day: number): number {
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(utcMs(year, monthIndex + 1, 1) - dayMs).getUTCDate();
}

function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, monthIndex));
  const timeOfDayMs = ms - utcMs(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return utcMs(year, monthIndex, day) + timeOfDayMs;
}
