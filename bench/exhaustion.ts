/**
 * Resource exhaustion (issue 22, item 4): the p99 of a small GET (`GET /rest/api/space/EX`, wrk, 4
 * connections) while one client attacks, against the same GET with no attack, in the same run.
 *
 *   node --import tsx bench/exhaustion.ts [--quick] [--only WORDS]   (attacks whose name has WORDS)
 *
 * Two processes: the server (this file with `--serve`, default limits, log silent), which seeds through
 * its store a 10,000-level page chain and a space to delete (1,000,000 items; 20,000 with `--quick`), and
 * this one, which runs each attack from 127.0.0.2 (so the per-address limit meets the attacker, not wrk):
 * slowloris headers, byte-a-second uploads, downloads never read, idle connections, the deepest `expand`
 * allowed, `limit=1000000`, every ancestor of the deepest page, and the deletion of the big space.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seedPages } from '../test/support/seed-pages.ts';
import { startBenchServer } from './support/bench-server.ts';
import { adminAuthorization, createPage, exchange, json, upload } from './support/http-client.ts';
import { type Measure, report } from './support/report.ts';
import { serveParent, startChild, stopChild } from './support/server-child.ts';
import { runWrk } from './support/wrk.ts';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    serve: { type: 'string' },
  },
});
const { quick, only } = options;
const here = fileURLToPath(import.meta.url);
const chainLevels = 10_000;
const bigSpaceItems = quick ? 20_000 : 1_000_000;
const attacker = '127.0.0.2';

type Ready = { type: 'ready'; origin: string; leafId: number; rootId: number };

async function serve(dataDir: string): Promise<void> {
  const server = await startBenchServer(dataDir);
  const origin = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
  await json(`${origin}/rest/api/space`, 'POST', { key: 'EX', name: 'Exhaustion' });
  await json(`${origin}/rest/api/space`, 'POST', { key: 'BIG', name: 'To delete' });
  const rootId = Number(await createPage(origin, 'EX', 'Root'));
  const chain = await seedPages(server.site.services, 'EX', chainLevels, { chain: true });
  await seedPages(server.site.services, 'BIG', bigSpaceItems);
  serveParent(server, { leafId: chain.at(-1), rootId });
}

/** Raw connections from the attacker's address; each closes itself when the server drops it. */
function attackSockets(origin: string, count: number, start: (socket: Socket) => void): Socket[] {
  const url = new URL(origin);
  return Array.from({ length: count }, () => {
    const socket = connect({ host: url.hostname, port: Number(url.port), localAddress: attacker });
    socket.on('error', () => {});
    socket.once('connect', () => start(socket));
    return socket;
  });
}

/** Requests in a loop from the attacker's address until stopped. */
function looping(url: string, concurrency: number, method = 'GET'): () => void {
  let running = true;
  const agent = new http.Agent({ keepAlive: true, localAddress: attacker });
  for (let n = 0; n < concurrency; n += 1) {
    void (async () => {
      while (running) {
        await new Promise<void>((resolve) => {
          const request = http.request(url, {
            method,
            agent,
            headers: { authorization: adminAuthorization },
          });
          request.on('response', (response) => response.resume().once('end', resolve));
          request.on('error', () => setTimeout(resolve, 10));
          request.end();
        });
      }
    })();
  }
  return () => {
    running = false;
    agent.destroy();
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-exhaustion-'));
  const { child, next } = startChild<Ready>(here, ['--serve', dataDir]);
  try {
    const { origin, leafId, rootId } = await next();
    const seconds = quick ? 3 : 10;
    const probe = () =>
      runWrk(`${origin}/rest/api/space/EX`, {
        connections: 4,
        seconds,
        headers: { authorization: adminAuthorization },
      });
    const baseline = await probe();
    const attachment = await upload(origin, String(rootId), 'big.bin', Buffer.alloc(16 * 1024 * 1024, 7));
    const attacks: [name: string, start: () => () => void][] = [
      [
        '200 slowloris header senders',
        () => {
          const sockets = attackSockets(origin, 200, (socket) =>
            socket.write('GET /status HTTP/1.1\r\nHost: x\r\n'),
          );
          const drip = setInterval(() => {
            for (const socket of sockets) if (!socket.destroyed) socket.write('X');
          }, 1000);
          return () => {
            clearInterval(drip);
            for (const socket of sockets) socket.destroy();
          };
        },
      ],
      [
        '50 uploads at a byte a second',
        () => {
          const sockets = attackSockets(origin, 50, (socket) =>
            socket.write(
              `POST /rest/api/content/${rootId}/child/attachment HTTP/1.1\r\nHost: x\r\nAuthorization: ${adminAuthorization}\r\nX-Atlassian-Token: no-check\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="slow.bin"\r\n\r\n`,
            ),
          );
          const drip = setInterval(() => {
            for (const socket of sockets) if (!socket.destroyed) socket.write('x');
          }, 1000);
          return () => {
            clearInterval(drip);
            for (const socket of sockets) socket.destroy();
          };
        },
      ],
      [
        '50 downloads of 16 MiB never read',
        () => {
          const sockets = attackSockets(origin, 50, (socket) => {
            socket.write(
              `GET ${attachment._links.download} HTTP/1.1\r\nHost: x\r\nAuthorization: ${adminAuthorization}\r\n\r\n`,
            );
            socket.pause();
          });
          return () => {
            for (const socket of sockets) socket.destroy();
          };
        },
      ],
      [
        '1,000 idle connections',
        () => {
          const sockets = attackSockets(origin, 1000, () => {});
          return () => {
            for (const socket of sockets) socket.destroy();
          };
        },
      ],
      [
        '4 loops of the deepest expand (children ×4)',
        () =>
          looping(
            `${origin}/rest/api/content/${rootId}?expand=children.page.children.page.children.page.children.page`,
            4,
          ),
      ],
      ['4 loops of limit=1000000', () => looping(`${origin}/rest/api/content?spaceKey=EX&limit=1000000`, 4)],
      [
        `4 loops of ${chainLevels.toLocaleString('en')} ancestors`,
        () => looping(`${origin}/rest/api/content/${leafId}?expand=ancestors`, 4),
      ],
      [
        `deleting a space of ${bigSpaceItems.toLocaleString('en')} items`,
        () => {
          void exchange(`${origin}/rest/api/space/BIG`, 'DELETE', {});
          return () => {};
        },
      ],
    ];
    const measures: Measure[] = [];
    for (const [name, start] of attacks) {
      if (only !== undefined && !name.includes(only)) continue;
      const stop = start();
      await sleep(500);
      const during = await probe();
      stop();
      await sleep(500);
      const ratio = during.p99Ms / baseline.p99Ms;
      measures.push({
        name: `p99 of a small GET during ${name}`,
        value: during.p99Ms,
        unit: 'ms',
        baseline: { name: 'no attack', value: baseline.p99Ms, unit: 'ms' },
        ratio,
        goal: '≤ 10× and no errors',
        // No answer at all in the whole probe is the worst case, not a p99 of 0.
        met: during.requests > 0 && ratio <= 10 && during.non2xx === 0,
        spread: `${during.requests} requests, ${during.non2xx} errors`,
      });
    }
    report(`Resource exhaustion${quick ? ' (--quick)' : ''}`, measures);
  } finally {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (options.serve !== undefined) await serve(options.serve);
else await main();
