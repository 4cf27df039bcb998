/**
 * Start-up time and idle memory of `node bin/tributary.js serve`, against a Fastify hello-world measured in
 * the same run (issue 21, items 5 and 6).
 *
 *   node --import tsx bench/start-up.ts [--quick] [--no-build]
 *
 * It runs `npm run build` first (users start the built JavaScript in dist/, not tsx), unless `--no-build`
 * says dist/ is already current. Then, in interleaved rounds (7, or 3 with `--quick`), each of three
 * processes is spawned and `GET /status` is polled every 2 ms until the first 200:
 *   - baseline: a Fastify hello-world answering `/status` (the same Fastify as Tributary's)
 *   - Tributary on an empty site (a fresh data directory each round: the first start, migrations applied)
 *   - Tributary on a site with 100,000 attachments (10,000 with `--quick`), seeded once before the rounds
 *     through the metadata store, as bench/attachments.ts seeds its listing page
 * One second after its first 200 each process's resident memory (VmRSS) is read, then it gets SIGTERM.
 * Log level `info`, as a user runs it. Everything lives in a temp dir that is removed at the end.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load-config.ts';
import { startServer } from '../src/main.ts';
import { benchAdminPassword, createPage, json, upload } from './support/http-client.ts';
import { report } from './support/report.ts';
import {
  type SeedReply,
  type SeedRequest,
  seedOnRequest,
  startChild,
  stopChild,
} from './support/server-child.ts';
import { median } from './support/stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type ChildMessage = { type: 'ready'; origin: string } | SeedReply;

/** The seeding child: the real server (through tsx), used once to fill the big site, then stopped. */
async function serveForSeeding(dataDir: string): Promise<void> {
  const server = await startServer(
    loadConfig({
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_PORT: '0',
      TRIBUTARY_ADMIN_PASSWORD: benchAdminPassword,
      TRIBUTARY_LOG_LEVEL: 'silent',
    }),
  );
  const { port } = server.app.server.address() as AddressInfo;
  process.on('message', async (message: SeedRequest | { type: 'stop' }) => {
    if (message.type === 'seed') return seedOnRequest(server.site.services.store, message);
    await server.close();
    process.disconnect();
  });
  process.send?.({ type: 'ready', origin: `http://127.0.0.1:${port}` } satisfies ChildMessage);
}

async function seedBigSite(dataDir: string, count: number): Promise<void> {
  const started = startChild<ChildMessage>(fileURLToPath(import.meta.url), ['--seed-site', dataDir]);
  try {
    const ready = await started.next();
    assert.equal(ready.type, 'ready');
    if (ready.type !== 'ready') return;
    const { origin } = ready;
    await json(`${origin}/rest/api/space`, 'POST', { key: 'BENCH', name: 'Benchmark' });
    const page = await createPage(origin, 'BENCH', 'Many attachments');
    const template = await upload(origin, page, 'template.txt', Buffer.from('tiny\n'));
    started.child.send({
      type: 'seed',
      pageId: Number(page),
      templateId: Number(template.id),
      count: count - 1,
    } satisfies SeedRequest);
    const seeded = await started.next();
    if (seeded.type !== 'seeded') throw new Error(`seeding failed: ${JSON.stringify(seeded)}`);
    console.log(`seeded ${count} attachments in ${seeded.seconds.toFixed(1)} s`);
  } finally {
    await stopChild(started.child);
  }
}

const helloWorld = (fastifyUrl: string) => `
import Fastify from ${JSON.stringify(fastifyUrl)};
const app = Fastify({ logger: { level: 'info' } });
app.get('/status', async () => ({ state: 'RUNNING' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.TRIBUTARY_PORT) });
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

async function freePort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}

const statusOf = (port: number) =>
  new Promise<number>((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/status', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
  });

const residentMiB = async (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Spawns the process, times it to the first 200 on `/status`, reads its idle RSS a second later. */
async function startOnce(args: readonly string[], env: Record<string, string>) {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...args], {
    env: { ...process.env, ...env, TRIBUTARY_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit');
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      if ((await statusOf(port)) === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { ms, rssMiB: await residentMiB(child.pid ?? 0) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const spread = (values: readonly number[], unit: string) =>
  `rounds ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ${unit}`;

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rounds = quick ? 3 : 7;
  const attachmentCount = quick ? 10_000 : 100_000;
  if (process.argv.includes('--no-build')) console.log('--no-build: timing dist/ as it is');
  else {
    console.log('building dist/ (npm run build)…');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const tmp = await mkdtemp(path.join(tmpdir(), 'tributary-start-up-'));
  try {
    const hello = path.join(tmp, 'hello.mjs');
    const fastifyUrl = pathToFileURL(path.join(root, 'node_modules/fastify/fastify.js')).href;
    await writeFile(hello, helloWorld(fastifyUrl));
    const bigSite = path.join(tmp, 'big-site');
    await seedBigSite(bigSite, attachmentCount);

    const tributary = [path.join(root, 'bin/tributary.js'), 'serve'];
    const siteEnv = (dataDir: string) => ({
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_ADMIN_PASSWORD: benchAdminPassword,
      TRIBUTARY_LOG_LEVEL: 'info',
    });
    const results = { hello: [], empty: [], big: [] } as Record<
      'hello' | 'empty' | 'big',
      { ms: number; rssMiB: number }[]
    >;
    for (let round = 0; round < rounds; round += 1) {
      results.hello.push(await startOnce([hello], {}));
      results.empty.push(await startOnce(tributary, siteEnv(path.join(tmp, `empty-${round}`))));
      results.big.push(await startOnce(tributary, siteEnv(bigSite)));
      const last = (kind: keyof typeof results) => results[kind].at(-1);
      console.log(
        `round ${round + 1}: hello ${last('hello')?.ms.toFixed(0)} ms, empty ${last('empty')?.ms.toFixed(0)} ms, ` +
          `${attachmentCount} attachments ${last('big')?.ms.toFixed(0)} ms`,
      );
    }
    const ms = (kind: keyof typeof results) => results[kind].map((result) => result.ms);
    const rss = (kind: keyof typeof results) => results[kind].map((result) => result.rssMiB);
    const helloMs = median(ms('hello'));
    const helloRss = median(rss('hello'));
    const sites = [
      ['an empty site', 'empty'],
      [`a site with ${attachmentCount.toLocaleString('en')} attachments`, 'big'],
    ] as const;
    report('Start-up and idle memory (issue 21, items 5 and 6)', [
      ...sites.map(([name, kind]) => {
        const value = median(ms(kind));
        return {
          name: `process spawn to first 200 on /status, ${name}`,
          value,
          unit: 'ms',
          baseline: { name: 'Fastify hello-world', value: helloMs, unit: 'ms' },
          ratio: value / helloMs,
          goal: '≤ 300 ms',
          met: value <= 300,
          spread: spread(ms(kind), 'ms'),
        };
      }),
      ...sites.map(([name, kind]) => {
        const value = median(rss(kind));
        return {
          name: `resident memory 1 s after start, ${name}`,
          value,
          unit: 'MiB',
          baseline: { name: 'Fastify hello-world', value: helloRss, unit: 'MiB' },
          ratio: value / helloRss,
          goal: '≤ 80 MiB',
          met: value <= 80,
          spread: spread(rss(kind), 'MiB'),
        };
      }),
    ]);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--seed-site') await serveForSeeding(process.argv[3] ?? '');
else await main();
