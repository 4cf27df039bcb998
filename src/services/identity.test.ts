import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { isDomainError } from '../../test/support/domain-errors.ts';
import type { Config } from '../config/config.ts';
import { loadConfig } from '../config/load-config.ts';
import type { ErrorCode } from '../domain/errors.ts';
import { anonymousPrincipal, type Principal, systemPrincipal } from '../domain/principal.ts';
import { administratorsGroup, type User, usersGroup } from '../domain/user.ts';
import { openSite, type Site } from '../main.ts';
import type { Clock } from '../ports/clock.ts';
import { type Credentials, createAuthenticator } from './auth/authenticate.ts';
import type { ServiceDeps } from './deps.ts';
import { changeMembership } from './groups/change-membership.ts';
import { createGroup } from './groups/create-group.ts';
import { deleteGroup } from './groups/delete-group.ts';
import { createToken } from './tokens/create-token.ts';
import { revokeToken } from './tokens/revoke-token.ts';
import { changeOwnPassword, setPassword } from './users/change-password.ts';
import { createUser } from './users/create-user.ts';
import { setUserActive } from './users/set-user-active.ts';

const adminPassword = 'pw';
const dayMs = 86_400_000;
const everything = { start: 0, limit: 100 };

interface FakeClock extends Clock {
  advance(ms: number): void;
}

function fakeClock(startMs = Date.UTC(2025, 0, 1)): FakeClock {
  let nowMs = startMs;
  return {
    nowMs: () => nowMs,
    advance(ms) {
      nowMs += ms;
    },
  };
}

/** An assert.rejects validator: the promise failed with a DomainError of this kind. */
const domainError = (kind: ErrorCode) => (error: unknown) => {
  assert.ok(isDomainError(error, kind), `expected a DomainError (${kind}), got ${String(error)}`);
  return true;
};

const basic = (login: string, secret: string): Credentials => ({ scheme: 'basic', login, secret });
const bearer = (token: string): Credentials => ({ scheme: 'bearer', token });
const noCredentials: Credentials = { scheme: 'none' };

const usernameOf = (principal: Principal) =>
  principal.kind === 'user' ? principal.user.username : undefined;

