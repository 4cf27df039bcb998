import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/program.ts';
import type { CliIo } from '../../src/cli/toolkit/toolkit-context.ts';
import { openLiveSite, openSite, openSiteMigration, startServer } from '../../src/main.ts';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface CliResult {
  code: number;
  out: string;
  err: string;
}

/**
 * `tributary apps …` on the data directory of a running server, as an administrator would use it: rules
 * take effect on the server's next request.
 */
describe('tributary apps', () => {
  let site: TestServer;
  let pageId: string;
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    // The command line reads TRIBUTARY_* settings; none from the environment may point it elsewhere.
    for (const name of Object.keys(process.env).filter((key) => key.startsWith('TRIBUTARY_'))) {
      savedEnv[name] = process.env[name];
      delete process.env[name];
    }
    site = await startTestServer();
    await aUser(site, 'ada');
    await aSpace(site, 'SEC');
    await aSpace(site, 'OPEN');
    pageId = String((await aPage(site, 'SEC', 'Secret plans')).id);
  });
  after(async () => {
    await site.dispose();
    for (const [name, value] of Object.entries(savedEnv)) process.env[name] = value;
  });

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
      ['node', 'tributary', ...site.siteFlags, ...args],
      { openSite, openLiveSite, startServer, openSiteMigration },
      io,
    );
    return { code, out, err };
  };
  const succeeds = async (...args: string[]) => {
    const result = await cli(...args);
    assert.equal(result.code, 0, `tributary ${args.join(' ')} failed: ${result.err}`);
    assert.equal(result.err, '');
    return result.out;
  };
  const fails = async (code: number, pattern: RegExp, ...args: string[]) => {
    const result = await cli(...args);
    assert.equal(result.code, code, `tributary ${args.join(' ')}: ${result.out}${result.err}`);
    assert.equal(result.out, '');
    assert.match(result.err, pattern);
  };
  const pageStatus = async (secret: string) =>
    (await site.request('GET', `/rest/api/content/${pageId}`, { auth: { bearer: secret } })).status;

  it('describes every apps command in --help', async () => {
    const help = await succeeds('apps', '--help');
    for (const command of ['add', 'list', 'rules', 'block', 'unblock', 'remove']) {
      assert.match(help, new RegExp(`^\\s+${command}\\b`, 'm'), `${command} is listed`);
    }
    assert.match(await succeeds('apps', 'add', '--help'), /--user <username>/);
    assert.match(await succeeds('apps', 'rules', '--help'), /--json/);
  });

  it('adds an app, blocks and unblocks it, and removes it, each taking effect on the running server', async () => {
    const secret = (await succeeds('apps', 'add', 'Reporter', '--user', 'ada')).trim();
    assert.match(secret, /^\S{20,}$/, 'only the token is printed');
    assert.equal(await pageStatus(secret), 200);

    assert.equal(
      await succeeds('apps', 'block', 'reporter', 'SEC', 'OPEN'),
      'App Reporter is blocked from OPEN, SEC\n',
    );
    assert.equal(await pageStatus(secret), 404);
    assert.equal(await succeeds('apps', 'rules'), 'Reporter\tOPEN, SEC\n');

    assert.equal(await succeeds('apps', 'unblock', 'Reporter', 'SEC'), 'App Reporter is blocked from OPEN\n');
    assert.equal(await pageStatus(secret), 200);
    assert.equal(
      await succeeds('apps', 'unblock', 'Reporter', 'OPEN'),
      'App Reporter is blocked from no space\n',
    );
    assert.equal(await succeeds('apps', 'rules', 'Reporter'), 'Reporter\t-\n');

    assert.equal(await succeeds('apps', 'remove', 'Reporter'), 'App Reporter removed; 1 token revoked\n');
    assert.equal(await pageStatus(secret), 401);
    assert.equal(await succeeds('apps', 'list'), '');
  });

  it('lists apps and rules as JSON', async () => {
    await succeeds('apps', 'add', 'Indexer', '--user', 'admin');
    await succeeds('apps', 'add', 'Backup', '--user', 'ada');
    await succeeds('apps', 'block', 'Indexer', 'SEC');
    try {
      const secId = Number(
        ((await site.request('GET', '/wiki/api/v2/spaces?keys=SEC')).body as { results: { id: string }[] })
          .results[0]?.id,
      );
      assert.deepEqual(JSON.parse(await succeeds('apps', 'rules', '--json')), [
        { app: 'Backup', blockedSpaces: [] },
        { app: 'Indexer', blockedSpaces: [{ id: secId, key: 'SEC', name: 'SEC space' }] },
      ]);
      const one = JSON.parse(await succeeds('apps', 'rules', 'Indexer', '--json')) as { app: string }[];
      assert.deepEqual(
        one.map((rule) => rule.app),
        ['Indexer'],
      );
      const listed = JSON.parse(await succeeds('apps', 'list', '--json')) as Record<string, unknown>[];
      assert.deepEqual(
        listed.map(({ name, usableTokens, blockedSpaceCount }) => ({
          name,
          usableTokens,
          blockedSpaceCount,
        })),
        [
          { name: 'Backup', usableTokens: 1, blockedSpaceCount: 0 },
          { name: 'Indexer', usableTokens: 1, blockedSpaceCount: 1 },
        ],
      );
      assert.ok(listed.every((app) => typeof app.id === 'number' && typeof app.createdAt === 'string'));
      const text = await succeeds('apps', 'list');
      assert.match(text, /^Indexer\tcreated \d{4}-\d{2}-\d{2}T[^\t]+\t1 token\tblocked from 1 space$/m);
    } finally {
      await succeeds('apps', 'remove', 'Indexer');
      await succeeds('apps', 'remove', 'Backup');
    }
  });

  it('refuses bad requests with exit code 2 and failed ones with 1, changing nothing', async () => {
    await succeeds('apps', 'add', 'Mirror', '--user', 'ada');
    try {
      await fails(2, /required option '--user <username>'/, 'apps', 'add', 'Other');
      await fails(2, /missing required argument 'spaceKeys'/, 'apps', 'block', 'Mirror');
      await fails(
        2,
        /^tributary: App name must be 1-100 characters on one line\n$/,
        'apps',
        'add',
        ' ',
        '--user',
        'ada',
      );
      await fails(
        1,
        /^tributary: An app named 'mirror' already exists\n$/,
        'apps',
        'add',
        'mirror',
        '--user',
        'ada',
      );
      await fails(
        1,
        /^tributary: No user found with username: nobody\n$/,
        'apps',
        'add',
        'Else',
        '--user',
        'nobody',
      );
      await fails(1, /^tributary: No app found with name: Nope\n$/, 'apps', 'block', 'Nope', 'SEC');
      await fails(1, /^tributary: No app found with name: Nope\n$/, 'apps', 'rules', 'Nope');
      await fails(1, /^tributary: No app found with name: Nope\n$/, 'apps', 'remove', 'Nope');
      await fails(1, /^tributary: No space with key NOPE\n$/, 'apps', 'block', 'Mirror', 'SEC', 'NOPE');
      assert.equal(await succeeds('apps', 'rules', 'Mirror'), 'Mirror\t-\n', 'SEC was not blocked either');
      assert.deepEqual(
        (JSON.parse(await succeeds('apps', 'list', '--json')) as { name: string }[]).map((app) => app.name),
        ['Mirror'],
      );
    } finally {
      await succeeds('apps', 'remove', 'Mirror');
    }
  });
});
