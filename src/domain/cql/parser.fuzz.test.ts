/**
 * Issue 5, "Done when": random and mutated queries never make the parser throw anything but a 400, and
 * parsing time grows linearly with the query. Seeded, so a failure names a query that reproduces it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../../test/support/domain-errors.ts';
import { formatCql } from './format.ts';
import { tokenize } from './lexer.ts';
import { parseCql } from './validate.ts';

/** mulberry32: small, fast and good enough to spread test inputs. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[below(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { next, below, pick };
}

const seeds: readonly string[] = [
  'type = attachment AND container = 123456',
  'type = attachment AND space = DEV AND created >= now("-4w")',
  'type = attachment AND title ~ "report*"',
  'type = attachment AND label = contract AND creator = currentUser()',
  'type = attachment AND ancestor = 98765 ORDER BY lastmodified DESC',
  '(type = page AND space = DEV) OR (type = blogpost AND creator = "557058:abc")',
  "space IN (favouriteSpaces(), 'FS')",
  String.raw`text ~ "\"advanced search\""`,
  "type=attachment and container='123456' and title!~'*.png'",
  "lastmodified >= '2024-01-15 10:30' and siteSearch ~ 'example'",
  'space = DEV order by created desc, title',
  'ancestor IN recentlyViewedContent(10, 20) AND NOT label IN (a, b)',
  'created > startOfDay("-7d") AND lastmodified < endOfWeek("-1w")',
  'fileSize >= 1048576 AND mediaType != "image/png" AND created >= 2014-09-01',
];

const tokenPool: readonly string[] = [
  'AND',
  'OR',
  'NOT',
  'IN',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'and',
  'not in',
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  '~',
  '!~',
  '!',
  '(',
  ')',
  ',',
  '"',
  "'",
  '\\',
  'type',
  'title',
  'space.key',
  'created',
  'fileSize',
  'foo',
  'page',
  '123',
  'att9',
  '2024-01-15',
  '"2024/01/15 10:30"',
  '"x"',
  "'y'",
  'now()',
  'now("-1d")',
  'currentUser()',
  'favouriteSpaces()',
  'order',
  'empty',
  'null',
  '*',
  '-',
  '.',
  '@',
  '[',
  ']',
  '..',
  '',
  ' ',
  '\n',
  '\u0000',
  'é',
  '\ud83d\ude00',
  '\ud800',
];

const characterPool = '()"\',=!<>~*-.\\ \n\tabcdefxyz0123456789ANDORNOT';

/** Everything a random query may do: return a query, or fail with a 400 and nothing else. */
function check(text: string): 'parsed' | 'refused' {
  let parsed: ReturnType<typeof parseCql>;
  try {
    parsed = parseCql(text);
  } catch (error) {
    if (isDomainError(error, 'invalid_request')) return 'refused';
    throw new Error(`${JSON.stringify(text.slice(0, 200))} threw ${String(error)}`);
  }
  // What parses must survive formatting and parsing again unchanged.
  const again = parseCql(formatCql(parsed));
  assert.equal(formatCql(again), formatCql(parsed), text);
  return 'parsed';
}

type Random = ReturnType<typeof randomSource>;

function mutateTokens(random: Random, seed: string): string {
  const parts = tokenize(seed)
    .map((token) => token.raw)
    .filter((raw) => raw !== '');
  for (let edits = 1 + random.below(3); edits > 0; edits -= 1) {
    const at = random.below(parts.length + 1);
    const operation = random.below(4);
    if (operation === 0) parts.splice(at, 1);
    else if (operation === 1) parts.splice(at, 0, random.pick(tokenPool));
    else if (operation === 2) parts.splice(at, 0, parts[random.below(parts.length)] ?? '');
    else {
      const other = random.below(parts.length);
      const [first, second] = [parts[at], parts[other]];
      if (first !== undefined && second !== undefined) [parts[at], parts[other]] = [second, first];
    }
  }
  return parts.join(random.below(4) === 0 ? '' : ' ');
}

function mutateCharacters(random: Random, seed: string): string {
  let text = seed;
  for (let edits = 1 + random.below(4); edits > 0; edits -= 1) {
    const at = random.below(text.length + 1);
    const char = characterPool.charAt(random.below(characterPool.length));
    const operation = random.below(3);
    if (operation === 0) text = text.slice(0, at) + text.slice(at + 1);
    else if (operation === 1) text = text.slice(0, at) + char + text.slice(at);
    else text = text.slice(0, at) + char + text.slice(at + 1);
  }
  return text;
}

function randomTokens(random: Random): string {
  const count = random.below(30);
  return Array.from({ length: count }, () => random.pick(tokenPool)).join(' ');
}

function randomCodeUnits(random: Random): string {
  const length = random.below(200);
  return String.fromCharCode(...Array.from({ length }, () => random.below(0x10000)));
}

