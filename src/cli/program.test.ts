import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminPassword, startTestServer } from '../../test/support/test-server.ts';
import { loadConfig } from '../config/load-config.ts';
import { openLiveSite, openSite, openSiteMigration, type Site, startServer } from '../main.ts';
import { createAuthenticator } from '../services/auth/authenticate.ts';
import { runCli } from './program.ts';
import type { CliIo } from './toolkit/toolkit-context.ts';

interface CliResult {
  code: number;
  out: string;
  err: string;
}

describe('tributary command line', () => {
  let dataDir: string;
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-cli-'));
    for (const name of Object.keys(process.env).filter((key) => key.startsWith('TRIBUTARY_'))) {
      savedEnv[name] = process.env[name];
      delete process.env[name];
    }
    for (const name of ['TRIBUTARY_LOG_LEVEL', 'TRIBUTARY_ADMIN_PASSWORD']) {
      if (!(name in savedEnv)) savedEnv[name] = undefined;
    }
    process.env.TRIBUTARY_LOG_LEVEL = 'silent';
    process.env.TRIBUTARY_ADMIN_PASSWORD = adminPassword;
  });

  after(async () => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs `tributary --data-dir <temp> ...args` in-process, as bin/tributary.js would. */
  const cli = async (...args: string[]): Promise<CliResult> => {
    let out = '';
    let err = '';
    const io: CliIo = {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
    };
    const code = await runCli(
      ['node', 'tributary', '--data-dir', dataDir, ...args],
      { openSite, openLiveSite, startServer, openSiteMigration },
      io,
    );
    return { code, out, err };
  };

  const succeeds = async (...args: string[]): Promise<string> => {
    const result = await cli(...args);
    assert.equal(result.code, 0, `tributary ${args.join(' ')} failed: ${result.err}`);
    return result.out;
  };

  const withSite = async <T>(work: (site: Site) => Promise<T>): Promise<T> => {
    const site = await openSite(loadConfig(process.env, { dataDir }));
    try {
      return await work(site);
    } finally {
      await site.close();
    }
  };

  const signsIn = (login: string, secret: string) =>
    withSite(async (site) => {
      const authenticator = createAuthenticator(site.services, {
        anonymousAccess: false,
        sessionIdleMs: 3_600_000,
      });
      try {
        const principal = await authenticator.authenticate({ scheme: 'basic', login, secret });
        return principal.kind === 'user' ? principal.user.username : undefined;
      } catch {
        return undefined;
      }
    });

  const assertOneLineFailure = (result: CliResult, code: number, pattern: RegExp) => {
    assert.equal(result.code, code);
    assert.equal(result.out, '');
    assert.match(result.err, /^tributary: [^\n]+\n$/);
    assert.match(result.err, pattern);
  };

  describe('users', () => {
    it('adds a user that users list --json then shows, without any password hash', async () => {
      const out = await succeeds(
        'users',
        'add',
        'bob',
        '--name',
        'Bob B',
        '--email',
        'bob@example.com',
        '--password',
        'pw',
      );
      assert.match(out, /^Created user bob \(key [0-9a-f]{32}, account 557058:[0-9a-f-]+\)\n$/);

      const listed = JSON.parse(await succeeds('users', 'list', '--json')) as Array<Record<string, unknown>>;
      const bob = listed.find((user) => user.username === 'bob');
      assert.ok(bob, 'bob is listed');
      assert.equal(bob.displayName, 'Bob B');
      assert.equal(bob.email, 'bob@example.com');
      assert.equal(bob.active, true);
      assert.ok(
        listed.some((user) => user.username === 'admin'),
        'the administrator is listed',
      );
      assert.ok(!listed.some((user) => 'passwordHash' in user || 'password_hash' in user));
      assert.equal(await signsIn('bob', 'pw'), 'bob');
    });

    it('lists users as tab-separated lines without --json', async () => {
      const out = await succeeds('users', 'list');
      assert.match(out, /^admin\t[^\t]+\t[^\t]+\tactive$/m);
      assert.match(out, /^bob\tBob B\tbob@example\.com\tactive$/m);
    });

    it('prints a generated password that signs the new user in when none is given', async () => {
      const out = await succeeds('users', 'add', 'carol');
      const password = /^Password: (\S+)$/m.exec(out)?.[1];
      assert.ok(password, `a password is printed in: ${out}`);
      assert.equal(await signsIn('carol', password), 'carol');
    });

    it('refuses a duplicate username with exit code 1 and a one-line message', async () => {
      const result = await cli('users', 'add', 'bob', '--password', 'other');
      assertOneLineFailure(result, 1, /already exists/);
    });

    it('refuses an invalid username with exit code 2', async () => {
      const result = await cli('users', 'add', 'no/slashes', '--password', 'pw');
      assertOneLineFailure(result, 2, /Username/);
    });

    it('changes a password with users passwd, given or generated', async () => {
      assert.equal(
        await succeeds('users', 'passwd', 'bob', '--password', 'new-pw'),
        'Password of bob changed\n',
      );
      assert.equal(await signsIn('bob', 'new-pw'), 'bob');
      assert.equal(await signsIn('bob', 'pw'), undefined);

      const out = await succeeds('users', 'passwd', 'bob');
      const generated = /^New password of bob: (\S+)\n$/.exec(out)?.[1];
      assert.ok(generated, `a password is printed in: ${out}`);
      assert.equal(await signsIn('bob', generated), 'bob');
      assert.equal(await signsIn('bob', 'new-pw'), undefined);
    });

    it('fails with exit code 1 when users passwd names an unknown user', async () => {
      assertOneLineFailure(await cli('users', 'passwd', 'nobody', '--password', 'x'), 1, /nobody/);
    });

    it('disables a user and enables them again', async () => {
      const activeOf = (username: string) =>
        withSite(async (site) => (await site.services.store.users.findByUsername(username))?.active);

      assert.equal(await succeeds('users', 'disable', 'carol'), 'User carol disabled\n');
      assert.equal(await activeOf('carol'), false);
      assert.match(await succeeds('users', 'list'), /^carol\t.*\tdisabled$/m);

      assert.equal(await succeeds('users', 'enable', 'carol'), 'User carol enabled\n');
      assert.equal(await activeOf('carol'), true);
    });
  });

  describe('groups', () => {
    const isMember = (username: string, groupName: string) =>
      withSite(async (site) => {
        const user = await site.services.store.users.findByUsername(username);
        assert.ok(user);
        return site.services.store.groups.isMember(user.id, groupName);
      });

    it('creates a group, adds a member, removes them and lists the groups', async () => {
      await succeeds('users', 'add', 'dave', '--password', 'pw');
      assert.equal(await succeeds('groups', 'add', 'writers'), 'Created group writers\n');

      assert.equal(await succeeds('groups', 'add-member', 'writers', 'dave'), 'dave added to writers\n');
      assert.equal(await isMember('dave', 'writers'), true);

      assert.equal(
        await succeeds('groups', 'remove-member', 'writers', 'dave'),
        'dave removed from writers\n',
      );
      assert.equal(await isMember('dave', 'writers'), false);

      const lines = (await succeeds('groups', 'list')).trim().split('\n');
      assert.ok(lines.includes('writers'));
      assert.ok(lines.includes('confluence-administrators'));
      assert.ok(lines.includes('confluence-users'));

      const listed = JSON.parse(await succeeds('groups', 'list', '--json')) as Array<{ name: string }>;
      assert.ok(listed.some((group) => group.name === 'writers'));
    });

    it('fails with exit code 1 for an unknown group', async () => {
      assertOneLineFailure(await cli('groups', 'add-member', 'no-such-group', 'dave'), 1, /no-such-group/);
    });

    it('fails with exit code 1 when the group already exists', async () => {
      assertOneLineFailure(await cli('groups', 'add', 'writers'), 1, /already exists/);
    });
  });

  describe('tokens', () => {
    interface ListedToken {
      id: number;
      name: string;
      revokedAtMs: number | null;
    }
    const tokensOf = async (username: string) =>
      JSON.parse(await succeeds('tokens', 'list', username, '--json')) as ListedToken[];

    it('creates a token, lists it as active, and lists it as revoked once revoked', async () => {
      const secret = (await succeeds('tokens', 'create', 'admin', '--name', 'list-me')).trim();
      assert.match(secret, /^trb_\S+$/);

      const created = (await tokensOf('admin')).find((token) => token.name === 'list-me');
      assert.ok(created);
      assert.equal(created.revokedAtMs, null);
      assert.match(
        await succeeds('tokens', 'list', 'admin'),
        new RegExp(`^${created.id}\\tlist-me\\t.*\\tactive$`, 'm'),
      );
      assert.ok(
        !(await succeeds('tokens', 'list', 'admin', '--json')).includes(secret),
        'the secret is never listed',
      );

      assert.equal(await succeeds('tokens', 'revoke', String(created.id)), `Token ${created.id} revoked\n`);
      const revoked = (await tokensOf('admin')).find((token) => token.id === created.id);
      assert.equal(typeof revoked?.revokedAtMs, 'number');
      assert.match(
        await succeeds('tokens', 'list', 'admin'),
        new RegExp(`^${created.id}\\tlist-me\\t.*\\trevoked$`, 'm'),
      );
    });

    it('refuses a token id that is not a number with exit code 2', async () => {
      assertOneLineFailure(await cli('tokens', 'revoke', 'abc'), 2, /abc/);
    });

    it('fails with exit code 1 when revoking a token that does not exist', async () => {
      assertOneLineFailure(await cli('tokens', 'revoke', '999999'), 1, /999999/);
    });

    it('fails with exit code 1 when creating a token for an unknown user', async () => {
      assertOneLineFailure(await cli('tokens', 'create', 'nobody'), 1, /nobody/);
    });

    it('creates a token that authenticates over HTTP as a Bearer token until it is revoked', async () => {
      const secret = (await succeeds('tokens', 'create', 'admin', '--name', 'ci')).trim();
      // On the SQLite file the command line just wrote to, whatever database other tests' servers use.
      const sqlite = `sqlite:${path.join(dataDir, 'tributary.db')}`;
      const server = await startTestServer({ TRIBUTARY_DATABASE_URL: sqlite }, dataDir);
      try {
        const before = await server.request('GET', '/rest/api/user/current', { auth: { bearer: secret } });
        assert.equal(before.status, 200);
        assert.equal((before.body as { username: string }).username, 'admin');

        const tokenId = (await tokensOf('admin')).find((token) => token.name === 'ci')?.id;
        assert.ok(tokenId !== undefined);
        await succeeds('tokens', 'revoke', String(tokenId));

        const after = await server.request('GET', '/rest/api/user/current', { auth: { bearer: secret } });
        assert.equal(after.status, 401);
      } finally {
        await server.stop();
      }
    });
  });

  describe('usage', () => {
    it('prints usage and exits 0 for --help', async () => {
      const result = await cli('--help');
      assert.equal(result.code, 0);
      assert.match(result.out, /^Usage: tributary /m);
      for (const command of ['serve', 'users', 'groups', 'tokens'])
        assert.match(result.out, new RegExp(`^\\s+${command}\\b`, 'm'));
      assert.match(result.out, /TRIBUTARY_PORT/);
    });

    it('prints the users commands and exits 0 for users --help', async () => {
      const result = await cli('users', '--help');
      assert.equal(result.code, 0);
      assert.match(result.out, /^Usage: tributary users /m);
      for (const command of ['add', 'list', 'passwd', 'disable', 'enable']) {
        assert.match(result.out, new RegExp(`^\\s+${command}\\b`, 'm'));
      }
    });

    it('exits 2 for an unknown command', async () => {
      const result = await cli('frobnicate');
      assert.equal(result.code, 2);
      assert.match(result.err, /unknown command 'frobnicate'/);
    });

    it('exits 2 for a missing argument', async () => {
      const result = await cli('users', 'add');
      assert.equal(result.code, 2);
      assert.match(result.err, /missing required argument/);
    });

    it('exits 2 with one line naming TRIBUTARY_PORT for --port abc', async () => {
      const result = await cli('--port', 'abc', 'users', 'list');
      assert.equal(result.code, 2);
      assert.equal(result.out, '');
      assert.match(result.err, /^tributary: [^\n]*TRIBUTARY_PORT[^\n]*\n$/);
    });

    it('reads a setting flag given after the subcommand too', async () => {
      const result = await cli('users', 'list', '--port', 'abc');
      assert.equal(result.code, 2);
      assert.match(result.err, /^tributary: [^\n]*TRIBUTARY_PORT[^\n]*\n$/);
    });
  });
});
