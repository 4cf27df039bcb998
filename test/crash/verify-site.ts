/**
 * What the crash harness expects of the site after a restart, and the check of it: each writer's
 * acknowledged writes are there exactly, its one unanswered write is there or not but whole, and every
 * attachment version listed downloads with its stated size and a hash of bytes that were sent.
 */
import { createHash } from 'node:crypto';
import { adminPassword, basic, type Requester } from '../support/test-server.ts';
import type { Random } from './seeded-random.ts';

export interface VersionFact {
  sha256: string;
  sizeBytes: number;
  /** Downloaded and hashed after a restart once already (later rounds sample it again). */
  verified?: boolean;
}

export interface AttachmentModel {
  id: string;
  filename: string;
  status: 'current' | 'trashed';
  versions: Map<number, VersionFact>;
}

export interface PageModel {
  id: string;
  title: string;
  version: number;
  body: string;
  /** By filename: one per name on a page. */
  attachments: Map<string, AttachmentModel>;
}

export interface SpaceModel {
  key: string;
  /** By title: one per title in a space. */
  pages: Map<string, PageModel>;
}

/** The write a writer had sent when the server was killed, with no answer yet. */
export interface InFlight {
  kind:
    | 'create-space'
    | 'create-page'
    | 'edit-page'
    | 'upload'
    | 'new-version'
    | 'trash'
    | 'purge'
    | 'delete-space';
  spaceKey: string;
  title?: string;
  filename?: string;
  body?: string;
}

export interface WorkerState {
  index: number;
  spaceSerial: number;
  space?: SpaceModel;
  inFlight?: InFlight;
}

export interface CrashModel {
  workers: WorkerState[];
  /** Spaces whose deletion was answered 202: gone once the restarted server has run the task again. */
  deletedSpaces: string[];
  /** Attachments whose purge was answered 204. */
  purged: string[];
  /** Every attachment body sent, acknowledged or not: its SHA-256 and size. */
  sentSha256: Map<string, number>;
}

type Json = Record<string, unknown>;

/** Checks the site against the model and brings the model to what the site now holds (it is durable). */
export async function verifyAfterRestart(
  site: Requester,
  origin: string,
  model: CrashModel,
  random: Random,
): Promise<{ failures: string[]; versionsDownloaded: number }> {
  const failures: string[] = [];
  let versionsDownloaded = 0;

  for (const key of model.deletedSpaces) {
    if (!(await until(async () => (await site.request('GET', `/rest/api/space/${key}`)).status === 404)))
      failures.push(
        `space ${key}: deletion acknowledged, still there ${takeOverMs / 1000} s after the restart`,
      );
  }
  model.deletedSpaces = [];
  for (const id of model.purged) {
    const found = await site.request('GET', `/rest/api/content/${id}?status=any`);
    if (found.status !== 404) failures.push(`attachment ${id}: purge acknowledged, answered ${found.status}`);
  }
  model.purged = model.purged.slice(-200);

  for (const worker of model.workers) {
    const inFlight = worker.inFlight;
    if (inFlight?.kind === 'create-space') {
      const found = await site.request('GET', `/rest/api/space/${inFlight.spaceKey}`);
      if (found.status === 200) worker.space = { key: inFlight.spaceKey, pages: new Map() };
    }
    if (inFlight?.kind === 'delete-space') {
      // Its task may or may not exist, and may be running now: the space is left out from here on.
      worker.space = undefined;
      continue;
    }
    const space = worker.space;
    if (!space) continue;
    const where = `space ${space.key}`;
    const found = await site.request('GET', `/rest/api/space/${space.key}`);
    if (found.status !== 200) {
      failures.push(`${where}: creation acknowledged, answered ${found.status}`);
      worker.space = undefined;
      continue;
    }
    const listed = await site.request(
      'GET',
      `/rest/api/content?spaceKey=${space.key}&type=page&limit=100&expand=version,body.storage`,
    );
    const pagesByTitle = new Map(
      ((listed.body as { results?: Json[] }).results ?? []).map((page) => [String(page.title), page]),
    );
    if (inFlight?.kind === 'create-page' && inFlight.title && !space.pages.has(inFlight.title)) {
      const made = pagesByTitle.get(inFlight.title);
      if (made)
        space.pages.set(inFlight.title, {
          id: String(made.id),
          title: inFlight.title,
          version: 1,
          body: bodyOf(made),
          attachments: new Map(),
        });
    }
    for (const page of space.pages.values()) {
      const seen = pagesByTitle.get(page.title);
      if (!seen) {
        failures.push(`${where} page ${page.title}: acknowledged, not listed`);
        space.pages.delete(page.title);
        continue;
      }
      const number = Number((seen.version as Json | undefined)?.number);
      const edited = inFlight?.kind === 'edit-page' && inFlight.title === page.title;
      if (number === page.version && bodyOf(seen) === page.body) {
        // As acknowledged.
      } else if (edited && number === page.version + 1 && bodyOf(seen) === inFlight.body) {
        page.version = number;
        page.body = inFlight.body ?? '';
      } else {
        failures.push(
          `${where} page ${page.title}: acknowledged version ${page.version}, found ${number} with body ${bodyOf(seen).slice(0, 80)}`,
        );
        page.version = number;
        page.body = bodyOf(seen);
      }
      const checked = await verifyAttachments(
        site,
        origin,
        model,
        random,
        page,
        inFlight,
        `${where} page ${page.title}`,
      );
      failures.push(...checked.failures);
      versionsDownloaded += checked.versionsDownloaded;
    }
  }
  return { failures, versionsDownloaded };
}