describe('identity use cases over the real SQLite store', () => {
  let dataDir: string;
  let config: Config;
  let site: Site;
  let clock: FakeClock;
  let deps: ServiceDeps;

  const reopen = async () => {
    await site.close();
    site = await openSite(config);
    deps = { ...site.services, clock };
  };
  const authenticator = (anonymousAccess = false) =>
    createAuthenticator(deps, { anonymousAccess, sessionIdleMs: 3_600_000 });
  const signIn = (login: string, secret: string) => authenticator().authenticate(basic(login, secret));
  const addBob = () =>
    createUser(deps, systemPrincipal, {
      username: 'bob',
      displayName: 'Bob Builder',
      email: 'Bob@Example.com',
      password: 'bob-pw',
    });
  const groupNamesOf = async (user: User) =>
    (await deps.store.groups.groupsOf(user.id, everything)).items.map((group) => group.name);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tributary-identity-'));
    config = loadConfig({
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_LOG_LEVEL: 'silent',
      TRIBUTARY_ADMIN_PASSWORD: adminPassword,
    });
    site = await openSite(config);
    clock = fakeClock();
    deps = { ...site.services, clock };
  });
  afterEach(async () => {
    await site.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('initialiseSite', () => {
    it('creates both built-in groups and puts admin in both on the first open', async () => {
      assert.deepEqual(site.initialisation.createdAdmin, {
        username: 'admin',
        password: adminPassword,
        generated: false,
      });
      const groups = await deps.store.groups.list(everything);
      assert.deepEqual(groups.items.map((group) => group.name).sort(), [administratorsGroup, usersGroup]);
      const admin = await deps.store.users.findByUsername('admin');
      assert.ok(admin);
      assert.deepEqual((await groupNamesOf(admin)).sort(), [administratorsGroup, usersGroup]);
    });

    it('creates nothing when the site is opened a second time', async () => {
      await reopen();
      assert.deepEqual(site.initialisation, {});
      assert.deepEqual(site.appliedMigrations, []);
      assert.equal(await deps.store.users.count(), 1);
      assert.equal((await deps.store.groups.list(everything)).total, 2);
    });
  });

  describe('createUser', () => {
    it('stores the username and email in lower case and adds the user to confluence-users', async () => {
      const user = await createUser(deps, systemPrincipal, {
        username: '  Bob.Builder ',
        displayName: 'Bob',
        email: 'Bob@Example.COM',
      });
      assert.equal(user.username, 'bob.builder');
      assert.equal(user.email, 'bob@example.com');
      assert.equal((await deps.store.users.findByUsername('BOB.builder'))?.id, user.id);
      assert.deepEqual(await groupNamesOf(user), [usersGroup]);
    });

    for (const username of ['', '   ', 'has space', 'a/b', '-leading-dash', 'x'.repeat(256)]) {
      it(`rejects the username ${JSON.stringify(username)} as a bad request`, async () => {
        await assert.rejects(
          createUser(deps, systemPrincipal, { username, displayName: 'Someone' }),
          domainError('invalid_request'),
        );
      });
    }

    for (const email of ['not-an-email', 'two words@example.com', '@example.com', 'bob@']) {
      it(`rejects the email ${JSON.stringify(email)} as a bad request`, async () => {
        await assert.rejects(
          createUser(deps, systemPrincipal, { username: 'carol', displayName: 'Carol', email }),
          domainError('invalid_request'),
        );
        assert.equal(await deps.store.users.findByUsername('carol'), undefined);
      });
    }

    it('refuses a username that is taken, in any case, as a conflict', async () => {
      await addBob();
      await assert.rejects(
        createUser(deps, systemPrincipal, { username: 'BOB', displayName: 'Another Bob' }),
        domainError('state_conflict'),
      );
    });

    it('refuses an email that is taken, in any case, as a conflict', async () => {
      await addBob();
      await assert.rejects(
        createUser(deps, systemPrincipal, { username: 'robert', displayName: 'R', email: 'BOB@example.com' }),
        domainError('state_conflict'),
      );
      assert.equal(await deps.store.users.findByUsername('robert'), undefined);
    });

    it('lets only administrators create users', async () => {
      await addBob();
      const bob = await signIn('bob', 'bob-pw');
      const admin = await signIn('admin', adminPassword);
      for (const principal of [anonymousPrincipal, bob]) {
        await assert.rejects(
          createUser(deps, principal, { username: 'carol', displayName: 'Carol' }),
          domainError('permission_denied'),
        );
      }
      const carol = await createUser(deps, admin, { username: 'carol', displayName: 'Carol' });
      assert.equal(carol.username, 'carol');
    });
  });

  describe('createAuthenticator', () => {
    it('signs in with Basic username and password', async () => {
      const principal = await signIn('admin', adminPassword);
      assert.equal(usernameOf(principal), 'admin');
    });

    it('signs in with Basic username in any case', async () => {
      await addBob();
      assert.equal(usernameOf(await signIn('BoB', 'bob-pw')), 'bob');
    });

    it('signs in with Basic email in any case', async () => {
      await addBob();
      assert.equal(usernameOf(await signIn('BOB@example.COM', 'bob-pw')), 'bob');
    });

    it('accepts an API token as the Basic password, as Cloud clients send email:api_token', async () => {
      await addBob();
      const { secret } = await createToken(deps, systemPrincipal, { username: 'bob', name: 'ci' });
      assert.equal(usernameOf(await signIn('bob@example.com', secret)), 'bob');
      assert.equal(usernameOf(await signIn('bob', secret)), 'bob');
    });

    it("refuses another user's API token as the Basic password", async () => {
      await addBob();
      const { secret } = await createToken(deps, systemPrincipal, { username: 'bob', name: 'ci' });
      await assert.rejects(signIn('admin', secret), domainError('not_signed_in'));
    });

    it('accepts an API token as a Bearer token', async () => {
      await addBob();
      const { secret } = await createToken(deps, systemPrincipal, { username: 'bob', name: 'ci' });
      assert.equal(usernameOf(await authenticator().authenticate(bearer(secret))), 'bob');
    });

    it('refuses a wrong password, an unknown user and an unknown token as unauthenticated', async () => {
      await addBob();
      await assert.rejects(signIn('bob', 'wrong'), domainError('not_signed_in'));
      await assert.rejects(signIn('bob', ''), domainError('not_signed_in'));
      await assert.rejects(signIn('nobody', 'bob-pw'), domainError('not_signed_in'));
      await assert.rejects(signIn('nobody@example.com', 'bob-pw'), domainError('not_signed_in'));
      await assert.rejects(authenticator().authenticate(bearer('trb_nope')), domainError('not_signed_in'));
    });

    it('refuses a disabled user by password and by token, even after an earlier success', async () => {
      await addBob();
      const { secret } = await createToken(deps, systemPrincipal, { username: 'bob', name: 'ci' });
      const auth = authenticator();
      await auth.authenticate(basic('bob', 'bob-pw'));
      await setUserActive(deps, systemPrincipal, 'bob', false);
      await assert.rejects(auth.authenticate(basic('bob', 'bob-pw')), domainError('not_signed_in'));
      await assert.rejects(auth.authenticate(basic('bob', secret)), domainError('not_signed_in'));
      await assert.rejects(auth.authenticate(bearer(secret)), domainError('not_signed_in'));
    });

    it('refuses a revoked token', async () => {
      await addBob();
      const { token, secret } = await createToken(deps, systemPrincipal, { username: 'bob', name: 'ci' });
      await authenticator().authenticate(bearer(secret));
      await revokeToken(deps, systemPrincipal, token.id);
      await assert.rejects(authenticator().authenticate(bearer(secret)), domainError('not_signed_in'));
      await assert.rejects(signIn('bob', secret), domainError('not_signed_in'));
    });

    it('accepts a token until the moment it expires and refuses it from then on', async () => {
      await addBob();
      const { token, secret } = await createToken(deps, systemPrincipal, {
        username: 'bob',
        name: 'short-lived',
        expiresInDays: 1,
      });
      assert.equal(token.expiresAtMs, clock.nowMs() + dayMs);
      clock.advance(dayMs - 1);
      assert.equal(usernameOf(await authenticator().authenticate(bearer(secret))), 'bob');
      clock.advance(1);
      await assert.rejects(authenticator().authenticate(bearer(secret)), domainError('not_signed_in'));
      await assert.rejects(signIn('bob', secret), domainError('not_signed_in'));
    });

    it('refuses a request without credentials when anonymous access is off', async () => {
      await assert.rejects(authenticator(false).authenticate(noCredentials), domainError('not_signed_in'));
    });

    it('lets a request without credentials in as the anonymous user when anonymous access is on', async () => {
      const principal = await authenticator(true).authenticate(noCredentials);
      assert.deepEqual(principal, { kind: 'anonymous' });
    });

    it('marks admin as an administrator and a plain user as not', async () => {
      await addBob();
      const admin = await signIn('admin', adminPassword);
      const bob = await signIn('bob', 'bob-pw');
      assert.equal(admin.kind === 'user' && admin.isAdministrator, true);
      assert.equal(bob.kind === 'user' && bob.isAdministrator, false);
    });

    it('refuses the old password after a reset even though it was verified before', async () => {
      await addBob();
      const auth = authenticator();
      await auth.authenticate(basic('bob', 'bob-pw'));
      await auth.authenticate(basic('bob', 'bob-pw'));
      await setPassword(deps, systemPrincipal, 'bob', 'new-pw');
      await assert.rejects(auth.authenticate(basic('bob', 'bob-pw')), domainError('not_signed_in'));
      assert.equal(usernameOf(await auth.authenticate(basic('bob', 'new-pw'))), 'bob');
    });
  });

  describe('changeOwnPassword', () => {
    it('changes the password when the old one is right, and the old one stops working', async () => {
      await addBob();
      const auth = authenticator();
      const bob = await auth.authenticate(basic('bob', 'bob-pw'));
      await changeOwnPassword(deps, bob, 'bob-pw', 'fresh-pw');
      await assert.rejects(auth.authenticate(basic('bob', 'bob-pw')), domainError('not_signed_in'));
      assert.equal(usernameOf(await auth.authenticate(basic('bob', 'fresh-pw'))), 'bob');
    });

    it('refuses a wrong old password as forbidden and keeps the current one', async () => {
      await addBob();
      const bob = await signIn('bob', 'bob-pw');
      await assert.rejects(
        changeOwnPassword(deps, bob, 'not-it', 'fresh-pw'),
        domainError('permission_denied'),
      );
      assert.equal(usernameOf(await signIn('bob', 'bob-pw')), 'bob');
      await assert.rejects(signIn('bob', 'fresh-pw'), domainError('not_signed_in'));
    });

    it('refuses the anonymous user as forbidden', async () => {
      await assert.rejects(
        changeOwnPassword(deps, anonymousPrincipal, adminPassword, 'fresh-pw'),
        domainError('permission_denied'),
      );
    });
  });

  describe('deleteGroup', () => {
    for (const name of [administratorsGroup, usersGroup]) {
      it(`refuses to delete the built-in group ${name}`, async () => {
        await assert.rejects(deleteGroup(deps, systemPrincipal, name), domainError('invalid_request'));
        assert.ok(await deps.store.groups.findByName(name));
      });
    }

    it('deletes a group that is not built in', async () => {
      await createGroup(deps, systemPrincipal, 'Builders');
      await deleteGroup(deps, systemPrincipal, 'builders');
      assert.equal(await deps.store.groups.findByName('builders'), undefined);
    });
  });

  describe('changeMembership', () => {
    it('refuses to let an administrator remove themselves from confluence-administrators', async () => {
      const admin = await signIn('admin', adminPassword);
      await assert.rejects(
        changeMembership(deps, admin, { username: 'admin', groupName: administratorsGroup, member: false }),
        domainError('invalid_request'),
      );
      assert.equal(
        admin.kind === 'user' && (await groupNamesOf(admin.user)).includes(administratorsGroup),
        true,
      );
    });

    it('lets an administrator remove another administrator', async () => {
      const bobUser = await addBob();
      const admin = await signIn('admin', adminPassword);
      await changeMembership(deps, admin, { username: 'bob', groupName: administratorsGroup, member: true });
      const promoted = await signIn('bob', 'bob-pw');
      assert.equal(promoted.kind === 'user' && promoted.isAdministrator, true);
      await changeMembership(deps, admin, { username: 'bob', groupName: administratorsGroup, member: false });
      assert.deepEqual(await groupNamesOf(bobUser), [usersGroup]);
    });
  });

  describe('API token secrets', () => {
    it('are stored only as their SHA-256, never in any column of any table', async () => {
      await addBob();
      const { token, secret } = await createToken(deps, systemPrincipal, { username: 'bob', name: 'ci' });
      assert.equal(config.database.kind, 'sqlite');
      const database = new Database(config.database.path, { readonly: true });
      try {
        const tables = database
          .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
          .all()
          .map((row) => row.name);
        const leaks: string[] = [];
        for (const table of tables) {
          const rows = database.prepare<[], Record<string, unknown>>(`SELECT * FROM "${table}"`).all();
          for (const row of rows) {
            for (const [column, value] of Object.entries(row)) {
              if (typeof value === 'string' && value.includes(secret)) leaks.push(`${table}.${column}`);
            }
          }
        }
        assert.deepEqual(leaks, []);
        const stored = database
          .prepare<[number], { token_sha256: string }>('SELECT token_sha256 FROM api_tokens WHERE id = ?')
          .get(token.id);
        assert.equal(stored?.token_sha256, createHash('sha256').update(secret).digest('hex'));
      } finally {
        database.close();
      }
    });
  });
});
