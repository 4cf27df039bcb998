import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminPassword } from '../../test/support/test-server.ts';
import { loadConfig } from '../config/load-config.ts';
import { openLiveSite, openSite, openSiteMigration, startServer } from '../main.ts';
import { runCli } from './program.ts';

describe('tributary groups add-group / remove-group', () => {
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-nesting-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    const io = {
      out: (text: string) => {
        out += text;
      },
      err: (text: string) => {
        err += text;
      },
    };
    const env = { TRIBUTARY_LOG_LEVEL: 'silent', TRIBUTARY_ADMIN_PASSWORD: adminPassword };
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      const code = await runCli(
        ['node', 'tributary', '--data-dir', dataDir, ...args],
        { openSite, openLiveSite, startServer, openSiteMigration },
        io,
      );
      return { code, out, err };
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };

  const parentsOf = async (name: string) => {
    const site = await openSite(
      loadConfig({ TRIBUTARY_LOG_LEVEL: 'silent', TRIBUTARY_ADMIN_PASSWORD: adminPassword }, { dataDir }),
    );
    try {
      const group = await site.services.store.groups.findByName(name);
      assert.ok(group);
      const slice = await site.services.store.groups.parentGroups(group.id, { start: 0, limit: 10 });
      return slice.items.map((parent) => parent.name);
    } finally {
      await site.close();
    }
  };

  it('puts a group inside another and takes it out again', async () => {
    assert.equal((await cli('groups', 'add', 'kids')).code, 0);
    assert.equal((await cli('groups', 'add', 'parents')).code, 0);
    const added = await cli('groups', 'add-group', 'parents', 'kids');
    assert.equal(added.code, 0, added.err);
    assert.equal(added.out, 'kids added to parents\n');
    assert.deepEqual(await parentsOf('kids'), ['parents']);
    assert.equal((await cli('groups', 'remove-group', 'parents', 'kids')).code, 0);
    assert.deepEqual(await parentsOf('kids'), []);
  });

  it('fails in one line for a cycle or an unknown group', async () => {
    await cli('groups', 'add-group', 'parents', 'kids');
    const cycle = await cli('groups', 'add-group', 'kids', 'parents');
    assert.notEqual(cycle.code, 0);
    assert.match(cycle.err, /^tributary: .*contains.*\n$/);
    const unknown = await cli('groups', 'add-group', 'parents', 'nobody');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.err, /nobody/);
  });
});
