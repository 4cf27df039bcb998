/**
 * Tributary on PostgreSQL, one node and two, against one node on SQLite measured in the same run (issue 19,
 * item 7).
 *
 *   TRIBUTARY_BENCH_POSTGRES_URL=postgres://… node --import tsx bench/scale-out.ts [--quick]
 *
 * The URL names a cluster (default postgres://postgres@127.0.0.1:55432/postgres); the run creates two fresh
 * databases on it (C collation, as the test databases are) and drops them at the end. Every server runs in a
 * child process of its own (this file with `--serve`); everything else lives in a temp dir removed at the end.
 *
 *   1. 1 KiB uploads per second from 16 concurrent clients, each upload a new attachment of new bytes, timed
 *      after untimed warm-up uploads (1,000; 200 with --quick), on
 *        (a) one node on SQLite + a blob folder: the baseline
 *        (b) one node on PostgreSQL + a blob folder
 *        (c) two nodes (two server processes) on one PostgreSQL database, the 16 clients split between them.
 *            The two share one blob folder, which is fine for a benchmark on one machine; a real site of
 *            several machines would put its blobs on S3.
 *      Blob folders everywhere, so the comparison isolates the database. Each runs twice: all clients on
 *      one page, and each client on a page of its own (uploads to one page contend for it: on PostgreSQL
 *      their SERIALIZABLE transactions conflict and are retried, counted here from pg_stat_database).
 *      Rounds take the six in turn (rotating who goes first) so the machine's swings hit all alike; median
 *      uploads/s over rounds, and the ratio to (a) with the clients on as many pages.
 *   2. The first and last pages of a page with 100,000 attachments (10,000 with --quick), seeded through the
 *      metadata store: v1 `start`/`limit` and v2 cursors (`_links.next` walked to the end), median ms over
 *      rounds, full pages only, on (b)'s PostgreSQL beside (a)'s SQLite.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startBenchServer } from './support/bench-server.ts';
import {
  agent,
  createPage,
  json,
  type ListingCost,
  lastOverFirst,
  measureListing,
  timed,
  upload,
  uploadSmallFiles,
} from './support/http-client.ts';
import {
  type SeedReply,
  type SeedRequest,
  serveParent,
  startChild,
  stopChild,
} from './support/server-child.ts';
import { median } from './support/stats.ts';

type ParentMessage = SeedRequest | { type: 'stop' };
type ChildMessage = { type: 'ready'; origin: string } | SeedReply;

// ---------------------------------------------------------------------------------------------------------
// The child: one server node.

async function serve(dataDir: string, blobFolder: string, databaseUrl: string): Promise<void> {
  const server = await startBenchServer(dataDir, {
    TRIBUTARY_BLOB_STORE_URL: `file:${blobFolder}`,
    ...(databaseUrl === '' ? {} : { TRIBUTARY_DATABASE_URL: databaseUrl }),
  });
  serveParent(server);
}

// ---------------------------------------------------------------------------------------------------------
// The parent: databases, nodes, the clients and the report.

const clusterUrl = process.env.TRIBUTARY_BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:55432/postgres';

async function onCluster<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the cluster, as the test databases are made (test/support/test-database.ts). */
async function createDatabase(name: string): Promise<string> {
  await onCluster((client) =>
    client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
  );
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Node {
  child: ChildProcess;
  origin: string;
  next: () => Promise<ChildMessage>;
}

async function startNode(dataDir: string, blobFolder: string, databaseUrl: string): Promise<Node> {
  const started = startChild<ChildMessage>(fileURLToPath(import.meta.url), [
    '--serve',
    dataDir,
    blobFolder,
    databaseUrl,
  ]);
  const ready = await started.next();
  if (ready.type !== 'ready') throw new Error(`the node did not start: ${JSON.stringify(ready)}`);
  return { child: started.child, origin: ready.origin, next: started.next };
}

interface Setup {
  label: string;
  nodes: Node[];
  /** The pages the clients attach to: one for all, or one each. */
  pages: string[];
  /** The PostgreSQL database, whose aborted transactions are counted; undefined on SQLite. */
  database: string | undefined;
  /** uploads/s of each timed round. */
  rates: number[];
  /** Transactions the database rolled back (serialization failures, retried) per timed upload. */
  rollbacks: number;
}

/** Transactions rolled back in the database so far (pg_stat_database, updated as each one ends). */
async function rollbacksIn(database: string | undefined): Promise<number> {
  if (database === undefined) return 0;
  return onCluster(async (client) => {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ n: string }>(
      'SELECT xact_rollback AS n FROM pg_stat_database WHERE datname = $1',
      [database],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

async function bench(quick: boolean): Promise<void> {
  const attachmentCount = quick ? 10_000 : 100_000;
  const rounds = quick ? 3 : 5;
  const uploadsPerRound = quick ? 200 : 800;
  // Steady state, not start-up: the first few hundred requests of a fresh process run unoptimised code.
  const warmUps = quick ? 200 : 1_000;
  const concurrency = 16;
  const listing = { limit: 200, rounds: 10, sampled: 5 };

  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-bench-scale-out-'));
  const run = randomBytes(6).toString('hex');
  const databases = [`tributary_bench_${run}_one`, `tributary_bench_${run}_two`];
  const nodes: Node[] = [];
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  try {
    const serverVersion = await onCluster(
      async (client) =>
        (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v,
    );
    console.log(
      `tributary scale-out bench${quick ? ' (--quick)' : ''}: ${attachmentCount} attachments, ` +
        `${rounds} × ${uploadsPerRound} small uploads after ${warmUps}; ${cpus().length} CPUs, ` +
        `Node ${process.version}, PostgreSQL ${serverVersion}; load average ${load()}`,
    );
    const [oneNodeUrl, twoNodesUrl] = await Promise.all(databases.map(createDatabase));
    const at = (name: string) => path.join(tmp, name);
    // Nodes start one after the other: the first on a fresh database creates its schema.
    const sqlite = await startNode(at('sqlite'), at('sqlite-blobs'), '');
    nodes.push(sqlite);
    const postgres = await startNode(at('postgres'), at('postgres-blobs'), oneNodeUrl ?? '');
    nodes.push(postgres);
    const first = await startNode(at('node-1'), at('shared-blobs'), twoNodesUrl ?? '');
    nodes.push(first);
    const second = await startNode(at('node-2'), at('shared-blobs'), twoNodesUrl ?? '');
    nodes.push(second);

    const setups: Setup[] = [];
    for (const [label, members, database] of [
      ['(a) one node, SQLite + folder', [sqlite], undefined],
      ['(b) one node, PostgreSQL + folder', [postgres], databases[0]],
      ['(c) two nodes, one PostgreSQL + one shared folder', [first, second], databases[1]],
    ] as const) {
      const origin = members[0].origin;
      await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
      const onePage = await createPage(origin, 'BENCH', 'Small files');
      const pageEach = await Promise.all(
        Array.from({ length: concurrency }, (_, n) => createPage(origin, 'BENCH', `Small files ${n}`)),
      );
      for (const [pages, where] of [
        [[onePage], 'one page'],
        [pageEach, 'a page each'],
      ] as const) {
        setups.push({
          label: `${label}, ${where}`,
          nodes: [...members],
          pages: [...pages],
          database,
          rates: [],
          rollbacks: 0,
        });
      }
    }

    // 1. The same load warms every setup up, untimed, on the page the timed rounds use.
    const uploadTo = (setup: Setup, prefix: string, count: number) =>
      uploadSmallFiles(
        setup.nodes.map((node) => node.origin),
        setup.pages,
        prefix,
        count,
        concurrency,
      );
    for (const setup of setups) await uploadTo(setup, 'warm', warmUps);
    for (let round = 0; round < rounds; round += 1) {
      for (let turn = 0; turn < setups.length; turn += 1) {
        const setup = setups[(round + turn) % setups.length];
        assert.ok(setup);
        const before = await rollbacksIn(setup.database);
        const { ms } = await timed(() => uploadTo(setup, `round-${round}`, uploadsPerRound));
        setup.rates.push(uploadsPerRound / (ms / 1000));
        setup.rollbacks += ((await rollbacksIn(setup.database)) - before) / (uploadsPerRound * rounds);
      }
    }

    // 2. A page of `attachmentCount` attachments on each database; one real upload makes the blob the rest
    // share. Both seed at once (untimed); the listings are timed one database after the other.
    const seeded = await Promise.all(
      [sqlite, postgres].map(async (node) => {
        const page = await createPage(node.origin, 'BENCH', 'Many attachments');
        const template = await upload(node.origin, page, 'template.txt', Buffer.from('tiny\n'));
        node.child.send({
          type: 'seed',
          pageId: Number(page),
          templateId: Number(template.id),
          count: attachmentCount - 1,
        } satisfies ParentMessage);
        const reply = await node.next();
        if (reply.type !== 'seeded') throw new Error(`seeding failed: ${JSON.stringify(reply)}`);
        return { page, seconds: reply.seconds };
      }),
    );
    const costs: ListingCost[] = [];
    for (const [index, node] of [sqlite, postgres].entries()) {
      const page = seeded[index]?.page ?? '';
      costs.push(await measureListing(node.origin, page, attachmentCount, listing));
    }

    // The report.
    const figure = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
    const baselines = setups.slice(0, 2).map((setup) => median(setup.rates));
    console.log(
      `\n1. 1 KiB uploads/s, ${concurrency} clients; median of ${rounds} rounds of ${uploadsPerRound}` +
        ` (after ${warmUps} warm-ups); load average now ${load()}`,
    );
    console.log(
      '   (ratios to (a) with the clients on as many pages; rollbacks: aborted transactions per upload)',
    );
    for (const [index, setup] of setups.entries()) {
      const rate = median(setup.rates);
      const baseline = baselines[index % 2] ?? 0;
      console.log(
        `   ${setup.label.padEnd(64)} ${figure(rate, 0)} uploads/s  ×${(rate / baseline).toFixed(2)}` +
          `  rollbacks ${setup.rollbacks.toFixed(2)}  (rounds: ${setup.rates.map((r) => r.toFixed(0)).join(', ')})`,
      );
    }
    console.log(
      `\n2. ${attachmentCount} attachments, ${listing.limit} a page; median ms over the first and last ` +
        `${listing.sampled} full pages, ${listing.rounds} rounds (seeded in ` +
        `${seeded.map((s) => s.seconds.toFixed(1)).join(' s and ')} s on SQLite and PostgreSQL)`,
    );
    const [onSqlite, onPostgres] = costs;
    assert.ok(onSqlite && onPostgres);
    const row = (name: string, cost: ListingCost, key: 'offset' | 'cursor') => {
      const firstMs = median(cost[`${key}First`]);
      const lastMs = median(cost[`${key}Last`]);
      return (
        `   ${name.padEnd(26)} first ${figure(firstMs)}  last ${figure(lastMs)}` +
        `  last/first ${lastOverFirst(cost[`${key}Last`], cost[`${key}First`]).toFixed(2)}`
      );
    };
    for (const [name, key] of [
      ['v1 start/limit', 'offset'],
      ['v2 cursor', 'cursor'],
    ] as const) {
      console.log(row(`${name}, SQLite`, onSqlite, key));
      console.log(
        `${row(`${name}, PostgreSQL`, onPostgres, key)}  PostgreSQL/SQLite: first ×` +
          `${(median(onPostgres[`${key}First`]) / median(onSqlite[`${key}First`])).toFixed(2)}, last ×` +
          `${(median(onPostgres[`${key}Last`]) / median(onSqlite[`${key}Last`])).toFixed(2)}`,
      );
    }
    console.log(
      `   (the v2 walks followed ${onSqlite.cursorPages} pages in ${(onSqlite.walkMs / 1000).toFixed(1)} s ` +
        `on SQLite, ${(onPostgres.walkMs / 1000).toFixed(1)} s on PostgreSQL)`,
    );
  } finally {
    await Promise.all(nodes.map((node) => stopChild(node.child)));
    agent.destroy();
    await onCluster(async (client) => {
      for (const name of databases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
    await rm(tmp, { recursive: true, force: true });
  }
}

// Last, so every module-level binding above is initialised before either role runs.
if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? '', process.argv[4] ?? '', process.argv[5] ?? '');
} else {
  await bench(process.argv.includes('--quick'));
}
