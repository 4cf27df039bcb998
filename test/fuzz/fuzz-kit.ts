/**
 * What every fuzz suite shares (issue 22 §3): how many cases to run, the seed, the site snapshot that
 * proves an error changed nothing, and the check of an answer against its surface's error shape.
 *
 * CI runs a modest number of cases from a fixed seed, so a failure reproduces; a long run sets
 * TRIBUTARY_FUZZ_RUNS (cases per property) and may set TRIBUTARY_FUZZ_SEED:
 * `TRIBUTARY_FUZZ_RUNS=100000 node --import tsx --test test/fuzz/*.test.ts`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type * as fc from 'fast-check';
import pg from 'pg';
import type { TestResponse, TestServer } from '../support/test-server.ts';

const runsFromEnvironment = Number(process.env.TRIBUTARY_FUZZ_RUNS);
const seedFromEnvironment = Number(process.env.TRIBUTARY_FUZZ_SEED);

/** The seed of every property: fixed, so CI finds the same cases each time. */
export const fuzzSeed = Number.isInteger(seedFromEnvironment) ? seedFromEnvironment : 22;

/** A long run's case count when TRIBUTARY_FUZZ_RUNS asks for one, else `ciRuns`, scaled by `share`. */
export function fuzzRuns(ciRuns: number, share = 1): number {
  if (!Number.isInteger(runsFromEnvironment) || runsFromEnvironment <= 0) return ciRuns;
  return Math.max(1, Math.round(runsFromEnvironment * share));
}

/** fast-check's parameters for a property: the seed and the runs (a share of a long run's). */
export function fuzzParameters<T>(ciRuns: number, share = 1): fc.Parameters<T> {
  return { seed: fuzzSeed, numRuns: fuzzRuns(ciRuns, share), includeErrorInReport: true };
}

/**
 * Text as percent-escaped UTF-8 for a URL, escaping all but the unreserved characters. Unlike
 * encodeURIComponent it takes any string: a lone surrogate goes out as U+FFFD, as a client would send it.
 */
export function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

export type Surface = 'v1' | 'v2';

/** The surface whose error envelope a path answers in (the Extender and downloads share v1's). */
export function surfaceOf(requestPath: string): Surface {
  return /^\/(wiki\/)?api\/v2\//.test(requestPath) ? 'v2' : 'v1';
}

/**
 * A fuzzed request's answer: never a 5xx, and an error in its surface's shape (docs/errors.md): v1, DC
 * and the Extender `{statusCode, message, reason}` with the status repeated; v2 `{errors: [{status,
 * code, title, detail}]}`. Answers `true` when the request failed (4xx).
 */
export function assertSurfaceAnswer(surface: Surface, response: TestResponse, what: string): boolean {
  assert.ok(response.status < 500, `${what} answered ${response.status}: ${response.text.slice(0, 500)}`);
  if (response.status < 400) return false;
  // A HEAD answer has no body to check.
  if (what.startsWith('HEAD ')) return true;
  // A range past the end of a download: RFC 9110 §15.5.17's bare 416 with `Content-Range: bytes */size`,
  // as the download code sends it on purpose (src/http/common/send-attachment.ts).
  if (response.status === 416 && /^bytes \*\/\d+$/.test(response.headers.get('content-range') ?? ''))
    return true;
  // Confluence's own XSRF refusal is this plain text on every surface (src/http/common/xsrf.ts).
  if (response.status === 403 && response.text === 'XSRF check failed') return true;
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${what}: ${response.text}`);
  if (surface === 'v1') {
    const body = response.body as { statusCode?: unknown; message?: unknown; reason?: unknown };
    assert.equal(body?.statusCode, response.status, `${what}: ${response.text}`);
    assert.equal(typeof body.message, 'string', `${what}: ${response.text}`);
    assert.ok((body.message as string).length > 0, `${what}: an empty message`);
    assert.equal(typeof body.reason, 'string', `${what}: ${response.text}`);
  } else {
    const body = response.body as {
      errors?: { status?: unknown; code?: unknown; title?: unknown; detail?: unknown }[];
    };
    assert.ok(Array.isArray(body?.errors) && body.errors.length > 0, `${what}: ${response.text}`);
    for (const error of body.errors) {
      assert.equal(error.status, response.status, `${what}: ${response.text}`);
      assert.equal(typeof error.code, 'string', `${what}: ${response.text}`);
      assert.equal(typeof error.title, 'string', `${what}: ${response.text}`);
      assert.equal(typeof error.detail, 'string', `${what}: ${response.text}`);
    }
  }
  return true;
}

/**
 * Tables a read or a refused request may change without changing the site: who is signed in, failed
 * sign-ins, leases of the background duties, view counts. Everything else must be as it was.
 */
const volatileTables = /lease|session|sign_in|login|view|metric|webhook_deliver/;

/**
 * A digest of everything the site holds: every row of every table (but the volatile ones) and the set
 * of stored blobs. Two equal snapshots mean a request changed nothing a client or `fsck` could see.
 */
export async function siteSnapshot(site: TestServer): Promise<string> {
  const hash = createHash('sha256');
  const databaseUrl = flagValue(site.siteFlags, '--database-url');
  const tables = databaseUrl?.startsWith('postgres')
    ? await postgresRows(databaseUrl)
    : sqliteRows(path.join(site.dataDir, 'tributary.db'));
  for (const [table, rows] of tables) {
    if (volatileTables.test(table)) continue;
    hash.update(`${table}\n${rows.join('\n')}\n`);
  }
  hash.update((await site.blobStore.blobHashes()).sort().join('\n'));
  return hash.digest('hex');
}

function flagValue(flags: string[], name: string): string | undefined {
  const at = flags.indexOf(name);
  return at < 0 ? undefined : flags[at + 1];
}

let sqlite: { file: string; database: Database.Database } | undefined;

function sqliteRows(file: string): [string, string[]][] {
  if (sqlite?.file !== file) {
    sqlite?.database.close();
    sqlite = { file, database: new Database(file, { readonly: true, fileMustExist: true }) };
  }
  const database = sqlite.database;
  const names = database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return names.map(({ name }) => [
    name,
    (database.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort(),
  ]);
}

async function postgresRows(url: string): Promise<[string, string[]][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    const tables: [string, string[]][] = [];
    for (const { table_name: name } of names.rows) {
      const rows = await client.query(`SELECT * FROM "${name}"`);
      tables.push([name, rows.rows.map((row) => JSON.stringify(row)).sort()]);
    }
    return tables;
  } finally {
    await client.end();
  }
}

/** Closes what `siteSnapshot` keeps open between calls; for a suite's `after`. */
export function closeSnapshots(): void {
  sqlite?.database.close();
  sqlite = undefined;
}

/**
 * Sends a fuzzed request and checks its answer; when it failed, checks that the site is as it was.
 * Answers the response, for checks of what a success did.
 */
export async function fuzzRequest(
  site: TestServer,
  send: () => Promise<TestResponse>,
  requestPath: string,
  what: string,
): Promise<TestResponse> {
  const before = await siteSnapshot(site);
  const response = await send();
  const failed = assertSurfaceAnswer(surfaceOf(requestPath), response, what);
  if (failed)
    assert.equal(
      await siteSnapshot(site),
      before,
      `${what} failed with ${response.status} yet changed the site`,
    );
  return response;
}
