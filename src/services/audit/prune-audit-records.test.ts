import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loadConfig } from '../../config/load-config.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { openSite, type Site } from '../../main.ts';
import type { NewAuditRecord } from '../../ports/metadata-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { pruneAuditRecords } from './prune-audit-records.ts';
import { scheduleAuditPruning } from './schedule-audit-pruning.ts';
import { setAuditRetention } from './set-audit-retention.ts';

const dayMs = 86_400_000;
const nowMs = Date.parse('2025-06-15T12:00:00.000Z');

const record = (summary: string, ageDays: number): NewAuditRecord => ({
  createdAtMs: nowMs - ageDays * dayMs,
  author: { userId: null, username: null, userKey: null, accountId: null, displayName: 'Test' },
  remoteAddress: '',
  category: 'Test',
  summary,
  description: '',
  sysAdmin: false,
  object: null,
  space: null,
  content: null,
  changes: [],
  associated: [],
  details: {},
});

describe('applying the audit retention period', () => {
  let dir: string;
  let site: Site;
  let deps: ServiceDeps;

  const summaries = async () =>
    (await deps.store.audit.list({ searchText: 'aged' }, { start: 0, limit: 10_000 })).items.map(
      (found) => found.summary,
    );
  const add = (...records: NewAuditRecord[]) =>
    deps.store.transaction(async (repositories) => {
      for (const one of records) await repositories.audit.insert(one);
    });

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-audit-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
    deps = { ...site.services, clock: { nowMs: () => nowMs } };
  });
  beforeEach(async () => {
    await pruneAuditRecords({ ...deps, clock: { nowMs: () => nowMs + 100 * 365 * dayMs } });
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('removes only the records older than one year until another period is set', async () => {
    await add(record('aged 400 days', 400), record('aged 200 days', 200), record('aged 10 days', 10));
    assert.equal(await pruneAuditRecords(deps), 1);
    assert.deepEqual(await summaries(), ['aged 10 days', 'aged 200 days']);
    assert.equal(await pruneAuditRecords(deps), 0);
  });

  it('removes what a shorter period leaves behind as soon as it is set', async () => {
    await add(record('aged 200 days', 200), record('aged 10 days', 10));
    await setAuditRetention(deps, systemPrincipal, { number: 90, units: 'DAYS' });
    assert.deepEqual(await summaries(), ['aged 10 days']);
    await setAuditRetention(deps, systemPrincipal, { number: 1, units: 'YEARS' });
  });

  it('works through a large backlog in batches until none is left', async () => {
    await add(
      ...Array.from({ length: 2_345 }, (_, n) => record(`aged backlog ${n}`, 500)),
      record('aged 1 day', 1),
    );
    assert.equal(await pruneAuditRecords(deps), 2_345);
    assert.deepEqual(await summaries(), ['aged 1 day']);
  });

  it('runs once as soon as it is scheduled, and stops after the run under way', async () => {
    await add(record('aged 600 days', 600), record('aged 2 days', 2));
    const errors: unknown[] = [];
    const pruning = scheduleAuditPruning(deps, {
      everyMs: 3_600_000,
      onError: (error) => errors.push(error),
      runsHere: () => true,
    });
    await pruning.stop();
    assert.deepEqual(errors, []);
    assert.deepEqual(await summaries(), ['aged 2 days']);
  });
});
