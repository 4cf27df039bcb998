import { type App, normaliseAppName } from '../../domain/app.ts';
import { conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ApiToken } from '../../domain/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { generateTokenSecret, hashTokenSecret } from '../auth/api-token-secret.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireUserByUsername } from '../users/find-user.ts';

export interface AddAppInput {
  name: string;
  /** Whom the app's token acts as; the app can do no more than this user may. */
  username: string;
}

export interface AddedApp {
  app: App;
  token: ApiToken;
  /** The only time the secret exists outside the app's hands. */
  secret: string;
}

/** Site administrators add an app and its first token, which acts as `username` within the app's rules. */
export async function addApp(deps: ServiceDeps, principal: Principal, input: AddAppInput): Promise<AddedApp> {
  requireAdministrator(principal);
  const name = normaliseAppName(input.name);
  return deps.store.transaction(async (repositories) => {
    const user = await requireUserByUsername(repositories.users, input.username);
    if (await repositories.apps.findByName(name)) throw conflict(`An app named '${name}' already exists`);
    const nowMs = deps.clock.nowMs();
    const app = await repositories.apps.insert(name, nowMs);
    const secret = generateTokenSecret();
    const token = await repositories.tokens.insert({
      userId: user.id,
      name: `app: ${name}`,
      tokenSha256: hashTokenSecret(secret),
      createdAtMs: nowMs,
      expiresAtMs: null,
      appId: app.id,
    });
    const asUser = [{ type: 'user', name: user.displayName, id: user.username }];
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Apps',
      summary: 'App added',
      objectType: 'app',
      objectId: String(app.id),
      objectName: app.name,
      changes: [{ name: 'Name', before: '', after: app.name }],
      associated: asUser,
    });
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Security',
      summary: 'API token created',
      objectType: 'token',
      objectId: String(token.id),
      objectName: token.name,
      changes: [
        { name: 'Name', before: '', after: token.name },
        { name: 'App', before: '', after: app.name },
      ],
      associated: asUser,
    });
    return { app, token, secret };
  });
}