function longRun(random: Random): string {
  const n = 1 + random.below(10_000);
  const big = 'x'.repeat(n);
  return random.pick([
    '('.repeat(n),
    `${'('.repeat(n)}label = x${')'.repeat(n)}`,
    `${'NOT '.repeat(n)}label = x`,
    `${'NOT ('.repeat(n)}label = x`,
    ')'.repeat(n),
    `title ~ "${big}"`,
    `title ~ "${big}`,
    `label = ${big}`,
    `${big} = x`,
    `title ~ "${'\\'.repeat(n)}"`,
    `label IN (${Array.from({ length: Math.min(n, 2_000) }, () => 'a').join(', ')})`,
    Array.from({ length: Math.min(n, 1_000) }, () => 'label = x').join(' AND '),
    `label = x ORDER BY ${Array.from({ length: Math.min(n, 1_000) }, () => 'title').join(', ')}`,
    `created > now(${Array.from({ length: Math.min(n, 1_000) }, () => '"1d"').join(', ')})`,
    '*'.repeat(n),
    '"'.repeat(n),
  ]);
}

describe('the CQL parser under random input', () => {
  it('returns a query or throws a 400 for 5,000 random and mutated queries, never anything else', (t) => {
    const random = randomSource(20240515);
    const outcomes = { parsed: 0, refused: 0 };
    for (let round = 0; round < 5_000; round += 1) {
      const kind = round % 5;
      const text =
        kind === 0
          ? mutateTokens(random, random.pick(seeds))
          : kind === 1
            ? mutateCharacters(random, random.pick(seeds))
            : kind === 2
              ? randomTokens(random)
              : kind === 3
                ? randomCodeUnits(random)
                : longRun(random);
      outcomes[check(text)] += 1;
    }
    t.diagnostic(JSON.stringify(outcomes));
    // Both outcomes must be well represented, or the generators have stopped exercising the parser.
    assert.ok(outcomes.parsed > 100, JSON.stringify(outcomes));
    assert.ok(outcomes.refused > 2_500, JSON.stringify(outcomes));
  });

  it('parses every seed query, so the mutations start from valid CQL', () => {
    for (const seed of seeds) assert.equal(check(seed), 'parsed', seed);
  });
});

/** Milliseconds to parse `text` `times` times over; a refusal is timed like a success. */
function elapsedMs(text: string, times: number): number {
  const started = process.hrtime.bigint();
  for (let time = 0; time < times; time += 1) {
    try {
      parseCql(text);
    } catch {
      // An error found at the end of a long query must cost no more than a success.
    }
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * The fastest time per parse of each query over interleaved rounds. The small query is parsed 8 times
 * per round, so both timed blocks last about as long and a busy machine disturbs them alike; the
 * minimum over rounds is the run least disturbed.
 */
function fastestPerParseMs(
  small: string,
  large: string,
  rounds: number,
): { smallMs: number; largeMs: number } {
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round += 1) {
    smallMs = Math.min(smallMs, elapsedMs(small, 8) / 8);
    largeMs = Math.min(largeMs, elapsedMs(large, 1));
  }
  return { smallMs, largeMs };
}

const shapes: Readonly<Record<string, (n: number) => string>> = {
  'a chain of ANDs and ORs': (n) =>
    Array.from({ length: n }, (_, i) => (i % 3 === 0 ? '(label = x OR title ~ "y")' : 'space = DEV')).join(
      ' AND ',
    ),
  'a long IN list': (n) => `label IN (${Array.from({ length: n * 2 }, (_, i) => `l${i}`).join(', ')})`,
  'a long quoted string with escapes': (n) => `title ~ "${'ab\\"cd '.repeat(n * 4)}"`,
  'a long ORDER BY': (n) =>
    `type = page ORDER BY ${Array.from({ length: n }, () => 'title DESC').join(', ')}`,
  'a long chain ending in an error': (n) =>
    `${Array.from({ length: n }, () => 'label = x').join(' AND ')} AND`,
  'an unterminated long string': (n) => `title ~ "${'a'.repeat(n * 20)}`,
};

describe('the CQL parser time', () => {
  for (const [shape, build] of Object.entries(shapes)) {
    it(`grows linearly for ${shape}: 8 times the size takes less than 16 times as long`, (t) => {
      // A few thousand characters against tens of thousands, the range URLs allow: far beyond that, V8's
      // young generation overflows and garbage collection adds a step that is not the parser's doing.
      const n = 250;
      const small = build(n);
      const large = build(8 * n);
      elapsedMs(large, 3); // warm up the JIT on the same code paths
      // A quadratic parser is 64 times slower at 8 times the size on every attempt; a burst of load on
      // a shared machine is not, so a slow measurement is taken again before it counts.
      let { smallMs, largeMs } = fastestPerParseMs(small, large, 20);
      for (let attempt = 1; attempt < 3 && largeMs >= 16 * smallMs; attempt += 1) {
        ({ smallMs, largeMs } = fastestPerParseMs(small, large, 20));
      }
      const figures = `${small.length} characters took ${smallMs.toFixed(3)} ms, ${large.length} took ${largeMs.toFixed(3)} ms`;
      t.diagnostic(`${figures} (× ${(largeMs / smallMs).toFixed(1)})`);
      assert.ok(largeMs < 16 * smallMs, figures);
    });
  }
});
