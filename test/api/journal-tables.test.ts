import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dcOnlyPaths } from '../../src/http/tributary/dc-only-paths.ts';
import { dcOnlyPathsFromSpecs } from '../support/dc-only-paths.ts';

describe('the Data Center paths the journal warns of on /wiki', () => {
  it('are the DC 10 paths that neither Cloud v1 document has', () => {
    assert.deepEqual([...dcOnlyPaths], dcOnlyPathsFromSpecs());
  });

  it('hold webhooks and backup jobs, and nothing Cloud v1 has', () => {
    assert.ok(dcOnlyPaths.includes('/rest/api/webhooks'));
    assert.ok(dcOnlyPaths.includes('/rest/api/backup-restore/jobs'));
    assert.ok(!dcOnlyPaths.includes('/rest/api/content/{}'));
    assert.ok(!dcOnlyPaths.includes('/rest/api/content/{}/child/attachment'));
  });
});