async function verifyAttachments(
  site: Requester,
  origin: string,
  model: CrashModel,
  random: Random,
  page: PageModel,
  inFlight: InFlight | undefined,
  where: string,
): Promise<{ failures: string[]; versionsDownloaded: number }> {
  const failures: string[] = [];
  let versionsDownloaded = 0;
  const aimedHere = (filename: string) => inFlight?.title === page.title && inFlight.filename === filename;
  const listed = await site.request('GET', `/rest/api/content/${page.id}/child/attachment?limit=200`);
  const results = (listed.body as { results?: Json[] }).results ?? [];
  const listedNames = new Set<string>();
  for (const seen of results) {
    const filename = String(seen.title);
    listedNames.add(filename);
    const number = Number((seen.version as Json | undefined)?.number);
    let attachment = page.attachments.get(filename);
    if (!attachment) {
      if (!(aimedHere(filename) && inFlight?.kind === 'upload')) {
        failures.push(`${where}: ${filename} listed, never uploaded`);
        continue;
      }
      attachment = { id: String(seen.id), filename, status: 'current', versions: new Map() };
      page.attachments.set(filename, attachment);
    }
    const newest = Math.max(0, ...attachment.versions.keys());
    const grew = aimedHere(filename) && (inFlight?.kind === 'upload' || inFlight?.kind === 'new-version');
    if (attachment.status === 'trashed')
      failures.push(`${where}: ${filename} trashed (acknowledged), listed as current`);
    if (!(number === newest || (grew && number === newest + 1)))
      failures.push(`${where}: ${filename} acknowledged up to version ${newest}, listed at ${number}`);
    attachment.status = 'current';
    for (let version = 1; version <= number; version += 1) {
      const fact = attachment.versions.get(version);
      if (fact?.verified && random() >= 0.1) continue;
      const stated =
        version === number
          ? Number((seen.extensions as Json | undefined)?.fileSize)
          : Number(
              (
                (
                  await site.request(
                    'GET',
                    `/rest/api/content/${attachment.id}?version=${version}&status=historical`,
                  )
                ).body as { extensions?: Json } | undefined
              )?.extensions?.fileSize,
            );
      const bytes = await download(origin, page.id, filename, version);
      versionsDownloaded += 1;
      const label = `${where}: ${filename} version ${version}`;
      if (!bytes) {
        failures.push(`${label}: listed, not downloadable`);
        continue;
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (bytes.length !== stated)
        failures.push(`${label}: states ${stated} bytes, downloads ${bytes.length}`);
      if (fact && fact.sha256 !== sha256)
        failures.push(`${label}: acknowledged bytes ${fact.sha256}, downloads ${sha256}`);
      if (!fact && model.sentSha256.get(sha256) !== bytes.length)
        failures.push(`${label}: downloads ${bytes.length} bytes that were never sent whole (${sha256})`);
      attachment.versions.set(version, { sha256, sizeBytes: bytes.length, verified: true });
    }
    for (const version of [...attachment.versions.keys()])
      if (version > number) attachment.versions.delete(version);
  }
  for (const attachment of [...page.attachments.values()]) {
    if (listedNames.has(attachment.filename)) continue;
    const inTrash = await site.request('GET', `/rest/api/content/${attachment.id}?status=trashed`);
    const trashedNow = inTrash.status === 200 && (inTrash.body as Json).status === 'trashed';
    const unanswered = aimedHere(attachment.filename) ? inFlight?.kind : undefined;
    if (trashedNow && (attachment.status === 'trashed' || unanswered === 'trash')) {
      attachment.status = 'trashed';
      continue;
    }
    if (
      inTrash.status === 404 &&
      (unanswered === 'purge' || (unanswered === 'upload' && attachment.versions.size === 0))
    ) {
      page.attachments.delete(attachment.filename);
      continue;
    }
    failures.push(
      `${where}: ${attachment.filename} (${attachment.id}) acknowledged ${attachment.status}, ` +
        `answered ${inTrash.status}${trashedNow ? ' in the trash' : ''}`,
    );
    page.attachments.delete(attachment.filename);
  }
  return { failures, versionsDownloaded };
}

function bodyOf(page: Json): string {
  return String(((page.body as Json | undefined)?.storage as Json | undefined)?.value ?? '');
}

async function download(
  origin: string,
  pageId: string,
  filename: string,
  version: number,
): Promise<Buffer | undefined> {
  const response = await fetch(
    `${origin}/download/attachments/${pageId}/${encodeURIComponent(filename)}?version=${version}`,
    { headers: { authorization: basic('admin', adminPassword) } },
  );
  if (response.status !== 200) return undefined;
  return Buffer.from(await response.arrayBuffer());
}

/**
 * A restarted server runs a dead process's task again once that process's leases have run out: the task's
 * lease and the site duties' lease, each up to 30 s (the default lease) after the kill, then the next pass
 * of the duties, every 10 s. Round 86 of a long run (seed 4) killed the server just after it renewed them,
 * and the deletion finished after the 30 s this waited before.
 */
const takeOverMs = 30_000 + 10_000 + 5_000;

/** Polls `condition` until a dead process's tasks have been taken over and run. */
async function until(condition: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + takeOverMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
