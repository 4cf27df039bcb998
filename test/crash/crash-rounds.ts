/**
 * The crash-consistency harness (issue 22): the real `tributary serve` process on one site, many
 * concurrent writers, SIGKILL at a seeded moment, a restart on the same data, and checks that every write
 * answered 2xx before the kill is there, that everything listed is whole, and that `fsck` finds nothing.
 * The short run is test/crash/crash-consistency.test.ts; the long one test/crash/long-run.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import { openLiveSite } from '../../src/main.ts';
import { orphanGraceMs } from '../../src/services/blobs/orphan-blobs.ts';
import { checkSite } from '../../src/services/site/check-site.ts';
import { multipartForm, noCheck } from '../support/builders.ts';
import { testBlobStore } from '../support/test-blob-store.ts';
import { testDatabaseFor } from '../support/test-database.ts';
import { adminPassword, basic, type Requester, requesterFor } from '../support/test-server.ts';
import { serveOnFreePort, stopTributary, type Tributary } from '../support/tributary-process.ts';
import { type Random, seededRandom } from './seeded-random.ts';
import { type CrashModel, verifyAfterRestart, type WorkerState } from './verify-site.ts';

export interface CrashRunOptions {
  rounds: number;
  seed: number;
  /** Concurrent writers, each in a space of its own (so that every acknowledged write has one outcome). */
  writers?: number;
  /** The longest a round's load runs before the kill. */
  maxLoadMs?: number;
  log?: (line: string) => void;
  /** Start `node bin/tributary.js serve` over the built dist/ (`npm run build` first), not the sources through tsx. */
  launcher?: boolean;
  /** The rounds' kill moments in turn, instead of seeded picks (the short run takes one of each). */
  moments?: RoundKind[];
}

export interface CrashRunResult {
  rounds: number;
  kills: number;
  /** Writes answered 2xx before a kill, each checked after the restart. */
  acknowledged: number;
  /** Writes under way at a kill: there or not, but whole. */
  unanswered: number;
  versionsDownloaded: number;
  /** Kills by moment: any, during a large upload, just as the database file changed (a checkpoint). */
  killsBy: Record<RoundKind, number>;
  failures: string[];
  /** Unreferenced blobs left by killed uploads, young enough for `fsck` to leave alone. */
  youngUnreferencedBlobs: number;
}

export type RoundKind = 'random' | 'large-upload' | 'checkpoint';

const MiB = 1024 * 1024;
// A start on a loaded machine (the first on PostgreSQL migrates a fresh database) can pass the usual 20 s;
// a start that never comes is still a failure, reported after this.
const startLimitMs = 90_000;

