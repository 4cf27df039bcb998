import { contentTypeNoun } from './content.ts';
/**
 * The audit log: who changed what, when, from where, in which space and on which content, with the values
 * before and after. Records outlive what they describe, so they carry names, not references.
 */

/** Something a record is about: a page, an attachment, a space, a user, a group, a token. */
export interface AuditObject {
  type: string;
  name: string;
  /** The object's id or key when it has one (content id, space key, username). */
  id: string | null;
}

export interface AuditChange {
  name: string;
  before: string;
  after: string;
}

/** Who made the change, as they were then; `userId` is null once the user is deleted, or for the system. */
export interface AuditAuthor {
  userId: number | null;
  username: string | null;
  userKey: string | null;
  accountId: string | null;
  displayName: string;
}

export interface AuditSpaceRef {
  id: number | null;
  key: string;
  name: string;
}

export interface AuditContentRef {
  id: number;
  type: string;
  title: string;
}

export interface AuditRecord {
  id: number;
  createdAtMs: number;
  author: AuditAuthor;
  /** The client's address for changes made over HTTP; '' for the command line and the server itself. */
  remoteAddress: string;
  category: string;
  summary: string;
  description: string;
  /** The author was a site administrator when they made the change. */
  sysAdmin: boolean;
  object: AuditObject | null;
  space: AuditSpaceRef | null;
  content: AuditContentRef | null;
  changes: AuditChange[];
  /** Further objects the change concerns (the page an attachment sits on, the group of a membership). */
  associated: AuditObject[];
}

const nouns: Record<string, string> = {
  space: 'Space',
  user: 'User',
  group: 'Group',
  token: 'API token',
  app: 'App',
  'audit-retention': 'Audit log retention',
};

/** How the log names a kind of object: 'Page', 'Blog post'; a type it does not know, as given. */
export const auditNoun = (type: string): string => nouns[type] ?? contentTypeNoun(type);

/** Java's ChronoUnit names, which Confluence takes for `/audit/since` and the retention period. */
export const timeUnits = [
  'NANOS',
  'MICROS',
  'MILLIS',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'HALF_DAYS',
  'DAYS',
  'WEEKS',
  'MONTHS',
  'YEARS',
  'DECADES',
  'CENTURIES',
  'MILLENNIA',
  'ERAS',
  'FOREVER',
] as const;
export type TimeUnit = (typeof timeUnits)[number];

/** `/audit/since` offers the units up to CENTURIES (Cloud v1 spec); the retention period offers all. */
export const sinceUnits: readonly TimeUnit[] = timeUnits.slice(0, timeUnits.indexOf('MILLENNIA'));

export interface TimePeriod {
  number: number;
  units: TimeUnit;
}

const yearMs = 31_556_952_000;

// ChronoUnit's estimated durations (a year is 365.2425 days), used to compare periods of different units.
const estimatedUnitMs: Record<TimeUnit, number> = {
  NANOS: 1e-6,
  MICROS: 1e-3,
  MILLIS: 1,
  SECONDS: 1_000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  HALF_DAYS: 43_200_000,
  DAYS: 86_400_000,
  WEEKS: 604_800_000,
  MONTHS: yearMs / 12,
  YEARS: yearMs,
  DECADES: yearMs * 10,
  CENTURIES: yearMs * 100,
  MILLENNIA: yearMs * 1_000,
  ERAS: yearMs * 1_000_000_000,
  FOREVER: Number.POSITIVE_INFINITY,
};

/** Cloud keeps audit events for one year by default, and one year is the longest period it accepts. */
export const defaultRetention: TimePeriod = Object.freeze({ number: 1, units: 'YEARS' });
export const longestRetention: TimePeriod = Object.freeze({ number: 1, units: 'YEARS' });

export function estimatedMs(period: TimePeriod): number {
  return period.number * estimatedUnitMs[period.units];
}

const monthsIn: Partial<Record<TimeUnit, number>> = {
  MONTHS: 1,
  YEARS: 12,
  DECADES: 120,
  CENTURIES: 1_200,
  MILLENNIA: 12_000,
};

// JavaScript dates span ±8.64e15 ms around 1970.
const earliestDateMs = -8.64e15;

/**
 * The instant `period` before `nowMs`; undefined when that is before any representable date (everything
 * is newer). Months and longer count on the UTC calendar, clamping the day as Java's `minusMonths` does
 * (31 March less one month is 28 or 29 February).
 */
export function instantBefore(nowMs: number, period: TimePeriod): number | undefined {
  const months = monthsIn[period.units];
  let instant: number;
  if (months === undefined) {
    instant = nowMs - Math.floor(estimatedMs(period));
  } else {
    const now = new Date(nowMs);
    const total = now.getUTCFullYear() * 12 + now.getUTCMonth() - period.number * months;
    const year = Math.floor(total / 12);
    const month = total - year * 12;
    // setUTCFullYear, unlike Date.UTC, does not read years 0 to 99 as 1900 to 1999.
    const date = new Date(nowMs);
    date.setUTCFullYear(year, month + 1, 0);
    const lastDay = date.getUTCDate();
    date.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
    instant = date.getTime();
  }
  return Number.isFinite(instant) && instant >= earliestDateMs ? instant : undefined;
}
