/**
 * Paging through a page with 100,000 attachments costs the same at the end as at the start, in every
 * order (issue 21, item 4).
 *
 *   node --import tsx bench/paging.ts [--quick]
 *
 * Full: 100,000 attachments; `--quick`: 10,000. Seeded through the server's metadata store (batched
 * transactions sharing one uploaded blob) in a server child process (this file with `--serve`), then:
 *
 *   v1  `GET /rest/api/content/{id}/child/attachment?start=&limit=100`: the first pages against the last
 *       (goal: last within 1.2 of first)
 *   v2  `GET /wiki/api/v2/pages/{id}/attachments?sort=…&limit=100`, for each order: the first page against
 *       later ones reached by `_links.next` (goal: first within 1.2 of later; a first page that sorted every
 *       attachment cost 38 ms against 5 ms), and that order's pages against the same pages by id (goal:
 *       within 1.2; an order without an index sorts every attachment after the cursor on every page)
 *
 * Each figure is the median over rounds; every round times every link once, so a busy neighbour moves both
 * sides of a ratio alike.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from './support/bench-server.ts';
import { agent, createPage, exchange, json, timed, upload } from './support/http-client.ts';
import { type Measure, report } from './support/report.ts';
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

async function serve(dataDir: string): Promise<void> {
  serveParent(await startBenchServer(dataDir));
}

const limit = 100;
// v2 `sort` values of attachments (http/v2/sorts.ts), the default (id) first.
const v2Sorts = ['', 'created-date', '-created-date', 'modified-date', '-modified-date'];

async function bench(quick: boolean): Promise<void> {
  const count = quick ? 10_000 : 100_000;
  const rounds = quick ? 7 : 15;
  const sampled = 3;
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-paging-'));
  const { child, next } = startChild<ChildMessage>(fileURLToPath(import.meta.url), ['--serve', tmp]);
  try {
    const ready = await next();
    assert.equal(ready.type, 'ready');
    const { origin } = ready as { origin: string };
    await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
    const pageId = await createPage(origin, 'BENCH', 'Many attachments');
    const template = await upload(origin, pageId, 'template.txt', Buffer.from('tiny\n'));
    child.send({
      type: 'seed',
      pageId: Number(pageId),
      templateId: Number(template.id),
      count: count - 1,
    } satisfies ParentMessage);
    const seeded = await next();
    if (seeded.type !== 'seeded') throw new Error(`seeding failed: ${JSON.stringify(seeded)}`);
    console.log(`seeded ${count - 1} attachments through the store in ${seeded.seconds.toFixed(1)} s`);

    const getPage = async (pathAndQuery: string) => {
      const reply = await exchange(origin + pathAndQuery, 'GET', {});
      assert.equal(reply.status, 200, `GET ${pathAndQuery}: ${reply.body.toString().slice(0, 300)}`);
      const page = JSON.parse(reply.body.toString()) as { results: unknown[]; _links: { next?: string } };
      assert.equal(page.results.length, limit, `${pathAndQuery} is a full page`);
      return page;
    };
    // Each pair: what is judged, and what it is judged against. Every link is timed once a round, all of
    // them in turn, so a busy neighbour slows both sides of a pair alike.
    const pairs: { name: string; judged: string[]; against: string[]; baseline: string }[] = [];
    const fullPages = Math.floor(count / limit);
    const v1 = (page: number) =>
      `/rest/api/content/${pageId}/child/attachment?start=${page * limit}&limit=${limit}`;
    pairs.push({
      name: `v1 start/limit, last ${sampled} pages over the first ${sampled}`,
      judged: Array.from({ length: sampled }, (_, n) => v1(fullPages - sampled + n)),
      against: Array.from({ length: sampled }, (_, n) => v1(n)),
      baseline: 'first pages',
    });
    const v2Pages = new Map<string, { first: string; later: string[] }>();
    for (const sort of v2Sorts) {
      const first = `/wiki/api/v2/pages/${pageId}/attachments?limit=${limit}${sort ? `&sort=${sort}` : ''}`;
      // Later pages: the ones `_links.next` leads to from the first.
      const later: string[] = [];
      let link = (await getPage(first))._links.next;
      while (link !== undefined && later.length < sampled) {
        later.push(link);
        link = (await getPage(link))._links.next;
      }
      v2Pages.set(sort, { first, later });
    }
    const byId = v2Pages.get('');
    assert.ok(byId);
    for (const [sort, { first, later }] of v2Pages) {
      const named = `v2 sort=${sort || '(none: id)'}`;
      pairs.push({
        name: `${named}, first page over later ones`,
        judged: [first],
        against: later,
        baseline: 'later pages',
      });
      // Later pages that sort every attachment after the cursor cost as much as the first: judged against
      // the id order, which every version of the schema reads from an index.
      if (sort !== '')
        pairs.push({
          name: `${named}, its pages over the same pages by id`,
          judged: [first, ...later],
          against: [byId.first, ...byId.later],
          baseline: 'by id',
        });
    }

    const links = [...new Set(pairs.flatMap((pair) => [...pair.judged, ...pair.against]))];
    const times = new Map(links.map((link) => [link, [] as number[]]));
    // A warm-up round, untimed: the first request of each shape prepares its statements.
    for (const link of links) await getPage(link);
    for (let round = 0; round < rounds; round += 1) {
      for (const link of links) times.get(link)?.push((await timed(() => getPage(link))).ms);
    }
    const medianOf = (group: readonly string[], round?: number) =>
      median(
        group.flatMap((link) => {
          const all = times.get(link) ?? [];
          return round === undefined ? all : all.slice(round, round + 1);
        }),
      );
    const measures: Measure[] = pairs.map((pair) => {
      const ratio = medianOf(pair.judged) / medianOf(pair.against);
      const perRound = Array.from(
        { length: rounds },
        (_, round) => medianOf(pair.judged, round) / medianOf(pair.against, round),
      ).sort((a, b) => a - b);
      return {
        name: pair.name,
        value: medianOf(pair.judged),
        unit: 'ms',
        baseline: { name: pair.baseline, value: medianOf(pair.against), unit: 'ms' },
        ratio,
        goal: '≤ 1.2',
        met: ratio <= 1.2,
        spread: `rounds ${perRound[0]?.toFixed(2)}–${perRound.at(-1)?.toFixed(2)}`,
      };
    });
    report(`Paging (${count} attachments on one page, ${limit} a page, ${rounds} rounds)`, measures);
  } finally {
    await stopChild(child);
    agent.destroy();
    await rm(tmp, { recursive: true, force: true });
  }
}

// Last, so every module-level binding above is initialised before either role runs.
if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? '');
} else {
  await bench(process.argv.includes('--quick'));
}