/** Runs `rounds` kill rounds on a fresh site (SQLite + blob folder, or PostgreSQL + S3 when the test switches say). */
export async function runCrashRounds(options: CrashRunOptions): Promise<CrashRunResult> {
  const {
    rounds,
    seed,
    writers = 4,
    maxLoadMs = 2500,
    log = () => undefined,
    launcher = false,
    moments,
  } = options;
  const random = seededRandom(seed);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-crash-'));
  const database = await testDatabaseFor(dataDir);
  const blobStore = await testBlobStore(dataDir);
  const env = {
    ...database.env,
    ...blobStore.env,
    TRIBUTARY_DATA_DIR: dataDir,
    TRIBUTARY_ADMIN_PASSWORD: adminPassword,
    TRIBUTARY_LOG_LEVEL: 'warn',
  };
  const onFolder = !('TRIBUTARY_BLOB_STORE_URL' in blobStore.env);
  const onSqlite = !('TRIBUTARY_DATABASE_URL' in database.env);
  const result: CrashRunResult = {
    rounds: 0,
    kills: 0,
    acknowledged: 0,
    unanswered: 0,
    versionsDownloaded: 0,
    killsBy: { random: 0, 'large-upload': 0, checkpoint: 0 },
    failures: [],
    youngUnreferencedBlobs: 0,
  };
  const model: CrashModel = {
    workers: Array.from({ length: writers }, (_, index) => ({ index, spaceSerial: 0, inFlight: undefined })),
    deletedSpaces: [],
    purged: [],
    sentSha256: new Map(),
  };
  let served: { tributary: Tributary; origin: string } | undefined;
  const runStartedMs = Date.now();
  try {
    served = await serveOnFreePort(env, { launcher, limitMs: startLimitMs });
    for (let round = 1; round <= rounds; round += 1) {
      const chosen = moments?.[(round - 1) % moments.length];
      const kind: RoundKind =
        chosen && (chosen !== 'checkpoint' || onSqlite)
          ? chosen
          : pick(random, [
              ['random', 6],
              ['large-upload', 2],
              ['checkpoint', onSqlite ? 2 : 0],
            ]);
      const loadMs = 200 + Math.floor(random() * (maxLoadMs - 200));
      const load = startLoad(requesterFor(served.origin), served.origin, model, random, result, kind);
      const hit = await killWhen(served.tributary, kind, loadMs, load, path.join(dataDir, 'tributary.db'));
      result.kills += 1;
      result.killsBy[hit] += 1;
      const killedAfterMs = load.elapsedMs();
      // Bounded: every writer's connection broke with the kill, so each stops at once.
      if (!(await Promise.race([load.finished.then(() => true), sleep(60_000).then(() => false)])))
        result.failures.push(`round ${round}: a writer was still waiting 60 s after the kill`);
      result.unanswered += model.workers.filter((worker) => worker.inFlight).length;

      const restartingMs = Date.now();
      served = await serveOnFreePort(env, { launcher, limitMs: startLimitMs });
      const restartMs = Date.now() - restartingMs;
      const failures: string[] = [];
      if (onFolder) {
        const left = await readdir(path.join(dataDir, 'blobs', '.tmp')).catch(() => []);
        if (left.length > 0) failures.push(`start-up left ${left.length} files in the blob folder's .tmp`);
      }
      const verified = await verifyAfterRestart(requesterFor(served.origin), served.origin, model, random);
      failures.push(...verified.failures);
      result.versionsDownloaded += verified.versionsDownloaded;
      const checkingMs = Date.now();
      const report = await fsck(env, Date.now() - runStartedMs);
      const fsckMs = Date.now() - checkingMs;
      result.youngUnreferencedBlobs = report.checked.youngUnreferencedBlobs;
      for (const finding of report.findings)
        failures.push(`fsck: ${finding.count} ${finding.kind} (${finding.examples.join('; ')})`);
      for (const failure of failures) result.failures.push(`round ${round} (${hit}): ${failure}`);
      result.rounds = round;
      log(
        `round ${round}/${rounds} ${hit}, killed after ${killedAfterMs} ms: ${load.acknowledged()} acknowledged, ` +
          `${model.workers.filter((worker) => worker.inFlight).length} unanswered; restart ${restartMs} ms; ` +
          `${verified.versionsDownloaded} versions downloaded; fsck ${fsckMs} ms over ` +
          `${report.checked.attachmentVersions} versions; ${failures.length} failures`,
      );
      for (const failure of failures) log(`  FAILURE ${failure}`);
      for (const worker of model.workers) worker.inFlight = undefined;
    }
  } finally {
    if (served) await stopTributary(served.tributary);
    await blobStore.dispose();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return result;
}

/**
 * `fsck` in-process on the site the restarted server serves (it is idle: the next load has not begun).
 * Bytes of uploads killed in this run count as young however long it has run: the server removes them
 * once past the grace period in its site duties' sweep (src/services/blobs/orphan-blobs.test.ts), which
 * runs only once a restarted server holds the duties, up to a lease after the kill, and rounds are
 * shorter than that. Before, a run past an hour reported its first rounds' leftovers as orphans.
 */
async function fsck(env: Record<string, string>, runMs: number) {
  const site = await openLiveSite(loadConfig({ ...env, TRIBUTARY_LOG_LEVEL: 'silent' }));
  try {
    return await checkSite(site.services, { graceMs: orphanGraceMs + runMs });
  } finally {
    await site.close();
  }
}

function pick<T>(random: Random, choices: [T, number][]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [choice, weight] of choices) {
    at -= weight;
    if (at < 0) return choice;
  }
  return choices[0]?.[0] as T;
}

