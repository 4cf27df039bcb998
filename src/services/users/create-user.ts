import { randomBytes, randomUUID } from 'node:crypto';
import { conflict, DomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { type User, usersGroup } from '../../domain/user.ts';
import {
  checkPassword,
  normaliseDisplayName,
  normaliseEmail,
  normaliseUsername,
} from '../../domain/user-rules.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword, type PasswordOrigin } from '../auth/passwords.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

export interface CreateUserInput {
  username: string;
  /** Omitted: the username. */
  displayName?: string | undefined;
  /** Omitted, null or empty: none. */
  email?: string | null | undefined;
  /** Omitted: the user can sign in only with API tokens. */
  password?: string | undefined;
  /** Whether the password was generated at random rather than chosen (it is then hashed more cheaply). */
  passwordOrigin?: PasswordOrigin;
  /** False for an invited user: not in confluence-users, so without site access until given it. */
  licensed?: boolean;
}

/** Creates an active user in confluence-users, as Confluence's user directory does. */
export async function createUser(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateUserInput,
): Promise<User> {
  requireAdministrator(principal);
  const username = normaliseUsername(input.username);
  const displayName = normaliseDisplayName(input.displayName ?? username);
  const email = normaliseEmail(input.email);
  const passwordHash =
    input.password === undefined
      ? null
      : await hashPassword(checkPassword(input.password), input.passwordOrigin);

  return deps.store.transaction(async (repositories) => {
    if (await repositories.users.findByUsername(username)) {
      throw conflict(`A user with the username ${username} already exists`, { username });
    }
    if (email && (await repositories.users.findByLogin(email))) {
      throw conflict(`A user with the email ${email} already exists`, { email });
    }
    const nowMs = deps.clock.nowMs();
    const user = await repositories.users.insert({
      username,
      userKey: randomBytes(16).toString('hex'),
      accountId: `557058:${randomUUID()}`,
      displayName,
      email,
      passwordHash,
      createdAtMs: nowMs,
    });
    if (input.licensed !== false) {
      const everyone = await repositories.groups.findByName(usersGroup);
      if (!everyone)
        throw new DomainError('dependency_unavailable', { detail: `The ${usersGroup} group is missing` });
      await repositories.groups.addMember(everyone.id, user.id, nowMs);
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Users and groups',
      summary: input.licensed === false ? 'User invited' : 'User created',
      webhookEvent: 'user_created',
      objectType: 'user',
      objectId: username,
      objectName: user.displayName,
      changes: [
        { name: 'Username', before: '', after: user.username },
        { name: 'Display name', before: '', after: user.displayName },
        { name: 'Email', before: '', after: user.email },
      ],
    });
    return user;
  });
}
