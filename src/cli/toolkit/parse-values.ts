/** Values of the toolkit's flags: sizes, points in time, counts. Each refuses what it cannot read. */
import { UsageError } from './exit.ts';

const sizeUnits: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  tb: 1000 ** 4,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `2048`, `10KB`, `1.5MiB`: the same units as the server's size settings (docs/configuration.md). */
export function parseSize(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = sizeUnits[match?.[2]?.toLowerCase() ?? 'none'];
  if (!match || unit === undefined) {
    throw new UsageError(`${flag} must be a size such as 2048, 10KB or 1.5MiB, not '${text}'`);
  }
  return Math.round(Number(match[1]) * unit);
}

const durationUnits: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

/** `90d`, `12h`, `2w`, `1y`, `30m` as milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+)\s*([mhdwy])$/i.exec(text.trim());
  const unit = durationUnits[match?.[2]?.toLowerCase() ?? ''];
  if (!match || unit === undefined) {
    throw new UsageError(`${flag} must be a duration such as 90d, 12h, 2w or 1y, not '${text}'`);
  }
  return Number(match[1]) * unit;
}

/** Whether `yyyy-mm-dd` names a day there is: JavaScript reads 2024-02-30 as the 1st of March. */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const reread = new Date(Date.UTC(year, month - 1, day));
  return reread.getUTCMonth() === month - 1 && reread.getUTCDate() === day;
}

/**
 * A point in time: an ISO 8601 date (`2024-01-15`, midnight UTC) or date-time (`2024-01-15T12:57:55Z`),
 * or a duration meaning that long before now (`90d`).
 */
export function parseWhen(text: string, flag: string, nowMs: number): number {
  const trimmed = text.trim();
  if (/^\d+\s*[mhdwy]$/i.test(trimmed)) return nowMs - parseDuration(trimmed, flag);
  const isoDate = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  const ms = isoDate ? Date.parse(`${trimmed}T00:00:00Z`) : isoDateTime ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(ms) || !isCalendarDate(trimmed.slice(0, 10))) {
    throw new UsageError(
      `${flag} must be a date (2024-01-15), a date and time with its zone (2024-01-15T12:00:00Z) or an age (90d), not '${text}'`,
    );
  }
  return ms;
}

/** A whole number within bounds. */
export function parseCount(text: string, flag: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not '${text}'`);
  }
  return value;
}