interface Load {
  finished: Promise<void>;
  /** Resolves once a large upload has sent the bytes the round chose (large-upload rounds). */
  largeUploadUnderWay: Promise<void>;
  acknowledged(): number;
  elapsedMs(): number;
}

/** Every writer writes until its connection breaks; in a large-upload round the first starts with one. */
function startLoad(
  site: Requester,
  origin: string,
  model: CrashModel,
  random: Random,
  result: CrashRunResult,
  kind: RoundKind,
): Load {
  const startedMs = Date.now();
  let acknowledged = 0;
  let stopped = false;
  let signalUnderWay: () => void = () => undefined;
  const largeUploadUnderWay = new Promise<void>((resolve) => {
    signalUnderWay = resolve;
  });
  const acknowledge = () => {
    acknowledged += 1;
    result.acknowledged += 1;
  };
  const writer = async (worker: WorkerState, first: boolean) => {
    const choose = seededRandom(Math.floor(random() * 2 ** 32));
    try {
      if (first && kind === 'large-upload')
        await largeUpload(origin, site, worker, model, choose, acknowledge, signalUnderWay);
      while (!stopped) await oneWrite(site, worker, model, choose, acknowledge);
    } catch (error) {
      // The kill: the write under way stays in `inFlight`. Anything else ends the round's load as well.
      if (!isConnectionLoss(error)) result.failures.push(`writer ${worker.index}: ${String(error)}`);
      stopped = true;
    }
  };
  const finished = Promise.all(model.workers.map((worker, index) => writer(worker, index === 0))).then(
    () => undefined,
  );
  return {
    finished,
    largeUploadUnderWay,
    acknowledged: () => acknowledged,
    elapsedMs: () => Date.now() - startedMs,
  };
}

function isConnectionLoss(error: unknown): boolean {
  const text = `${String(error)} ${String((error as { cause?: unknown })?.cause)}`;
  return /fetch failed|ECONNRESET|ECONNREFUSED|socket hang up|other side closed|terminated|EPIPE/i.test(text);
}

/**
 * Kills the server at the round's moment: after `loadMs`; once a large upload is under way; or as the
 * database file changes. Answers the moment it hit (a round whose moment never came is killed at random).
 */
async function killWhen(
  tributary: Tributary,
  kind: RoundKind,
  loadMs: number,
  load: Load,
  databaseFile: string,
): Promise<RoundKind> {
  let hit: RoundKind = 'random';
  if (kind === 'large-upload') {
    const underWay = await Promise.race([load.largeUploadUnderWay.then(() => true), sleep(10_000)]);
    if (underWay) hit = 'large-upload';
  } else if (kind === 'checkpoint') {
    // With the main connection's automatic checkpoints off, only the checkpoint thread writes pages into
    // the database file: the moment its time changes, a checkpoint is copying (or has just copied) the log.
    await sleep(loadMs);
    const before = (await stat(databaseFile)).mtimeMs;
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const now = await stat(databaseFile).catch(() => undefined);
      if (now && now.mtimeMs !== before) {
        hit = 'checkpoint';
        break;
      }
      await sleep(1);
    }
  } else {
    await sleep(loadMs);
  }
  tributary.child.kill('SIGKILL');
  await tributary.exited;
  return hit;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

type Json = Record<string, unknown>;

