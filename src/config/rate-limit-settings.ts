import { booleanFromText } from '../domain/boolean-text.ts';
import type { RateLimitRule, RateLimits } from './config.ts';
import type { SettingKey } from './settings.ts';

const count = (text: string) => (/^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : undefined);

/** `FILL/SECONDS[:MAX]`: MAX defaults to FILL, and may not be below it (a bucket that can never fill). */
function parseRule(text: string): RateLimitRule | undefined {
  const match = /^(\d+)\/(\d+)(?::(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fillRate = count(match[1] ?? '');
  const intervalSeconds = count(match[2] ?? '');
  const max = match[3] === undefined ? fillRate : count(match[3]);
  if (!fillRate || !intervalSeconds || !max || max < fillRate) return undefined;
  return { fillRate, intervalSeconds, max };
}

/**
 * `name=unlimited` or `name=FILL/SECONDS[:MAX]`, comma-separated. Usernames are matched as Confluence
 * stores them (lower case); apps by their exact name after `app:`.
 */
function parseOverrides(text: string): Map<string, RateLimitRule | 'unlimited'> | undefined {
  const overrides = new Map<string, RateLimitRule | 'unlimited'>();
  for (const entry of text.split(',')) {
    const equals = entry.lastIndexOf('=');
    const name = entry.slice(0, equals).trim();
    const value = entry.slice(equals + 1).trim();
    if (equals < 0 || name === '' || name === 'app:') return undefined;
    const rule = value.toLowerCase() === 'unlimited' ? 'unlimited' : parseRule(value);
    if (!rule) return undefined;
    overrides.set(name.startsWith('app:') ? name : name.toLowerCase(), rule);
  }
  return overrides;
}

/** The rate-limit settings (docs/rate-limiting.md); their values are checked even while it is off. */
export function parseRateLimits(
  raw: (key: SettingKey) => string | undefined,
  fail: (key: SettingKey, problem: string) => never,
): RateLimits {
  const whole = (key: SettingKey, fallback: string) =>
    count(raw(key) ?? fallback) ?? fail(key, 'must be a positive whole number');
  const flag = (key: SettingKey) =>
    booleanFromText(raw(key) ?? 'false') ?? fail(key, 'must be true or false');
  const fillRate = whole('rateLimitFillRate', '10');
  const intervalSeconds = whole('rateLimitIntervalSeconds', '1');
  const max = whole('rateLimitMax', '100');
  if (max < fillRate) fail('rateLimitMax', `must be at least the fill rate (${fillRate})`);
  const overridesText = raw('rateLimitOverrides');
  const overrides =
    overridesText === undefined
      ? new Map()
      : (parseOverrides(overridesText) ??
        fail('rateLimitOverrides', 'must be comma-separated NAME=unlimited or NAME=FILL/SECONDS[:MAX]'));
  return {
    enabled: flag('rateLimit'),
    rule: { fillRate, intervalSeconds, max },
    exemptAdministrators: flag('rateLimitExemptAdmins'),
    overrides,
  };
}
