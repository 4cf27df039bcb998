import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config/load-config.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { openSite, type Site } from '../../main.ts';
import { exportAuditRecords } from './export-audit-records.ts';

describe('exporting the audit log', () => {
  let dir: string;
  let site: Site;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-audit-export-'));
    site = await openSite(loadConfig({ TRIBUTARY_DATA_DIR: dir, TRIBUTARY_ADMIN_PASSWORD: 'pw' }));
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every record once, newest first, across batches that split records made in the same millisecond', async () => {
    const nowMs = site.services.clock.nowMs();
    await site.services.store.transaction(async (repositories) => {
      for (let n = 0; n < 1_234; n++) {
        await repositories.audit.insert({
          // Ten records to a millisecond, so batch boundaries fall among equal times.
          createdAtMs: nowMs - 1_000 - Math.floor(n / 10),
          author: { userId: null, username: null, userKey: null, accountId: null, displayName: 'Test' },
          remoteAddress: '',
          category: 'Batch',
          summary: `exported ${n}`,
          description: '',
          sysAdmin: false,
          object: null,
          space: null,
          content: null,
          changes: [],
          associated: [],
          details: {},
        });
      }
    });
    const exported = [];
    for await (const record of await exportAuditRecords(site.services, systemPrincipal, {
      searchString: 'exported',
    })) {
      exported.push(record);
    }
    assert.equal(exported.length, 1_234);
    assert.equal(new Set(exported.map((record) => record.id)).size, 1_234);
    for (let i = 1; i < exported.length; i++) {
      const [newer, older] = [exported[i - 1], exported[i]];
      assert.ok(newer && older);
      assert.ok(
        newer.createdAtMs > older.createdAtMs ||
          (newer.createdAtMs === older.createdAtMs && newer.id > older.id),
      );
    }
  });
});