/** One write chosen by the writer's dice, recorded in the model only once answered 2xx. */
async function oneWrite(
  site: Requester,
  worker: WorkerState,
  model: CrashModel,
  random: Random,
  acknowledge: () => void,
): Promise<void> {
  const space = worker.space;
  if (!space) {
    worker.spaceSerial += 1;
    const key = `W${worker.index}S${worker.spaceSerial}`;
    worker.inFlight = { kind: 'create-space', spaceKey: key };
    const response = await site.request('POST', '/rest/api/space', { json: { key, name: `Writer ${key}` } });
    expectOk(response, 'create space');
    worker.space = { key, pages: new Map() };
    worker.inFlight = undefined;
    acknowledge();
    return;
  }
  const pages = [...space.pages.values()];
  const attachments = pages.flatMap((page) => [...page.attachments.values()]);
  const current = attachments.filter((attachment) => attachment.status === 'current');
  const trashed = attachments.filter((attachment) => attachment.status === 'trashed');
  const action = pick(random, [
    ['create-page', pages.length < 4 ? 10 : 0],
    ['edit-page', pages.length > 0 ? 12 : 0],
    ['upload', pages.length > 0 ? 25 : 0],
    ['new-version', current.length > 0 ? 20 : 0],
    ['trash', current.length > 0 ? 6 : 0],
    ['purge', trashed.length > 0 ? 6 : 0],
    ['delete-space', 2],
  ] as const);
  switch (action) {
    case 'create-page': {
      const title = `Page ${worker.spaceSerial}.${Math.floor(random() * 1e9)}`;
      const body = `<p>${title} body</p>`;
      worker.inFlight = { kind: 'create-page', spaceKey: space.key, title };
      const response = await site.request('POST', '/rest/api/content', {
        json: {
          type: 'page',
          title,
          space: { key: space.key },
          body: { storage: { value: body, representation: 'storage' } },
        },
      });
      expectOk(response, 'create page');
      const id = String((response.body as Json).id);
      space.pages.set(title, { id, title, version: 1, body, attachments: new Map() });
      break;
    }
    case 'edit-page': {
      const page = pages[Math.floor(random() * pages.length)];
      if (!page) return;
      const body = `<p>${page.title} edit ${page.version + 1} ${Math.floor(random() * 1e9)}</p>`;
      worker.inFlight = { kind: 'edit-page', spaceKey: space.key, title: page.title, body };
      const response = await site.request('PUT', `/rest/api/content/${page.id}`, {
        json: {
          type: 'page',
          title: page.title,
          version: { number: page.version + 1 },
          body: { storage: { value: body, representation: 'storage' } },
        },
      });
      expectOk(response, 'edit page');
      page.version += 1;
      page.body = body;
      break;
    }
    case 'upload':
    case 'new-version': {
      const target =
        action === 'upload'
          ? {
              page: pages[Math.floor(random() * pages.length)],
              filename: `f${Math.floor(random() * 1e9)}.bin`,
            }
          : (() => {
              const attachment = current[Math.floor(random() * current.length)];
              return {
                page: pages.find((page) => page.attachments.get(attachment?.filename ?? '') === attachment),
                filename: attachment?.filename ?? '',
              };
            })();
      const { page, filename } = target;
      if (!page) return;
      // Mostly small files; now and then a few MiB, which the store writes with early syncs.
      const sizeBytes =
        random() < 0.04 ? 2 * MiB + Math.floor(random() * 4 * MiB) : 1 + Math.floor(random() * 64 * 1024);
      const bytes = randomBytes(sizeBytes);
      const sha256 = sha256Of(bytes);
      model.sentSha256.set(sha256, sizeBytes);
      worker.inFlight = { kind: action, spaceKey: space.key, title: page.title, filename };
      const existing = page.attachments.get(filename);
      // Confluence's PUT makes the attachment or its next version: one call for both.
      const response = await site.request('PUT', `/rest/api/content/${page.id}/child/attachment`, {
        body: multipartForm([{ name: filename, content: bytes }]),
        headers: noCheck,
      });
      expectOk(response, action);
      const answered = ((response.body as { results?: Json[] }).results ?? [])[0] ?? {};
      const number = Number((answered.version as Json | undefined)?.number);
      const attachment = existing ?? {
        id: String(answered.id),
        filename,
        status: 'current' as const,
        versions: new Map(),
      };
      attachment.versions.set(number, { sha256, sizeBytes });
      page.attachments.set(filename, attachment);
      break;
    }
    case 'trash':
    case 'purge': {
      const attachment = (action === 'trash' ? current : trashed)[
        Math.floor(random() * (action === 'trash' ? current : trashed).length)
      ];
      const page = pages.find(
        (candidate) => candidate.attachments.get(attachment?.filename ?? '') === attachment,
      );
      if (!attachment || !page) return;
      worker.inFlight = {
        kind: action,
        spaceKey: space.key,
        title: page.title,
        filename: attachment.filename,
      };
      const response = await site.request(
        'DELETE',
        `/rest/api/content/${attachment.id}${action === 'purge' ? '?status=trashed' : ''}`,
      );
      expectOk(response, action);
      if (action === 'trash') attachment.status = 'trashed';
      else {
        page.attachments.delete(attachment.filename);
        model.purged.push(attachment.id);
      }
      break;
    }
    case 'delete-space': {
      worker.inFlight = { kind: 'delete-space', spaceKey: space.key };
      const response = await site.request('DELETE', `/rest/api/space/${space.key}`);
      expectOk(response, 'delete space');
      model.deletedSpaces.push(space.key);
      worker.space = undefined;
      break;
    }
  }
  worker.inFlight = undefined;
  acknowledge();
}

