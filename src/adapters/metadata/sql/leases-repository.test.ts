import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MetadataStore } from '../../../ports/metadata-store.ts';
import { openSqliteStore } from '../sqlite/open-sqlite-store.ts';

// Two stores over one database file stand in for two server processes sharing a site.
describe('leases, blob pins and body conversions shared by two stores over one database', () => {
  let dir: string;
  let a: MetadataStore;
  let b: MetadataStore;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-leases-'));
    const file = path.join(dir, 'tributary.db');
    a = (await openSqliteStore(file)).store;
    b = (await openSqliteStore(file)).store;
  });
  after(async () => {
    await a.close();
    await b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives a free lease to exactly one of two holders racing for it', async () => {
    const results = await Promise.all([
      a.leases.acquire('race', 'node-a', 1000, 2000),
      b.leases.acquire('race', 'node-b', 1000, 2000),
    ]);
    assert.deepEqual(results.filter(Boolean).length, 1);
    const winner = results[0] ? 'node-a' : 'node-b';
    assert.equal(await a.leases.holderOf('race', 1500), winner);
    assert.equal(await b.leases.holderOf('race', 1500), winner);
  });

  it('refuses a held lease, renews it for its holder, and hands it over once it has run out', async () => {
    assert.equal(await a.leases.acquire('job', 'node-a', 0, 1000), true);
    assert.equal(await b.leases.acquire('job', 'node-b', 500, 1500), false);
    assert.equal(await a.leases.acquire('job', 'node-a', 600, 1600), true, 'the holder takes it again');
    assert.equal(await a.leases.renew('job', 'node-a', 2000), true);
    assert.equal(await b.leases.acquire('job', 'node-b', 1999, 3000), false);
    assert.equal(await b.leases.acquire('job', 'node-b', 2000, 3000), true, 'run out: taken over');
    assert.equal(await a.leases.renew('job', 'node-a', 4000), false, 'the old holder has lost it');
    assert.equal(await a.leases.holderOf('job', 2500), 'node-b');
    assert.equal(await a.leases.holderOf('job', 3000), undefined);
  });

  it('frees a lease on release, only for its holder', async () => {
    assert.equal(await a.leases.acquire('free', 'node-a', 0, 10_000), true);
    await b.leases.release('free', 'node-b');
    assert.equal(await b.leases.acquire('free', 'node-b', 1, 10_000), false);
    await a.leases.release('free', 'node-a');
    assert.equal(await b.leases.acquire('free', 'node-b', 2, 10_000), true);
    await b.leases.releaseAll('node-b');
    assert.equal(await a.leases.holderOf('free', 3), undefined);
  });

  it('counts pins from both stores and lets a pin run out', async () => {
    await a.blobPins.pin('x', 0, 1000);
    await b.blobPins.pin('x', 0, 1000);
    assert.equal(await b.transaction((r) => r.blobPins.isPinned('x', 10)), true);
    await a.blobPins.unpin('x');
    assert.equal(await a.transaction((r) => r.blobPins.isPinned('x', 10)), true);
    await b.blobPins.unpin('x');
    assert.equal(await a.transaction((r) => r.blobPins.isPinned('x', 10)), false);
    await a.blobPins.pin('y', 0, 1000);
    assert.equal(await b.transaction((r) => r.blobPins.isPinned('y', 1000)), false, 'past its time');
    await b.blobPins.pin('y', 2000, 3000);
    await b.blobPins.unpin('y');
    assert.equal(await a.transaction((r) => r.blobPins.isPinned('y', 2001)), false, 'the dead pin is gone');
  });

  it('keeps a body conversion one store made for the other to find, until it expires', async () => {
    const outcome = { body: { representation: 'view', value: '<p>x</p>' } };
    await a.bodyConversions.keep({ id: 'c1', ownerKey: 'user:1', outcome, expiresAtMs: 1000 }, 0);
    assert.deepEqual(await b.bodyConversions.find('c1', 999), {
      id: 'c1',
      ownerKey: 'user:1',
      outcome,
      expiresAtMs: 1000,
    });
    assert.equal(await b.bodyConversions.find('c1', 1000), undefined);
    await b.bodyConversions.keep({ id: 'c2', ownerKey: 'anonymous', outcome, expiresAtMs: 3000 }, 2000);
    assert.equal(await a.bodyConversions.find('c1', 0), undefined, 'the expired one was forgotten');
  });
});
