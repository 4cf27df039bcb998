import { badRequest } from './errors.ts';

/**
 * A fault of test mode (docs/testing.md, "Faults"): which requests it matches and what it does to them.
 * The same shape is posted to `/rest/tributary/1.0/faults` and listed in a `TRIBUTARY_FAULTS` file.
 */
export interface FaultRule {
  /** Upper case; undefined: any method. */
  method?: string;
  /** `/segment/*` (one segment) and `/**` (any rest), without the context path. */
  path: string;
  /** Only this user's requests (by username, any case). */
  user?: string;
  /** Answer this status (400–599) in the surface's error shape instead of serving the request. */
  status?: number;
  /** `Retry-After` seconds of a 429 (1 unless given) or 503. */
  retryAfter?: number;
  /** Wait this long before the request is served (or failed). */
  delayMs?: number;
  /** Serve the request, but send only the head and this many body bytes, then close the connection. */
  cutAfterBytes?: number;
  /** Close the connection at once, answering nothing; the request is not served. */
  reset?: true;
  /** Read and store an upload's bytes, then fail (with `status`, 500 unless given) before it is committed. */
  failUpload?: true;
  /** Only the next this many matching requests; undefined: every one. */
  times?: number;
  /** The chance that a matching request is hit, drawn from a generator seeded with `seed`. */
  probability?: number;
  seed?: number;
}

const fields = new Set([
  'method',
  'path',
  'user',
  'status',
  'retryAfter',
  'delayMs',
  'cutAfterBytes',
  'reset',
  'failUpload',
  'times',
  'probability',
  'seed',
]);

/** What a rule does, besides a delay, of which a rule has at most one. */
const actions = ['status', 'cutAfterBytes', 'reset', 'failUpload'] as const;

const maxDelayMs = 10 * 60 * 1000;
// An HTTP method is a token (RFC 9110 §9.1); Fastify answers only the ones it knows, so any token may be named.
const methodPattern = /^[A-Za-z]{1,20}$/;

function wholeNumber(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`'${name}' must be a whole number from ${min} to ${max}`, { field: name });
  }
  return value;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`'${name}' must be a non-empty string`, { field: name });
  }
  return value.trim();
}

function onlyTrue(value: unknown, name: string): true {
  if (value !== true) throw badRequest(`'${name}' can only be true (or left out)`, { field: name });
  return true;
}

/** Each segment is literal, `*` or `**`; a star inside a segment is refused rather than taken literally. */
function checkPath(value: unknown): string {
  const path = text(value, 'path');
  if (!path.startsWith('/')) {
    throw badRequest("'path' must start with / (without the context path), such as /wiki/api/v2/pages/*", {
      field: 'path',
    });
  }
  for (const segment of path.split('/')) {
    if (segment.includes('*') && segment !== '*' && segment !== '**') {
      throw badRequest(
        `'path' segment '${segment}': * stands for one whole segment and ** for any rest, not part of one`,
        { field: 'path' },
      );
    }
  }
  return path;
}

/** A rule from JSON, checked and normalised; every problem is a 400 naming the field. */
export function parseFaultRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badRequest(
      'A fault rule is a JSON object such as {"method": "GET", "path": "/rest/api/**", "status": 503}',
    );
  }
  const given = input as Record<string, unknown>;
  const unknown = Object.keys(given).filter((name) => !fields.has(name));
  if (unknown.length > 0) {
    throw badRequest(`Unknown field '${unknown[0]}'; a fault rule has ${[...fields].join(', ')}`, {
      field: unknown[0],
    });
  }
  const has = (name: string) => given[name] !== undefined;
  const rule: FaultRule = { path: checkPath(given.path) };
  if (has('method')) {
    const method = text(given.method, 'method');
    if (!methodPattern.test(method))
      throw badRequest(`'method' ${method} is no HTTP method`, { field: 'method' });
    rule.method = method.toUpperCase();
  }
  if (has('user')) rule.user = text(given.user, 'user');
  if (has('status')) rule.status = wholeNumber(given.status, 'status', 400, 599);
  if (has('retryAfter')) rule.retryAfter = wholeNumber(given.retryAfter, 'retryAfter', 0, 86_400);
  if (has('delayMs')) rule.delayMs = wholeNumber(given.delayMs, 'delayMs', 0, maxDelayMs);
  if (has('cutAfterBytes')) {
    rule.cutAfterBytes = wholeNumber(given.cutAfterBytes, 'cutAfterBytes', 0, Number.MAX_SAFE_INTEGER);
  }
  if (has('reset')) rule.reset = onlyTrue(given.reset, 'reset');
  if (has('failUpload')) rule.failUpload = onlyTrue(given.failUpload, 'failUpload');
  if (has('times')) rule.times = wholeNumber(given.times, 'times', 1, 1_000_000);
  if (has('probability')) {
    const { probability } = given;
    if (typeof probability !== 'number' || !(probability > 0 && probability <= 1)) {
      throw badRequest("'probability' must be a number above 0 and at most 1", { field: 'probability' });
    }
    rule.probability = probability;
  }
  if (has('seed')) {
    if (!has('probability')) throw badRequest("'seed' goes with 'probability'", { field: 'seed' });
    rule.seed = wholeNumber(given.seed, 'seed', 0, 2 ** 32 - 1);
  }
  checkCombination(rule);
  return rule;
}

function checkCombination(rule: FaultRule): void {
  const chosen = actions.filter((action) => rule[action] !== undefined);
  const failing = chosen.filter((action) => action !== 'status');
  if (chosen.length === 0 && rule.delayMs === undefined) {
    throw badRequest(
      'A fault rule needs something to do: status, delayMs, cutAfterBytes, reset or failUpload',
    );
  }
  if (
    failing.length > 1 ||
    (rule.status !== undefined && failing.some((action) => action !== 'failUpload'))
  ) {
    throw badRequest(`A fault rule does one thing: ${chosen.join(' and ')} do not go together`);
  }
  if (rule.retryAfter !== undefined && rule.status !== 429 && rule.status !== 503) {
    throw badRequest("'retryAfter' goes with status 429 or 503", { field: 'retryAfter' });
  }
}

/**
 * Whether a request path (without query or context path) matches a rule's path: `*` is one segment,
 * `**` any number of segments (none too). A trailing slash is ignored on both, as the router ignores it.
 */
export function faultPathMatcher(pattern: string): (path: string) => boolean {
  const segments = trimSlash(pattern).split('/').slice(1);
  const source = segments
    .map((segment) =>
      segment === '**' ? '(?:/[^/]+)*' : segment === '*' ? '/[^/]+' : `/${escapeRegExp(segment)}`,
    )
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(trimSlash(path));
}

// `/` becomes the empty path, which `/**` matches as it matches every other.
const trimSlash = (path: string) => (path.endsWith('/') ? path.slice(0, -1) : path);
const escapeRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