function expectOk(response: { status: number; text: string }, what: string): void {
  if (response.status < 200 || response.status > 299)
    throw new Error(`${what} answered ${response.status}: ${response.text.slice(0, 300)}`);
}

/**
 * A large upload streamed in MiB chunks on its own connection; `underWay` is called once the round's
 * share of it has been sent, so the kill lands while the store is writing it (its early syncs).
 */
async function largeUpload(
  origin: string,
  site: Requester,
  worker: WorkerState,
  model: CrashModel,
  random: Random,
  acknowledge: () => void,
  underWay: () => void,
): Promise<void> {
  // The writer's space and page come first, through the ordinary writes.
  while (!worker.space || worker.space.pages.size === 0)
    await oneWrite(site, worker, model, random, acknowledge);
  const page = [...worker.space.pages.values()][0];
  if (!page) return;
  const sizeBytes = 24 * MiB;
  const killAfterBytes = (1 + Math.floor(random() * 12)) * MiB;
  const bytes = randomBytes(sizeBytes);
  const sha256 = sha256Of(bytes);
  model.sentSha256.set(sha256, sizeBytes);
  const filename = `large${Math.floor(random() * 1e9)}.bin`;
  worker.inFlight = { kind: 'upload', spaceKey: worker.space.key, title: page.title, filename };
  const boundary = 'crash-large-upload';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(`${origin}/rest/api/content/${page.id}/child/attachment`, {
      method: 'POST',
      headers: {
        authorization: basic('admin', adminPassword),
        ...noCheck,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + sizeBytes + tail.length),
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', reject);
    });
    void (async () => {
      request.write(head);
      for (let sent = 0; sent < sizeBytes; sent += MiB) {
        if (!request.write(bytes.subarray(sent, sent + MiB)))
          await new Promise((resume) => request.once('drain', resume));
        if (sent + MiB >= killAfterBytes) underWay();
      }
      request.end(tail);
    })().catch(reject);
  });
  expectOk(answer, 'large upload');
  const answered = ((JSON.parse(answer.text) as { results?: Json[] }).results ?? [])[0] ?? {};
  page.attachments.set(filename, {
    id: String(answered.id),
    filename,
    status: 'current',
    versions: new Map([[1, { sha256, sizeBytes }]]),
  });
  worker.inFlight = undefined;
  acknowledge();
}
