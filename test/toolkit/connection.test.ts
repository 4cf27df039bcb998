/**
 * Where the toolkit gets its server and credentials: flags, then TRIBUTARY_* variables, then a profile
 * file; Basic or Bearer; and never a secret in its output. Plus the help text of each command.
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { createToken } from '../../src/services/tokens/create-token.ts';
import { anUpload } from '../support/builders.ts';
import { adminPassword, startTestServer, type TestServer } from '../support/test-server.ts';
import { aPageToWorkOn, isolateEnvironment, succeeds, tributary } from './toolkit-support.ts';

describe('toolkit connection settings', () => {
  const environment = isolateEnvironment();
  let site: TestServer;
  let pageId: string;
  let token: string;
  let profileFile: string;

  const ls = (...args: string[]) => tributary('attachments', 'ls', '--page', pageId, '--json', ...args);
  const listedTitles = (out: string) =>
    (JSON.parse(out) as Array<{ title: string }>).map((entry) => entry.title);
  const writeProfiles = async (profiles: unknown, mode = 0o600) => {
    await mkdir(path.dirname(profileFile), { recursive: true });
    await writeFile(profileFile, JSON.stringify(profiles));
    await chmod(profileFile, mode);
  };

  before(async () => {
    await environment.setUp();
    site = await startTestServer();
    pageId = await aPageToWorkOn(site, 'CON');
    await anUpload(site, pageId, [{ name: 'visible.txt', content: 'x' }]);
    token = (
      await createToken(site.server.site.services, systemPrincipal, { username: 'admin', name: 'toolkit' })
    ).secret;
    // isolateEnvironment points XDG_CONFIG_HOME into the work folder: this is the default profile file.
    profileFile = path.join(environment.workDir(), 'config', 'tributary', 'profiles.json');
  });

  after(async () => {
    await site.dispose();
    await environment.restore();
  });

  beforeEach(async () => {
    for (const name of [
      'TRIBUTARY_URL',
      'TRIBUTARY_USER',
      'TRIBUTARY_TOKEN',
      'TRIBUTARY_BEARER',
      'TRIBUTARY_PROFILE',
      'TRIBUTARY_CONNECTION_PROFILE',
    ]) {
      delete process.env[name];
    }
    await writeProfiles({});
  });

  it('takes the server and Basic credentials from TRIBUTARY_URL, TRIBUTARY_USER and TRIBUTARY_TOKEN', async () => {
    process.env.TRIBUTARY_URL = site.reachableUrl;
    process.env.TRIBUTARY_USER = 'admin';
    process.env.TRIBUTARY_TOKEN = adminPassword;
    const result = await ls();
    assert.equal(result.code, 0, result.err);
    assert.deepEqual(listedTitles(result.out), ['visible.txt']);
  });

  it('signs in with an API token as the Basic secret, or as a Bearer token', async () => {
    assert.equal((await ls('--url', site.reachableUrl, '--user', 'admin', '--token', token)).code, 0);
    const bearer = await ls('--url', site.reachableUrl, '--bearer', token);
    assert.equal(bearer.code, 0, bearer.err);
    assert.deepEqual(listedTitles(bearer.out), ['visible.txt']);
  });

  it('lets a flag win over the environment, so a --bearer beats TRIBUTARY_USER and TRIBUTARY_TOKEN', async () => {
    process.env.TRIBUTARY_URL = 'http://127.0.0.1:9';
    process.env.TRIBUTARY_USER = 'admin';
    process.env.TRIBUTARY_TOKEN = 'wrong';
    const result = await ls('--url', site.reachableUrl, '--bearer', token);
    assert.equal(result.code, 0, result.err);
  });

  it('uses the default profile, a named one with --profile, and flags over either', async () => {
    await writeProfiles({
      default: { url: site.reachableUrl, user: 'admin', token: adminPassword },
      elsewhere: { url: 'http://127.0.0.1:9', bearer: 'nope', flavour: 'datacenter' },
      tokened: { url: site.reachableUrl, bearer: token },
    });
    assert.deepEqual(listedTitles(await succeeds('attachments', 'ls', '--page', pageId, '--json')), [
      'visible.txt',
    ]);
    assert.equal((await ls('--profile', 'tokened')).code, 0);
    const unreachable = await ls('--profile', 'elsewhere');
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.err, /ECONNREFUSED/);
    const overridden = await ls('--profile', 'elsewhere', '--url', site.reachableUrl, '--bearer', token);
    assert.equal(overridden.code, 0, overridden.err);
    process.env.TRIBUTARY_CONNECTION_PROFILE = 'tokened';
    assert.equal((await ls()).code, 0);
  });

  it('leaves TRIBUTARY_PROFILE to the server, and refuses it where it still names a connection', async () => {
    await writeProfiles({
      default: { url: 'http://127.0.0.1:9', bearer: 'nope' },
      tokened: { url: site.reachableUrl, bearer: token },
    });
    process.env.TRIBUTARY_PROFILE = 'cloud';
    process.env.TRIBUTARY_CONNECTION_PROFILE = 'tokened';
    assert.equal((await ls()).code, 0);
    delete process.env.TRIBUTARY_CONNECTION_PROFILE;
    process.env.TRIBUTARY_PROFILE = 'tokened';
    const refused = await ls();
    assert.equal(refused.code, 2, refused.err);
    assert.match(
      refused.err,
      /TRIBUTARY_PROFILE=tokened names no server profile.*TRIBUTARY_CONNECTION_PROFILE/,
    );
    assert.equal((await ls('--profile', 'tokened')).code, 0);
  });

  it("keeps a profile's credentials to its own server and its own user", async () => {
    await writeProfiles({ default: { url: site.reachableUrl, user: 'admin', token: adminPassword } });
    assert.equal((await ls()).code, 0);
    // The same server under another name is another origin: the profile's secret is not sent there.
    const otherOrigin = new URL(site.reachableUrl);
    otherOrigin.hostname = otherOrigin.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const elsewhere = await ls('--url', otherOrigin.href);
    assert.equal(elsewhere.code, 1, elsewhere.err);
    assert.match(elsewhere.err, /401|credentials|sign in/i);
    const someoneElse = await ls('--user', 'someoneelse');
    assert.equal(someoneElse.code, 2, someoneElse.err);
    assert.match(someoneElse.err, /--user needs --token/);
  });

  it('reads a profile file named with --profile-file, and warns when others can read it', async () => {
    const elsewhere = path.join(environment.workDir(), 'team-profiles.json');
    await writeFile(elsewhere, JSON.stringify({ ci: { url: site.reachableUrl, bearer: token } }));
    await chmod(elsewhere, 0o644);
    const result = await ls('--profile-file', elsewhere, '--profile', 'ci');
    assert.equal(result.code, 0, result.err);
    if (process.platform !== 'win32') assert.match(result.err, /can be read by other users; chmod 600 it/);
  });

  it('refuses unusable settings with one line and exit 2', async () => {
    await writeProfiles({ typo: { url: site.reachableUrl, usr: 'admin' } });
    const cases: Array<[string[], RegExp]> = [
      [[], /Name the server with --url, TRIBUTARY_URL or a profile/],
      [['--url', 'ftp://example.com'], /--url must be an http:\/\/ or https:\/\/ URL/],
      [['--url', 'http://admin:pw@example.com'], /not in the URL/],
      [['--url', site.reachableUrl, '--token', 'x'], /--token needs --user/],
      [['--url', site.reachableUrl, '--user', 'admin'], /--user needs --token/],
      [
        ['--url', site.reachableUrl, '--user', 'a', '--token', 'b', '--bearer', 'c'],
        /either --user and --token .* or --bearer/,
      ],
      [
        ['--url', site.reachableUrl, '--flavour', 'server'],
        /--flavour must be one of tributary, cloud, datacenter/,
      ],
      [
        ['--url', site.reachableUrl, '--concurrency', '0'],
        /--concurrency must be a whole number from 1 to 64/,
      ],
      [
        ['--url', site.reachableUrl, '--max-wait', '7200'],
        /--max-wait must be a whole number from 0 to 3600/,
      ],
      [['--profile', 'missing'], /No profile 'missing' in .*profiles\.json; it has typo/],
      [['--profile', 'typo'], /unknown key 'usr'/],
    ];
    for (const [flags, message] of cases) {
      const result = await ls(...flags);
      assert.equal(result.code, 2, `${flags.join(' ')}: ${result.err}`);
      assert.match(result.err, message);
    }
  });

  it('reports refused credentials without ever printing the secret', async () => {
    const secret = 'an-unlikely-secret-4711';
    const result = await ls('--url', site.reachableUrl, '--user', 'admin', '--token', secret);
    assert.equal(result.code, 1);
    assert.match(result.err, /answered 401/);
    for (const text of [result.out, result.err]) {
      assert.ok(!text.includes(secret));
      assert.ok(!text.includes(Buffer.from(`admin:${secret}`).toString('base64')));
    }
  });

  it('explains each command with examples in its help', async () => {
    const group = await tributary('attachments', '--help');
    assert.equal(group.code, 0);
    assert.match(group.out, /ls \[options\]/);
    assert.match(group.out, /upload \[options\] <paths\.\.\.>/);
    assert.match(group.out, /download \[options\] <dir>/);
    assert.match(group.out, /--bearer/);
    for (const command of ['ls', 'upload', 'download']) {
      const help = await tributary('attachments', command, '--help');
      assert.equal(help.code, 0);
      assert.match(help.out, /Examples:\n {2}tributary attachments /);
      assert.match(help.out, /--url <url>/);
      assert.match(help.out, /--concurrency <n>/);
      assert.match(help.out, /--max-wait <seconds>/);
    }
  });
});
