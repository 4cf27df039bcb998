import type { AppIdentity } from './app.ts';
import type { User } from './user.ts';

/**
 * Who is asking. `system` is the server itself acting for the command line, with every right. Over HTTP
 * the client's address comes along, for the audit log.
 */
export type Principal =
  | {
      kind: 'user';
      user: User;
      isAdministrator: boolean;
      remoteAddress?: string;
      /** Set when the request came with an app's token: the user's rights, less what the app is blocked from. */
      app?: AppIdentity;
    }
  | { kind: 'anonymous'; remoteAddress?: string }
  | { kind: 'system' };

export const systemPrincipal: Principal = Object.freeze({ kind: 'system' });
export const anonymousPrincipal: Principal = Object.freeze({ kind: 'anonymous' });

export function isAdministrator(principal: Principal): boolean {
  return principal.kind === 'system' || (principal.kind === 'user' && principal.isAdministrator);
}
